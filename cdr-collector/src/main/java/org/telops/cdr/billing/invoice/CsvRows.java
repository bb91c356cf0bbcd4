package org.telops.cdr.billing.invoice;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.telops.cdr.billing.rating.Money;

/**
 * Streams a CSV with a header (RFC 4180, commons-csv) one record at a time, constant memory, and reads
 * typed fields naming the line and the column on error. Column names match case-insensitively.
 */
public final class CsvRows implements AutoCloseable {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final Map<String, Integer> header;
  private CSVRecord current;

  public CsvRows(Reader reader) {
    try {
      parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
          .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new CsvLineException(1, null, "the header cannot be read: " + e.getMessage());
    }
    header = parser.getHeaderMap();
    records = parser.iterator();
  }

  public List<String> columns() {
    return parser.getHeaderNames();
  }

  /** The first of {@code names} present in the header, or null. */
  public String column(String... names) {
    for (String n : names) {
      for (String h : header.keySet()) {
        if (h.equalsIgnoreCase(n)) {
          return h;
        }
      }
    }
    return null;
  }

  public String require(String... names) {
    String c = column(names);
    if (c == null) {
      throw new CsvLineException(1, names[0], "missing column " + String.join(" or ", names) + " (header: "
          + String.join(",", columns()) + ")");
    }
    return c;
  }

  /** Calls {@code each} per record; stops at the first error, naming the line. */
  public void forEach(Consumer<CsvRows> each) {
    try {
      while (records.hasNext()) {
        current = records.next();
        if (current.size() != header.size()) {
          throw new CsvLineException(line(), null, current.size() + " fields where the header has " + header.size());
        }
        each.accept(this);
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new CsvLineException(parser.getCurrentLineNumber() + 1, null, "not valid CSV: " + e.getMessage());
    }
  }

  /** Line of the current record in the file, header = line 1 (records of one physical line). */
  public long line() {
    return current.getRecordNumber() + 1;
  }

  public String text(String column) {
    if (column == null) {
      return null;
    }
    String v = current.get(column);
    return v == null || v.isEmpty() ? null : v;
  }

  public String required(String column) {
    String v = text(column);
    if (v == null) {
      throw new CsvLineException(line(), column, "empty: a value is required");
    }
    return v;
  }

  public Long wholeNumber(String column) {
    String v = text(column);
    try {
      return v == null ? null : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new CsvLineException(line(), column, "'" + v + "' is not a whole number");
    }
  }

  public Long micros(String column) {
    String v = text(column);
    try {
      return v == null ? null : Money.parseMicros(v);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CsvLineException(line(), column, "'" + v + "' is not a decimal amount like 0.0140");
    }
  }

  /** ISO 8601 instant, a date (midnight UTC), or RFC 2822 as Twilio writes dates. */
  public Instant instant(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (Character.isDigit(v.charAt(0))) {
        return v.contains("T") ? ZonedDateTime.parse(v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? v : v + "Z")
            .toInstant() : Instant.parse(v.replace(' ', 'T') + (v.endsWith("Z") ? "" : "Z"));
      }
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new CsvLineException(line(), column, "'" + v + "' is not a time (ISO 8601 or RFC 2822)");
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
