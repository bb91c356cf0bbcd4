package org.telops.contracts.json;

/** A JSON value that does not fit the contract; {@link #field()} is a dotted path ("quality.mos"). */
public class InvalidFieldException extends IllegalArgumentException {
  private final String field;

  public InvalidFieldException(String field, String problem) {
    super("field '" + field + "': " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
