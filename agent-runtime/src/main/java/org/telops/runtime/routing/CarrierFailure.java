package org.telops.runtime.routing;

/**
 * Why one carrier API call did not place a call, sorted by what the router should do about it:
 * outages count against the carrier's circuit and fail the call over; throttling (429) fails over
 * without blaming the carrier; a refused request (bad number) is the caller's to fix, so it neither
 * fails over nor counts.
 */
public final class CarrierFailure extends RuntimeException {

  public enum Kind {
    /** Connection refused, reset, unknown host: the API is not there. */
    DOWN,
    /** No answer within the router's timeout. */
    TIMEOUT,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** HTTP 401/403: our credentials do not work there, which is an outage for us. */
    AUTH,
    /** 2xx without a call id, or a body that is not the carrier's JSON. */
    BAD_RESPONSE,
    /** HTTP 429: the carrier is up but wants fewer calls. */
    THROTTLED,
    /** Other HTTP 4xx: the request itself was refused (e.g. an invalid number). */
    REJECTED,
    /** The circuit is open (or its one half-open trial is taken): the carrier was not asked. */
    CIRCUIT_OPEN;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final String carrier;
  private final int httpStatus;
  private final String path;
  private final String detail;
  private final long retryAfterMs;

  public CarrierFailure(Kind kind, String carrier, int httpStatus, String path, String detail, long retryAfterMs) {
    super(null, null, false, false);
    this.kind = kind;
    this.carrier = carrier;
    this.httpStatus = httpStatus;
    this.path = path;
    this.detail = detail;
    this.retryAfterMs = retryAfterMs;
  }

  public static CarrierFailure of(Kind kind, String carrier, String path, String detail) {
    return new CarrierFailure(kind, carrier, 0, path, detail, 0);
  }

  /** Sorts an HTTP answer that was not a success. */
  public static CarrierFailure http(String carrier, int status, String path, String detail, long retryAfterMs) {
    Kind kind;
    if (status == 429) {
      kind = Kind.THROTTLED;
    } else if (status == 401 || status == 403) {
      kind = Kind.AUTH;
    } else if (status >= 500) {
      kind = Kind.SERVER_ERROR;
    } else if (status >= 400) {
      kind = Kind.REJECTED;
    } else {
      kind = Kind.BAD_RESPONSE;
    }
    return new CarrierFailure(kind, carrier, status, path, detail, retryAfterMs);
  }

  /** Whether this failure is evidence the carrier is down (it counts toward opening the circuit). */
  public boolean countsAgainstCircuit() {
    return kind == Kind.DOWN || kind == Kind.TIMEOUT || kind == Kind.SERVER_ERROR || kind == Kind.AUTH
        || kind == Kind.BAD_RESPONSE;
  }

  /** Whether the same new call should be tried on the next carrier. */
  public boolean failsOver() {
    return kind != Kind.REJECTED;
  }

  /** The short form used in operator messages: "HTTP 503 from /Calls.json". */
  public String shortForm() {
    return switch (kind) {
      case DOWN -> "connection failed to " + path + " (" + detail + ")";
      case TIMEOUT -> "no answer from " + path + " within " + detail;
      case CIRCUIT_OPEN -> "circuit open";
      case BAD_RESPONSE -> (httpStatus > 0 ? "HTTP " + httpStatus + " " : "") + "unusable answer from " + path
          + " (" + detail + ")";
      default -> "HTTP " + httpStatus + " from " + path;
    };
  }

  @Override
  public String getMessage() {
    String s = "carrier " + carrier + ": " + shortForm();
    if (detail != null && !detail.isBlank() && kind != Kind.DOWN && kind != Kind.TIMEOUT && kind != Kind.BAD_RESPONSE
        && kind != Kind.CIRCUIT_OPEN) {
      s += ": " + detail;
    }
    return s;
  }

  public Kind kind() {
    return kind;
  }

  public String carrier() {
    return carrier;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String path() {
    return path;
  }

  public String detail() {
    return detail;
  }

  public long retryAfterMs() {
    return retryAfterMs;
  }
}
