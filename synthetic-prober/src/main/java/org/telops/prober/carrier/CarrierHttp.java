package org.telops.prober.carrier;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What the carrier clients share: error messages an operator can act on, JSON bodies, prices. */
final class CarrierHttp {
  private CarrierHttp() {}

  static <T> Future<T> transport(String carrier, String what, Throwable t) {
    String cause = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Future.failedFuture(new CarrierException(carrier + ": " + what + " got no answer (" + cause + ")", 0));
  }

  static <T> Future<T> httpError(String carrier, String what, HttpResponse<Buffer> r, String detail) {
    return Future.failedFuture(new CarrierException(carrier + ": " + what + " answered HTTP " + r.statusCode()
        + (detail == null || detail.isBlank() ? "" : ": " + detail), r.statusCode()));
  }

  static JsonObject json(HttpResponse<Buffer> r) {
    try {
      Buffer b = r.body();
      return b == null || b.length() == 0 ? null : b.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** "-0.01400" (Twilio writes charges negative) → 14000 micros; null if absent or not a number. */
  static Long priceMicros(Object price) {
    if (price == null) {
      return null;
    }
    try {
      return new BigDecimal(String.valueOf(price).trim()).abs().movePointRight(6).setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  static Integer integer(Object v) {
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return v == null ? null : Integer.valueOf(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
