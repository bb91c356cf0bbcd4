package org.telops.cdr.billing.reconcile;

/** What reconciliation says of an invoice line or an unbilled call. */
public enum ItemClass {
  MATCHED("matched"), DURATION_MISMATCH("duration-mismatch"), RATE_MISMATCH("rate-mismatch"), PHANTOM("phantom"),
  UNBILLED("unbilled"), DUPLICATE("duplicate");

  private final String id;

  ItemClass(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ItemClass of(String id) {
    for (ItemClass c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown class '" + id + "'");
  }
}
