package org.telops.cdr.billing.invoice;

/** A CSV line that cannot be read: its line number (the header is line 1), the column and why. */
public final class CsvLineException extends IllegalArgumentException {
  private final long line;
  private final String column;

  public CsvLineException(long line, String column, String reason) {
    super("line " + line + (column == null ? "" : ", column " + column) + ": " + reason);
    this.line = line;
    this.column = column;
  }

  public long line() {
    return line;
  }

  public String column() {
    return column;
  }
}
