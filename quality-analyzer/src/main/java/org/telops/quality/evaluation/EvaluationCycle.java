package org.telops.quality.evaluation;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.quality.alerting.AlertEvaluator;
import org.telops.quality.alerting.AlertRule;
import org.telops.quality.alerting.AlertingConfig;
import org.telops.quality.alerting.Decision;
import org.telops.quality.alerting.OpenAlert;
import org.telops.quality.alerting.RuleKind;
import org.telops.quality.alerting.Scope;
import org.telops.quality.incidents.Changes;
import org.telops.quality.incidents.IncidentStore;
import org.telops.quality.triage.Classification;
import org.telops.quality.triage.Triage;

/**
 * One evaluation, in one transaction: every rule's figures → {@link AlertEvaluator} decisions → alerts,
 * incidents, timeline and outbox rows → SLA breaches. A transaction-scoped advisory lock makes it the only
 * evaluation running against this database (several quality-analyzer processes may run; one evaluates at a
 * time, the others skip that tick). Plain JDBC: runs on a worker thread.
 */
public final class EvaluationCycle {
    private static final Logger log = LoggerFactory.getLogger(EvaluationCycle.class);
    /** pg advisory lock key of the evaluator ("telops QA"); the CDR writer uses 7243001. */
    static final long LOCK_KEY = 7243002L;

    private final AlertingConfig config;
    private final AlertEvaluator evaluator;
    private final IncidentStore store;

    /** What one run did; {@code ran} is false when another process held the lock. */
    public record Result(boolean ran, int opened, int resolved, int incidentsOpened, Changes changes) {}

    public EvaluationCycle(AlertingConfig config, IncidentStore store) {
        this.config = config;
        this.evaluator = new AlertEvaluator(config.clearEvaluations());
        this.store = store;
    }

    public Result run(Connection c, Instant now) throws SQLException {
        Changes changes = new Changes();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!tryLock(c)) {
                c.rollback();
                return new Result(false, 0, 0, 0, changes);
            }
            Map<RuleKind, List<OpenAlert>> open = openAlerts(c);
            List<Decision> decisions = new ArrayList<>();
            for (AlertRule rule : config.rules()) {
                decisions.addAll(evaluator.evaluate(rule, RuleQueries.observe(c, rule, now),
                        open.getOrDefault(rule.kind(), List.of())));
            }
            Result r = apply(c, decisions, now, changes);
            c.commit();
            return r;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private Result apply(Connection c, List<Decision> decisions, Instant now, Changes changes) throws SQLException {
        // New alerts first, Telephony before Audio …, so an incident opens with the stack to check first
        // and a new alert keeps an incident open whose last old alert resolves in this same evaluation.
        List<Decision.Open> opens = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Open o) {
                opens.add(o);
            }
        }
        opens.sort(Comparator.comparing(o -> Triage.classify(o.rule().kind(), o.observation()).stack()));
        Set<Long> openedIncidents = new LinkedHashSet<>();
        for (Decision.Open o : opens) {
            Classification triage = Triage.classify(o.rule().kind(), o.observation());
            Scope scope = o.observation().scope();
            JsonObject evidence = Evidence.opened(o.rule(), o.observation(), triage, now);
            long alertId = store.openAlert(c, o.rule().id(), scope, o.observation().value(), o.rule().threshold(),
                    o.rule().windowSeconds(), evidence, now, changes);
            if (o.rule().kind().forFinance()) {
                // A money matter for finance, not an outage: no incident, no page.
                store.notifyFinance(c, alertId, o.rule().id(), scope, o.rule().describe(o.observation().value()),
                        o.observation().topReason(), o.observation().callIds(), now);
                log.info("alert {} opened: {} on {} → finance ({})", alertId, o.rule().describe(o.observation().value()),
                        scope, o.observation().topReason());
                continue;
            }
            String title = triage.stack().title() + ": " + o.rule().describe(o.observation().value()) + " on " + scope;
            JsonObject detail = new JsonObject().put("triage", triage.reason())
                    .put("summary", o.rule().describe(o.observation().value()));
            IncidentStore.Correlation corr = store.correlate(c, alertId, o.rule().id(), scope, triage.stack(), title,
                    detail, now, changes);
            if (corr.opened()) {
                openedIncidents.add(corr.incidentId());
            }
            log.info("alert {} opened: {} on {} → incident {} ({}{})", alertId, o.rule().describe(o.observation().value()),
                    scope, corr.incidentId(), triage.stack().id(), corr.opened() ? ", new" : "");
        }
        int resolved = 0;
        for (Decision d : decisions) {
            if (d instanceof Decision.Firing f) {
                store.alertFiring(c, f.alert().alertId(), f.observation().value(), f.breaching(),
                        Evidence.snapshot(f.rule(), f.observation(), now), now);
            } else if (d instanceof Decision.Clearing cl) {
                store.alertClearing(c, cl.alert().alertId(), Evidence.snapshot(cl.rule(), cl.observation(), now),
                        cl.cleanEvaluations());
            } else if (d instanceof Decision.Resolve r) {
                store.resolveAlert(c, r.alert().alertId(), r.alert().incidentId(), r.rule().id(),
                        Evidence.snapshot(r.rule(), r.observation(), now), r.cleanEvaluations(), now, changes);
                log.info("alert {} resolved: {} on {} clean for {} evaluation(s)", r.alert().alertId(), r.rule().id(),
                        r.alert().scope(), r.cleanEvaluations());
                resolved++;
            }
        }
        for (long incidentId : openedIncidents) {
            store.notifyOpened(c, incidentId, now, changes);
        }
        store.breachOverdue(c, now, changes);
        return new Result(true, opens.size(), resolved, openedIncidents.size(), changes);
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private Map<RuleKind, List<OpenAlert>> openAlerts(Connection c) throws SQLException {
        Map<RuleKind, List<OpenAlert>> out = new EnumMap<>(RuleKind.class);
        for (OpenAlert a : store.openAlerts(c)) {
            out.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }
}
