package org.telops.runtime.drills;

import io.vertx.core.Future;
import java.time.Instant;
import org.telops.runtime.routing.CarrierBoard;
import org.telops.runtime.routing.CarrierRouter;

/**
 * For real carriers, where nothing can be broken on purpose: the drill forces the target's circuit open
 * (a simulated outage, changed by {@code drill:<run>}) and restores it afterwards — unless an operator
 * has changed the carrier since, whose decision then stands.
 */
public final class BreakerFaultInjector implements FaultInjector {
  private final CarrierRouter router;

  public BreakerFaultInjector(CarrierRouter router) {
    this.router = router;
  }

  @Override
  public String mode() {
    return "breaker";
  }

  static String owner(long runId) {
    return "drill:" + runId;
  }

  @Override
  public Future<String> inject(String carrier, DrillFault fault, long runId, Instant expiresAt) {
    return Future.succeededFuture(router.forceOpen(carrier, owner(runId), "drill run " + runId
        + ": simulated outage (" + fault.spec() + ")", "drill", runId).message());
  }

  @Override
  public Future<String> remove(String carrier, DrillFault fault, long runId) {
    CarrierBoard.Status s = router.board().status(carrier);
    if (s.mode() == CarrierBoard.Mode.NORMAL || !owner(runId).equals(s.changedBy())) {
      return Future.succeededFuture("carrier " + carrier + " left as it is (" + s.mode().wire() + " by " + s.changedBy() + ")");
    }
    return Future.succeededFuture(router.restore(carrier, owner(runId), "drill run " + runId + " ended", "drill", runId)
        .message());
  }
}
