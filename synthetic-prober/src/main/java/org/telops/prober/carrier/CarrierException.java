package org.telops.prober.carrier;

/** A carrier REST request failed; the message names the carrier, the request and the answer. */
public final class CarrierException extends RuntimeException {
  private final int httpStatus;

  public CarrierException(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the carrier answered, 0 when there was no answer (I/O error, timeout). */
  public int httpStatus() {
    return httpStatus;
  }
}
