package org.telops.platform.privacy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.telops.contracts.logging.PhoneMask;

/**
 * Erasure of one subscriber (GDPR/CCPA): every occurrence of the number in CDRs, invoice lines and probe
 * targets is replaced, in one transaction, by {@code erased:<random>} — random per erasure and never kept,
 * so nothing maps it back to the number. Turns carry no number (they are keyed by call id) and keep their
 * latency figures. Blocking JDBC.
 */
public final class Erasure {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Rows changed per table, and the receipt's id (also the audit row's target). */
  public record Receipt(String id, String masked, Map<String, Integer> rows) {}

  private final DataSource dataSource;

  public Erasure(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** E.164: '+' then 8 to 15 digits, the first not 0. */
  public static String checkE164(String e164) {
    if (e164 == null || !e164.matches("\\+[1-9][0-9]{7,14}")) {
      throw new IllegalArgumentException("'" + PhoneMask.mask(String.valueOf(e164)) + "' is not an E.164 number such as "
          + "+14155550100 (URL-encode the + as %2B)");
    }
    return e164;
  }

  public Receipt erase(String e164) {
    checkE164(e164);
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    String pseudonym = "erased:" + HexFormat.of().formatHex(b);
    Map<String, Integer> rows = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // First, while the number still finds its calls: the keys pressed on them (when digits are kept).
        try (PreparedStatement ps = c.prepareStatement("UPDATE call_events SET detail = 'a key (erased)' WHERE kind = 'dtmf' "
            + "AND call_id IN (SELECT call_id FROM calls WHERE from_number = ? OR to_number = ?)")) {
          ps.setString(1, e164);
          ps.setString(2, e164);
          rows.put("call_events", ps.executeUpdate());
        }
        rows.put("calls", update(c, "UPDATE calls SET from_number = CASE WHEN from_number = ? THEN ? ELSE from_number END, "
            + "to_number = CASE WHEN to_number = ? THEN ? ELSE to_number END WHERE from_number = ? OR to_number = ?", e164, pseudonym, 3));
        rows.put("call_turns", 0);
        rows.put("invoice_lines", update(c, "UPDATE invoice_lines SET from_number = CASE WHEN from_number = ? THEN ? ELSE from_number END, "
            + "to_number = CASE WHEN to_number = ? THEN ? ELSE to_number END WHERE from_number = ? OR to_number = ?", e164, pseudonym, 3));
        rows.put("probe_results", update(c, "UPDATE probe_results SET target = ? WHERE target = ?", e164, pseudonym, 1));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("erasure of " + PhoneMask.mask(e164) + " failed, nothing changed: " + e.getMessage(), e);
    }
    return new Receipt(UUID.randomUUID().toString(), PhoneMask.mask(e164), rows);
  }

  /** pairs == 3: (number, pseudonym) × 2 then number × 2; pairs == 1: (pseudonym, number). */
  private static int update(Connection c, String sql, String number, String pseudonym, int pairs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (pairs == 1) {
        ps.setString(1, pseudonym);
        ps.setString(2, number);
      } else {
        ps.setString(1, number);
        ps.setString(2, pseudonym);
        ps.setString(3, number);
        ps.setString(4, pseudonym);
        ps.setString(5, number);
        ps.setString(6, number);
      }
      return ps.executeUpdate();
    }
  }
}
