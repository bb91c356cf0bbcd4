package org.telops.platform.privacy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.AuditLog;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.OperatorOps;
import org.telops.contracts.auth.OperatorOps.Done;
import org.telops.contracts.auth.RequestActor;
import org.telops.contracts.auth.Role;
import org.telops.contracts.logging.PhoneMask;

/**
 * Personal data: erasure ({@code DELETE /api/v1/subscribers/{e164}}, admin) and the daily retention job
 * ({@code POST /api/v1/retention/run}, admin, runs it now). Both are bus operations, audited.
 */
public final class Privacy {
  private static final Logger log = LoggerFactory.getLogger(Privacy.class);
  private static final long DAY_MS = 24L * 3600 * 1000;

  private final Vertx vertx;
  private final AuditLog audit;
  private final Erasure erasure;
  private final Retention retention;

  public Privacy(Vertx vertx, DataSource dataSource, AuditLog audit, Map<String, String> env) {
    this.vertx = vertx;
    this.audit = audit;
    this.erasure = new Erasure(dataSource);
    this.retention = new Retention(dataSource, env);
  }

  public void start(Router router) {
    OperatorOps.serve(vertx, OperatorAddresses.SUBSCRIBER_ERASE, Role.ADMIN, audit, "subscriber.erase",
        b -> "subscriber:" + PhoneMask.mask(String.valueOf(b.getString("e164"))),
        (actor, b) -> vertx.executeBlocking(() -> {
          Erasure.Receipt r = erasure.erase(b.getString("e164"));
          JsonObject rows = new JsonObject();
          r.rows().forEach(rows::put);
          log.info("erasure {} of {}: rows {}", r.id(), r.masked(), r.rows());
          return new Done(new JsonObject().put("receipt", r.id()).put("subscriber", r.masked()).put("rows", rows)
              .put("at", Instant.now().toString()), null, "subscriber:" + r.masked() + " receipt:" + r.id(), "rows " + r.rows());
        }, false));
    OperatorOps.serve(vertx, OperatorAddresses.RETENTION_RUN, Role.ADMIN, audit, "retention.run", b -> "retention",
        (actor, b) -> vertx.executeBlocking(() -> {
          Map<String, Integer> deleted = retention.run();
          log.info("retention run by {}: deleted {}", actor.name(), deleted);
          JsonObject d = new JsonObject();
          deleted.forEach(d::put);
          return new Done(new JsonObject().put("deleted", d), null, "retention", "deleted " + deleted);
        }, false));
    AccessRules rules = AccessRules.of(router);
    rules.route(router, HttpMethod.DELETE, "/api/v1/subscribers/:e164", Role.ADMIN).handler(ctx ->
        OperatorOps.respond(ctx, 200, OperatorOps.request(vertx, OperatorAddresses.SUBSCRIBER_ERASE, RequestActor.of(ctx),
            new JsonObject().put("e164", ctx.pathParam("e164")))));
    rules.route(router, HttpMethod.POST, "/api/v1/retention/run", Role.ADMIN).handler(ctx ->
        OperatorOps.respond(ctx, 200, OperatorOps.request(vertx, OperatorAddresses.RETENTION_RUN, RequestActor.of(ctx), new JsonObject())));
    // Daily, first an hour after start so a restart loop does not run it over and over.
    vertx.setTimer(3_600_000, t -> {
      runScheduled();
      vertx.setPeriodic(DAY_MS, p -> runScheduled());
    });
  }

  private void runScheduled() {
    OperatorOps.request(vertx, OperatorAddresses.RETENTION_RUN, Actor.system("retention"), new JsonObject())
        .onFailure(e -> log.error("scheduled retention failed: {}", e.getMessage()));
  }
}
