package org.telops.quality.alerting;

import java.util.List;
import java.util.Map;

/**
 * A rule's figure for one scope over one window.
 *
 * @param scope tenant / carrier / region
 * @param value the figure (unit of the rule), NaN when it cannot be computed
 * @param samples how many calls, turns or probes it rests on
 * @param affectedCalls how many of them breached the threshold on their own
 * @param callIds up to 20 of those call ids, worst or newest first
 * @param componentsMs turn rules only: mean ms per stage over the slow turns (eosDetectMs, sttMs,
 *     llmFirstTokenMs, ttsFirstByteMs); empty otherwise
 * @param topReason the most common failure reason (probe reason, hang-up cause), or null
 */
public record Observation(Scope scope, double value, long samples, long affectedCalls, List<String> callIds,
                          Map<String, Double> componentsMs, String topReason) {

    public Observation {
        callIds = callIds == null ? List.of() : List.copyOf(callIds);
        componentsMs = componentsMs == null ? Map.of() : Map.copyOf(componentsMs);
    }

    public static Observation of(Scope scope, double value, long samples) {
        return new Observation(scope, value, samples, 0, List.of(), Map.of(), null);
    }

    /** No data in the window for this scope. */
    public static Observation none(Scope scope) {
        return of(scope, Double.NaN, 0);
    }

    /** Enough samples and a number: the figure can give a verdict. */
    public boolean usable(int minSamples) {
        return samples >= minSamples && !Double.isNaN(value);
    }
}
