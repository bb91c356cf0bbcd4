package org.telops.runtime.routing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** What the two carrier API files share: turning a transport failure or an HTTP error into a {@link CarrierFailure}. */
final class CarrierHttp {
  private CarrierHttp() {}

  /** A transport-level failure (no HTTP answer). */
  static CarrierFailure transport(String carrier, String path, Throwable t) {
    if (t instanceof CarrierFailure f) {
      return f;
    }
    if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
      return CarrierFailure.of(CarrierFailure.Kind.TIMEOUT, carrier, path, "the request timeout");
    }
    String what;
    if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
      what = "connection refused";
    } else if (t instanceof UnknownHostException) {
      what = "unknown host " + t.getMessage();
    } else {
      what = t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }
    return CarrierFailure.of(CarrierFailure.Kind.DOWN, carrier, path, what);
  }

  /** A non-2xx answer; {@code detail} is the carrier's own message when its body has one. */
  static CarrierFailure httpError(String carrier, String path, HttpResponse<Buffer> r, String detail) {
    return CarrierFailure.http(carrier, r.statusCode(), path, detail, retryAfterMs(r.getHeader("Retry-After")));
  }

  /** The body as JSON, or null when it is not JSON (an HTML error page from a proxy, an empty body). */
  static JsonObject json(HttpResponse<Buffer> r) {
    Buffer b = r.body();
    if (b == null || b.length() == 0) {
      return null;
    }
    try {
      return b.toJsonObject();
    } catch (DecodeException | IllegalStateException | ClassCastException e) {
      return null;
    }
  }

  /** Retry-After in seconds (the only form the carriers send), as ms; 1 s when absent or unreadable. */
  static long retryAfterMs(String header) {
    if (header == null) {
      return 1_000;
    }
    try {
      return Math.max(0, Math.min(60, Long.parseLong(header.trim()))) * 1_000;
    } catch (NumberFormatException e) {
      return 1_000;
    }
  }

  static <T> Future<T> fail(CarrierFailure f) {
    return Future.failedFuture(f);
  }
}
