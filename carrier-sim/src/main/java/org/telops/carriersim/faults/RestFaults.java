package org.telops.carriersim.faults;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.telops.carriersim.CarrierSim;

/**
 * Applies a carrier's REST faults to one request before its handler runs: slow-api delays it, then
 * down closes the connection without a response, and http-error answers the carrier's error body
 * (429 with Retry-After). Inside the platform the sim shares the HTTP port, so "connection refused"
 * cannot be had; the client sees the connection closed with no response instead — the same class of
 * error (an I/O failure, no HTTP status) for a circuit breaker.
 */
public final class RestFaults {

  /** Writes an error the way the carrier's API does. */
  @FunctionalInterface
  public interface ErrorWriter {
    void write(RoutingContext ctx, int status, String message);
  }

  private RestFaults() {}

  public static void guard(CarrierSim sim, RoutingContext ctx, String carrier, String region, ErrorWriter errors,
                           Runnable handler) {
    FaultBook faults = sim.faults();
    Runnable decide = () -> {
      if (faults.active(carrier, FaultKind.DOWN, region).isPresent()) {
        count(sim, carrier, "down");
        ctx.request().connection().close();
        return;
      }
      Optional<Fault> error = faults.active(carrier, FaultKind.HTTP_ERROR, region);
      if (error.isPresent()) {
        Fault f = error.get();
        count(sim, carrier, "http-" + f.httpStatus());
        if (f.httpStatus() == 429) {
          ctx.response().putHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
          errors.write(ctx, 429, "Too Many Requests (simulated by fault " + f.id() + ")");
        } else {
          errors.write(ctx, f.httpStatus(), "Service unavailable (simulated by fault " + f.id() + ")");
        }
        return;
      }
      handler.run();
    };
    Optional<Fault> slow = faults.active(carrier, FaultKind.SLOW_API, region);
    if (slow.isPresent()) {
      count(sim, carrier, "slow");
      sim.vertx().setTimer(slow.get().delayMs(), t -> decide.run());
    } else {
      decide.run();
    }
  }

  private static void count(CarrierSim sim, String carrier, String fault) {
    sim.meters().counter("telops_sim_rest_faults", "carrier", carrier, "fault", fault).increment();
  }
}
