package org.telops.quality.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.quality.incidents.Changes;

/**
 * Runs an {@link EvaluationCycle} every interval and publishes what changed on the bus. Deploy it as a
 * WORKER verticle: the cycle is blocking JDBC, and a worker context runs one tick at a time. The next tick
 * is scheduled when the previous one ends, so a slow database delays evaluations instead of piling them up.
 */
public final class AlertingVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(AlertingVerticle.class);
    /** A failure that repeats is logged again at most this often. */
    private static final Duration REPEAT_LOG = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final EvaluationCycle cycle;
    private final Duration interval;
    private final Clock clock;
    private final Counter ok;
    private final Counter skipped;
    private final Counter failed;
    private final Counter opened;
    private final Counter resolved;
    private final Timer duration;
    private long timerId = -1;
    private volatile boolean stopped;
    private String lastError;
    private long lastErrorLoggedNanos;

    public AlertingVerticle(DataSource dataSource, EvaluationCycle cycle, Duration interval, Clock clock,
                            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.cycle = cycle;
        this.interval = interval;
        this.clock = clock;
        this.ok = evaluations(meters, "ok");
        this.skipped = evaluations(meters, "skipped");
        this.failed = evaluations(meters, "failed");
        this.opened = Counter.builder("telops.alerts.opened").description("Alerts opened").register(meters);
        this.resolved = Counter.builder("telops.alerts.resolved").description("Alerts resolved by the evaluator")
                .register(meters);
        this.duration = Timer.builder("telops.alert.evaluation").description("One evaluation of every rule")
                .register(meters);
    }

    private static Counter evaluations(MeterRegistry meters, String result) {
        return Counter.builder("telops.alert.evaluations").tag("result", result)
                .description("Alert evaluations (skipped: another process held the evaluator lock)").register(meters);
    }

    @Override
    public Future<?> start() {
        schedule();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(timerId);
        return Future.succeededFuture();
    }

    private void schedule() {
        if (!stopped) {
            timerId = vertx.setTimer(interval.toMillis(), id -> tick());
        }
    }

    private void tick() {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            EvaluationCycle.Result r = cycle.run(c, clock.instant());
            if (!r.ran()) {
                skipped.increment();
                return;
            }
            ok.increment();
            opened.increment(r.opened());
            resolved.increment(r.resolved());
            publish(c, r.changes());
            if (lastError != null) {
                log.info("alert evaluation works again (after: {})", lastError);
                lastError = null;
            }
        } catch (Exception e) {
            failed.increment();
            String msg = String.valueOf(e.getMessage());
            if (!msg.equals(lastError) || System.nanoTime() - lastErrorLoggedNanos > REPEAT_LOG.toNanos()) {
                log.warn("alert evaluation failed: {} — alerts and incidents are not updated until it works again; "
                        + "check the database (TELOPS_DB_URL)", msg, e);
                lastErrorLoggedNanos = System.nanoTime();
            }
            lastError = msg;
        } finally {
            duration.record(Duration.ofNanos(System.nanoTime() - t0));
            schedule();
        }
    }

    private void publish(Connection c, Changes changes) throws java.sql.SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<Changes.Message> messages = changes.messages(c);
        for (Changes.Message m : messages) {
            vertx.eventBus().publish(m.address(), m.body());
        }
    }
}
