package org.telops.quality.triage;

import java.util.Locale;
import java.util.Map;
import org.telops.quality.alerting.Observation;
import org.telops.quality.alerting.RuleKind;

/**
 * Four-stack triage of one alert from its rule and evidence. The incident takes the first stack among
 * its alerts ({@link Stack#first}), so Telephony is always looked at first.
 * <ul>
 *   <li>Telephony: call success (failed connects, carrier errors, dropped calls) and probe failures —
 *       except probes failing as one-way audio, which is an Audio fault;</li>
 *   <li>Audio: MOS, jitter, loss, one-way latency;</li>
 *   <li>Intelligence or Output: slow turns, by the stage that took the most time in the slow turns —
 *       TTS first byte means Output (slow first audio), end-of-speech detection, STT or LLM first token
 *       mean Intelligence; without a breakdown, Intelligence;</li>
 *   <li>provider failures: TTS means Output, STT or LLM Intelligence;</li>
 *   <li>probe WER above its baseline: Audio when the same probes measured loss or a low MOS, else Intelligence.</li>
 * </ul>
 */
public final class Triage {
    /** Turn stages as named in {@link Observation#componentsMs()}. */
    public static final String EOS = "eosDetectMs";
    public static final String STT = "sttMs";
    public static final String LLM = "llmFirstTokenMs";
    public static final String TTS = "ttsFirstByteMs";

    private Triage() {}

    public static Classification classify(RuleKind kind, Observation evidence) {
        return switch (kind) {
            case CALL_SUCCESS_LOW -> new Classification(Stack.TELEPHONY,
                    "failed or dropped calls" + reasonSuffix(evidence.topReason())
                            + ": connect and carrier faults are checked first");
            case PROBE_FAILURES -> "one-way-audio".equals(evidence.topReason())
                    ? new Classification(Stack.AUDIO, "probe calls connect but carry audio one way only")
                    : new Classification(Stack.TELEPHONY, "synthetic probes fail in this region"
                            + reasonSuffix(evidence.topReason()));
            case MOS_LOW, JITTER_HIGH, LOSS_HIGH -> new Classification(Stack.AUDIO,
                    kind.label() + " on the media path");
            case ONE_WAY_LATENCY_HIGH -> new Classification(Stack.AUDIO, "network delay on the media path");
            // Not an outage: the stack only orders it; the alert goes to finance and opens no incident.
            case COST_ANOMALY -> new Classification(Stack.TELEPHONY, "carrier or provider prices: "
                    + (evidence.topReason() == null ? "cost above its baseline" : evidence.topReason()));
            case TURN_LATENCY_P95, TURN_LATENCY_P99 -> slowTurns(evidence.componentsMs());
            case PROVIDER_FAILURES -> "tts".equals(evidence.topReason())
                    ? new Classification(Stack.OUTPUT, "the TTS provider fails: the fallback voice speaks")
                    : new Classification(Stack.INTELLIGENCE, ("llm".equals(evidence.topReason())
                            ? "the LLM provider fails: callers hear the polite fallback line"
                            : "the STT provider fails: callers are asked again or heard by the fallback recognizer"));
            case WER_HIGH -> evidence.topReason() != null && evidence.topReason().startsWith("audio")
                    ? new Classification(Stack.AUDIO, "the audio path garbles what the agent hears: "
                            + evidence.topReason().substring("audio: ".length()))
                    : new Classification(Stack.INTELLIGENCE, "the recogniser hears worse on a clean audio path"
                            + (evidence.topReason() == null ? "" : ": " + evidence.topReason().substring("stt: ".length())));
        };
    }

    private static Classification slowTurns(Map<String, Double> componentsMs) {
        String top = null;
        double topMs = -1;
        double totalMs = 0;
        for (String stage : new String[] {EOS, STT, LLM, TTS}) {
            Double ms = componentsMs.get(stage);
            if (ms != null && !ms.isNaN()) {
                totalMs += ms;
                if (ms > topMs) {
                    top = stage;
                    topMs = ms;
                }
            }
        }
        if (top == null) {
            return new Classification(Stack.INTELLIGENCE, "slow turns (no stage breakdown recorded)");
        }
        String share = String.format(Locale.ROOT, "%s takes %.0f of %.0f ms in the slow turns", stageName(top), topMs,
                totalMs);
        return TTS.equals(top)
                ? new Classification(Stack.OUTPUT, "slow first audio: " + share)
                : new Classification(Stack.INTELLIGENCE, "slow turns: " + share);
    }

    private static String stageName(String stage) {
        return switch (stage) {
            case EOS -> "end-of-speech detection";
            case STT -> "speech-to-text";
            case LLM -> "LLM first token";
            default -> "TTS first byte";
        };
    }

    private static String reasonSuffix(String reason) {
        return reason == null ? "" : " (mostly " + reason + ")";
    }
}
