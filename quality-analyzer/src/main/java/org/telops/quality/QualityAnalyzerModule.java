package org.telops.quality;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.quality.alerting.AlertingConfig;
import org.telops.quality.evaluation.AlertingVerticle;
import org.telops.quality.evaluation.EvaluationCycle;
import org.telops.quality.incidents.IncidentActions;
import org.telops.quality.incidents.IncidentApi;
import org.telops.quality.incidents.IncidentStore;
import org.telops.quality.latency.LatencyApi;
import org.telops.quality.notify.NotificationVerticle;
import org.telops.quality.notify.Outbox;
import org.telops.quality.notify.WebhookConfig;

/**
 * The quality-analyzer role: alert evaluation (worker verticle), incidents and latency REST API on the
 * platform router, webhook notifications from the outbox (worker verticle, only with a webhook URL).
 * The E-model, pcap and media-stream packages are a plain library and need none of this.
 */
public final class QualityAnalyzerModule implements TelopsModule {
    private static final Logger log = LoggerFactory.getLogger(QualityAnalyzerModule.class);
    /** Both verticles block on JDBC; their own small pool keeps them off Vert.x's shared worker pool. */
    private static final String WORKER_POOL = "telops-quality";

    private final List<String> deployments = new ArrayList<>();
    private Vertx vertx;

    private org.telops.quality.rollup.RollupRefresher rollups;

    @Override
    public String role() {
        return "quality-analyzer";
    }

    @Override
    public Future<Void> start(ModuleContext ctx) {
        Map<String, String> env = ctx.config().environment();
        AlertingConfig alerting = AlertingConfig.fromEnv(env);
        WebhookConfig webhook = WebhookConfig.fromEnv(env);
        vertx = ctx.vertx();
        Clock clock = Clock.systemUTC();
        if (!webhook.enabled()) {
            log.info("TELOPS_ALERT_WEBHOOK_URL is not set: incident notifications are disabled (alerts and incidents "
                    + "are still recorded and published on the bus)");
        }
        IncidentStore store = new IncidentStore(new Outbox(webhook.enabled()));
        new IncidentApi(ctx.dataSource(), new IncidentActions(store), clock).mount(ctx.router());
        new LatencyApi(ctx.dataSource(), clock).mount(ctx.router());
        int rollupSeconds = new org.telops.contracts.config.Env(env).integer("TELOPS_ROLLUP_REFRESH_SECONDS", 30, 0, 3_600);
        if (rollupSeconds > 0) {
            rollups = new org.telops.quality.rollup.RollupRefresher(vertx, ctx.dataSource(), rollupSeconds * 1000L, ctx.meters());
            rollups.start();
        }
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                .setWorkerPoolName(WORKER_POOL).setWorkerPoolSize(2);
        Future<String> evaluator = vertx.deployVerticle(new AlertingVerticle(ctx.dataSource(),
                new EvaluationCycle(alerting, store), alerting.evaluationInterval(), clock, ctx.meters()), worker)
                .onSuccess(deployments::add);
        Future<String> sender = !webhook.enabled() ? Future.succeededFuture()
                : vertx.deployVerticle(new NotificationVerticle(ctx.dataSource(), webhook, clock, ctx.meters()), worker)
                        .onSuccess(deployments::add);
        WebhookConfig finance = WebhookConfig.financeFromEnv(env);
        Future<String> financeSender = !finance.enabled() ? Future.succeededFuture()
                : vertx.deployVerticle(new NotificationVerticle(ctx.dataSource(), finance, Outbox.FINANCE, clock, ctx.meters()), worker)
                        .onSuccess(deployments::add);
        return Future.all(evaluator, sender, financeSender).mapEmpty();
    }

    @Override
    public Future<Void> stop() {
        if (rollups != null) {
            rollups.stop();
        }
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : deployments) {
            undeployed.add(vertx.undeploy(id));
        }
        deployments.clear();
        return Future.all(undeployed).mapEmpty();
    }

    @Override
    public Map<String, String> describeConfig(Map<String, String> environment) {
        Map<String, String> m = new LinkedHashMap<>(AlertingConfig.fromEnv(environment).describe());
        m.putAll(WebhookConfig.fromEnv(environment).describe());
        m.put("TELOPS_ROLLUP_REFRESH_SECONDS", String.valueOf(new org.telops.contracts.config.Env(environment)
                .integer("TELOPS_ROLLUP_REFRESH_SECONDS", 30, 0, 3_600)));
        m.put("TELOPS_FINANCE_WEBHOOK_URL", WebhookConfig.financeFromEnv(environment).enabled() ? "(set)" : "(not set)");
        return m;
    }
}
