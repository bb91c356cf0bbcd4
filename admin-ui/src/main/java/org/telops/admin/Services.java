package org.telops.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import javax.sql.DataSource;
import org.telops.admin.live.LiveFeed;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.AuditLog;
import org.telops.contracts.auth.JdbcAuditLog;
import org.telops.contracts.auth.OperatorOps;
import org.telops.contracts.auth.UserDirectory;

/**
 * What the views use, installed once per process before the web server starts (Vaadin instantiates views itself,
 * so they reach the platform through this holder, the way a servlet context attribute would).
 *
 * <p>Reads go to the shared database (read-only SQL beside each view) and to the live feed (event bus); every
 * action goes through {@link #act}: the same bus operation the REST API uses, as the signed-in user, so the role
 * check and the audit row are the API's own.
 */
public final class Services {
  private static volatile Services current;

  private final Vertx vertx;
  private final DataSource db;
  private final UserDirectory users;
  private final AuditLog audit;
  private final LiveFeed live;
  private final Clock clock;
  private final org.telops.cdr.billing.BillingService billing;

  public Services(Vertx vertx, DataSource db, LiveFeed live, Clock clock, org.telops.cdr.billing.BillingService billing) {
    this.billing = billing;
    this.vertx = vertx;
    this.db = db;
    this.users = new UserDirectory(db);
    this.audit = new JdbcAuditLog(db);
    this.live = live;
    this.clock = clock;
  }

  public static void install(Services services) {
    current = services;
  }

  public static Services get() {
    Services s = current;
    if (s == null) {
      throw new IllegalStateException("the admin UI's services are not installed: start it through AdminUiModule");
    }
    return s;
  }

  public Vertx vertx() {
    return vertx;
  }

  public DataSource db() {
    return db;
  }

  public UserDirectory users() {
    return users;
  }

  public AuditLog audit() {
    return audit;
  }

  public LiveFeed live() {
    return live;
  }

  /** Rating, invoices and reconciliation: the cdr-collector's own service, on the shared database. */
  public org.telops.cdr.billing.BillingService billing() {
    return billing;
  }

  public Clock clock() {
    return clock;
  }

  /** One operator action as {@code actor}; fails with the API's status and message. */
  public Future<JsonObject> act(String address, Actor actor, JsonObject body) {
    return OperatorOps.request(vertx, address, actor, body);
  }
}
