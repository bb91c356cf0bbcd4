package org.telops.admin;

import com.github.mvysny.vaadinboot.VaadinBoot;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.admin.live.LiveFeed;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;

/**
 * Role {@code admin-ui}: the operators' console on its own listener (TELOPS_ADMIN_HOST:TELOPS_ADMIN_PORT, default
 * 127.0.0.1:8081), embedded Jetty 12 through Vaadin Boot. It reads the shared database and the event bus and acts
 * through the bus operations the REST API uses, so it runs in the platform's JVM or in a process of its own.
 */
public final class AdminUiModule implements TelopsModule {
  private static final Logger log = LoggerFactory.getLogger(AdminUiModule.class);
  private static volatile Duration sessionTimeout = Duration.ofMinutes(30);

  private VaadinBoot boot;
  private volatile int port;
  private LiveFeed live;
  private java.util.concurrent.ExecutorService billingJobs;

  @Override
  public String role() {
    return "admin-ui";
  }

  public static Duration sessionTimeout() {
    return sessionTimeout;
  }

  @Override
  public Future<Void> start(ModuleContext ctx) {
    AdminUiConfig cfg = AdminUiConfig.fromEnv(ctx.config().environment());
    sessionTimeout = cfg.sessionTimeout();
    live = new LiveFeed(cfg.pushNice());
    live.start(ctx.vertx(), 1000, ctx.meters());
    org.telops.cdr.billing.BillingConfig billingConfig = org.telops.cdr.billing.BillingConfig.fromEnv(ctx.config().environment(),
        ctx.config().http().publicBaseUrl() == null ? null : ctx.config().http().publicBaseUrl() + "/sim");
    billingJobs = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "telops-console-billing");
      t.setDaemon(true);
      return t;
    });
    Services.install(new Services(ctx.vertx(), ctx.dataSource(), live, Clock.systemUTC(),
        new org.telops.cdr.billing.BillingService(ctx.dataSource(), billingConfig, billingJobs)));
    return ctx.vertx().executeBlocking(() -> {
      long t0 = System.nanoTime();
      // logback-classic registers a servlet listener that stops logging when the web app stops; the console stops
      // first in a platform stop, so without this the drain and "telops stopped" would never reach the log.
      System.setProperty("logbackDisableServletContainerInitializer", "true");
      int port = cfg.port() == 0 ? freePort(cfg.host()) : cfg.port(); // Vaadin Boot wants a real port
      boot = new VaadinBoot().withPort(port).listenOn(cfg.host()).disableClasspathScanning(false);
      boot.start();
      this.port = port;
      log.info("admin console on http://{}:{}/ (started in {} ms)", cfg.host(), port, (System.nanoTime() - t0) / 1_000_000);
      return null;
    }, false).mapEmpty();
  }

  /** The port the console listens on (the chosen one when TELOPS_ADMIN_PORT=0); 0 before start. */
  public int port() {
    return port;
  }

  private static int freePort(String host) throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  @Override
  public Future<Void> stop() {
    if (live != null) {
      live.stop();
    }
    if (billingJobs != null) {
      billingJobs.shutdown();
    }
    VaadinBoot b = boot;
    boot = null;
    if (b != null) {
      b.stop("platform stop");
    }
    return Future.succeededFuture();
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    return AdminUiConfig.fromEnv(environment).describe();
  }
}
