package org.telops.quality.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert state machine, per rule and scope, with hysteresis:
 * <ul>
 *   <li>no open alert: opens when the figure breaches the threshold on at least minSamples samples;</li>
 *   <li>open: a breaching figure, or one in the band between threshold and clear level, keeps it
 *       open and resets its clean streak (so a figure hovering at the threshold does not flap);</li>
 *   <li>open: a clean figure (past the clear level), or too few samples to tell, adds one to the
 *       streak; at {@code clearEvaluations} in a row the alert resolves.</li>
 * </ul>
 * Too few samples counts as clean because the condition can no longer be shown to hold: a scope that
 * went quiet (traffic moved to another carrier) resolves instead of staying open for ever.
 */
public final class AlertEvaluator {
    private final int clearEvaluations;

    public AlertEvaluator(int clearEvaluations) {
        if (clearEvaluations < 1) {
            throw new IllegalArgumentException("clearEvaluations must be at least 1, got " + clearEvaluations);
        }
        this.clearEvaluations = clearEvaluations;
    }

    /**
     * @param observations this evaluation's figures for the rule, at most one per scope
     * @param open the rule's open alerts (other rules' alerts are ignored)
     */
    public List<Decision> evaluate(AlertRule rule, Collection<Observation> observations, Collection<OpenAlert> open) {
        Map<Scope, Observation> byScope = new HashMap<>();
        for (Observation o : observations) {
            byScope.put(o.scope(), o);
        }
        Direction d = rule.kind().direction();
        List<Decision> out = new ArrayList<>();
        Map<Scope, OpenAlert> openByScope = new HashMap<>();
        for (OpenAlert a : open) {
            if (a.kind() != rule.kind()) {
                continue;
            }
            openByScope.put(a.scope(), a);
            Observation o = byScope.getOrDefault(a.scope(), Observation.none(a.scope()));
            boolean usable = o.usable(rule.minSamples());
            if (usable && d.breaches(o.value(), rule.threshold())) {
                out.add(new Decision.Firing(rule, a, o, true));
            } else if (usable && !d.clean(o.value(), rule.clear())) {
                out.add(new Decision.Firing(rule, a, o, false));
            } else {
                int streak = a.cleanEvaluations() + 1;
                out.add(streak >= clearEvaluations
                        ? new Decision.Resolve(rule, a, o, streak)
                        : new Decision.Clearing(rule, a, o, streak));
            }
        }
        for (Observation o : observations) {
            if (!openByScope.containsKey(o.scope()) && o.usable(rule.minSamples())
                    && d.breaches(o.value(), rule.threshold())) {
                out.add(new Decision.Open(rule, o));
            }
        }
        return out;
    }

    public int clearEvaluations() {
        return clearEvaluations;
    }
}
