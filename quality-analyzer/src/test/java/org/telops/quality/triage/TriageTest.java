package org.telops.quality.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telops.quality.alerting.Observation;
import org.telops.quality.alerting.RuleKind;
import org.telops.quality.alerting.Scope;

class TriageTest {
    private static final Scope SCOPE = new Scope("acme", "twilio", "us-east");

    private static Observation evidence(Map<String, Double> componentsMs, String topReason) {
        return new Observation(SCOPE, 1, 10, 1, List.of(), componentsMs, topReason);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "CALL_SUCCESS_LOW, TELEPHONY",
        "PROBE_FAILURES, TELEPHONY",
        "MOS_LOW, AUDIO",
        "JITTER_HIGH, AUDIO",
        "LOSS_HIGH, AUDIO",
        "ONE_WAY_LATENCY_HIGH, AUDIO",
        "TURN_LATENCY_P95, INTELLIGENCE",
        "TURN_LATENCY_P99, INTELLIGENCE",
    })
    @DisplayName("Each rule points at its stack: failed connects and probes at Telephony, media figures at Audio, slow turns at Intelligence.")
    void byRule(RuleKind kind, Stack stack) {
        assertThat(Triage.classify(kind, evidence(Map.of(), null)).stack()).isEqualTo(stack);
    }

    @Test
    @DisplayName("Slow turns whose largest stage is TTS first byte are an Output incident (slow first audio); LLM or STT make it Intelligence.")
    void slowTurnsByStage() {
        Classification tts = Triage.classify(RuleKind.TURN_LATENCY_P95, evidence(Map.of(Triage.EOS, 150.0,
                Triage.STT, 120.0, Triage.LLM, 200.0, Triage.TTS, 700.0), null));
        assertThat(tts.stack()).isEqualTo(Stack.OUTPUT);
        assertThat(tts.reason()).contains("TTS first byte takes 700 of 1170 ms");
        Classification llm = Triage.classify(RuleKind.TURN_LATENCY_P99, evidence(Map.of(Triage.STT, 120.0,
                Triage.LLM, 900.0, Triage.TTS, 200.0), null));
        assertThat(llm.stack()).isEqualTo(Stack.INTELLIGENCE);
        assertThat(llm.reason()).contains("LLM first token");
    }

    @Test
    @DisplayName("Probes failing as one-way audio are an Audio incident; no media or carrier errors stay Telephony.")
    void probeReasons() {
        assertThat(Triage.classify(RuleKind.PROBE_FAILURES, evidence(Map.of(), "one-way-audio")).stack())
                .isEqualTo(Stack.AUDIO);
        Classification noAudio = Triage.classify(RuleKind.PROBE_FAILURES, evidence(Map.of(), "no-audio"));
        assertThat(noAudio.stack()).isEqualTo(Stack.TELEPHONY);
        assertThat(noAudio.reason()).contains("no-audio");
    }

    @Test
    @DisplayName("Telephony is checked first, then Audio, Intelligence and Output, with targets of 5, 10, 15 and 10 minutes.")
    void orderAndTargets() {
        assertThat(Stack.first(List.of(Stack.OUTPUT, Stack.AUDIO, Stack.INTELLIGENCE))).isEqualTo(Stack.AUDIO);
        assertThat(Stack.first(List.of(Stack.AUDIO, Stack.TELEPHONY))).isEqualTo(Stack.TELEPHONY);
        assertThat(Stack.TELEPHONY.before(Stack.AUDIO)).isTrue();
        assertThat(Stack.OUTPUT.before(Stack.INTELLIGENCE)).isFalse();
        assertThat(List.of(Stack.values())).extracting(Stack::targetResolutionMinutes).containsExactly(5, 10, 15, 10);
        assertThat(Stack.byId("intelligence")).isEqualTo(Stack.INTELLIGENCE);
        assertThat(Stack.byId("network")).isNull();
    }
}
