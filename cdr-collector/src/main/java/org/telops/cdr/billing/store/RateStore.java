package org.telops.cdr.billing.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.telops.cdr.billing.rating.ProviderPrices;
import org.telops.cdr.billing.rating.Rate;
import org.telops.cdr.billing.rating.RateBook;
import org.telops.cdr.billing.rating.RateCardCsv;
import org.telops.cdr.billing.rating.Rounding;

/**
 * Rate cards in PostgreSQL. An import is one version: its rows are added, and an open-ended row of an
 * earlier version for the same carrier, direction and prefix is closed where the new one starts (so a
 * mid-month change keeps the old price for the calls before it). Audited.
 */
public final class RateStore {
  public record ImportedRates(long version, int rows, int closed, String sha256) {}

  private final DataSource db;

  public RateStore(DataSource db) {
    this.db = db;
  }

  public ImportedRates importCsv(InputStream in, String sourceName, String actor) throws IOException, SQLException {
    byte[] bytes = in.readAllBytes(); // rate cards are small (thousands of rows)
    List<Rate> rates = RateCardCsv.read(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    String sha = sha256(bytes);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        long version;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_card_versions (imported_by, source_file, "
            + "file_sha256, row_count) VALUES (?, ?, ?, ?) RETURNING version")) {
          ps.setString(1, actor);
          ps.setString(2, sourceName);
          ps.setString(3, sha);
          ps.setInt(4, rates.size());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
          }
        }
        int closed = 0;
        try (PreparedStatement close = c.prepareStatement("UPDATE rate_cards SET valid_to = ?, superseded_at = now() "
            + "WHERE carrier = ? AND direction = ? AND prefix = ? AND valid_from < ? AND valid_to IS NULL "
            + "AND version IS DISTINCT FROM ?");
             PreparedStatement add = c.prepareStatement("INSERT INTO rate_cards (carrier, direction, prefix, currency, "
                 + "price_per_minute_micros, increment_seconds, minimum_seconds, valid_from, valid_to, version, "
                 + "connect_fee_micros, first_increment_seconds, rounding) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
          for (Rate r : rates) {
            close.setTimestamp(1, Timestamp.from(r.validFrom()));
            close.setString(2, r.carrier());
            close.setString(3, r.direction());
            close.setString(4, r.prefix());
            close.setTimestamp(5, Timestamp.from(r.validFrom()));
            close.setLong(6, version);
            closed += close.executeUpdate();
            add.setString(1, r.carrier());
            add.setString(2, r.direction());
            add.setString(3, r.prefix());
            add.setString(4, r.currency());
            add.setLong(5, r.ratePerMinuteMicros());
            add.setInt(6, r.nextIncrementSeconds());
            add.setInt(7, r.firstIncrementSeconds());
            add.setTimestamp(8, Timestamp.from(r.validFrom()));
            add.setTimestamp(9, r.validTo() == null ? null : Timestamp.from(r.validTo()));
            add.setLong(10, version);
            add.setLong(11, r.connectFeeMicros());
            add.setInt(12, r.firstIncrementSeconds());
            add.setString(13, r.rounding().id());
            add.addBatch();
          }
          add.executeBatch();
        }
        Audit.write(c, actor, "billing.rates.import", "rate_card_versions/" + version,
            Audit.json("rows", rates.size(), "closed", closed, "file", sourceName, "sha256", sha));
        c.commit();
        return new ImportedRates(version, rates.size(), closed, sha);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every rate-card row (current and past: re-rating an old period needs the old prices). */
  public RateBook book() throws SQLException {
    return new RateBook(all());
  }

  public List<Rate> all() throws SQLException {
    List<Rate> rates = new ArrayList<>();
    try (Connection c = db.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT rate_card_id, carrier, direction, prefix, currency, "
             + "connect_fee_micros, price_per_minute_micros, first_increment_seconds, increment_seconds, rounding, "
             + "valid_from, valid_to FROM rate_cards ORDER BY carrier, direction, prefix, valid_from");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp to = rs.getTimestamp(12);
        rates.add(new Rate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5).trim(),
            rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), Rounding.of(rs.getString(10)),
            rs.getTimestamp(11).toInstant(), to == null ? null : to.toInstant()));
      }
    }
    return rates;
  }

  /** Provider prices in force at {@code at}. Components without a row cost nothing (null → 0). */
  public ProviderPrices prices(Instant at) throws SQLException {
    long[] p = new long[4];
    String currency = "USD";
    try (Connection c = db.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (component) component, currency, price_micros "
             + "FROM provider_prices WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
             + "ORDER BY component, valid_from DESC")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setTimestamp(2, Timestamp.from(at));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          currency = rs.getString(2).trim();
          int i = switch (rs.getString(1)) {
            case "stt" -> 0;
            case "llm-in" -> 1;
            case "llm-out" -> 2;
            default -> 3;
          };
          p[i] = rs.getLong(3);
        }
      }
    }
    return new ProviderPrices(currency, p[0], p[1], p[2], p[3]);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
