package org.telops.cdr.billing;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.module.ModuleContext;

/**
 * Billing inside the cdr-collector role: the API, and a timer that rates ended calls every
 * TELOPS_BILLING_RATE_INTERVAL_MS (a follow-up UPDATE of rows the writer has stored, 5,000 per pass).
 */
public final class BillingModule {
  private static final Logger log = LoggerFactory.getLogger(BillingModule.class);

  private final ModuleContext ctx;
  private final BillingService service;
  private final ExecutorService jobs;
  private final AtomicBoolean rating = new AtomicBoolean();
  private volatile boolean stopping;
  private long timer = -1;

  private BillingModule(ModuleContext ctx, BillingService service, ExecutorService jobs) {
    this.ctx = ctx;
    this.service = service;
    this.jobs = jobs;
  }

  public static BillingModule start(ModuleContext ctx) {
    BillingConfig cfg = config(ctx.config().environment(), ctx.config().http().publicBaseUrl());
    ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "telops-billing-jobs");
      t.setDaemon(true);
      return t;
    });
    BillingModule m = new BillingModule(ctx, new BillingService(ctx.dataSource(), cfg, jobs), jobs);
    new BillingApi(ctx.vertx(), m.service).mount(ctx.router());
    m.timer = ctx.vertx().setPeriodic(cfg.rateIntervalMs(), id -> m.rateOnce());
    return m;
  }

  private void rateOnce() {
    if (!rating.compareAndSet(false, true)) {
      return; // the previous pass is still running
    }
    ctx.vertx().executeBlocking(() -> {
      int n;
      int total = 0;
      do {
        if (stopping) {
          break; // calls left unrated are rated at the next start (rated_at IS NULL)
        }
        n = service.rateEndedCalls(5_000);
        total += n;
      } while (n == 5_000);
      return total;
    }, false).onComplete(ar -> {
      rating.set(false);
      if (ar.failed()) {
        log.warn("rating ended calls failed (retried in the next pass): {}", ar.cause().toString());
      }
    });
  }

  public BillingService service() {
    return service;
  }

  /**
   * Stops rating before the pool closes: no new pass, and the pass running now ends after its current 5,000-row
   * statement (waited for up to 10 s), so a stop never cuts a rating transaction off mid-way.
   */
  public void stop() {
    stopping = true;
    if (timer >= 0) {
      ctx.vertx().cancelTimer(timer);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rating.get() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (rating.get()) {
      log.warn("billing: the rating pass still runs after 10 s; it is cut by the stop and resumes at the next start");
    }
    jobs.shutdownNow();
  }

  static BillingConfig config(Map<String, String> env, String publicBaseUrl) {
    return BillingConfig.fromEnv(env, publicBaseUrl == null ? null : publicBaseUrl + "/sim");
  }

  public static Map<String, String> describe(Map<String, String> env) {
    return config(env, env.getOrDefault("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:8080")).describe();
  }
}
