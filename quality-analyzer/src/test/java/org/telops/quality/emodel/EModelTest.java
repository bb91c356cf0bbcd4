package org.telops.quality.emodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EModelTest {

    @ParameterizedTest(name = "{0}, {1} ms, {2} % loss, BurstR {3} gives R {4} and MOS {5}")
    @CsvSource({
        "G711_PLC,    0,   0, 1, 93.20, 4.409",
        "G711_PLC,    150, 1, 1, 85.96, 4.228",
        "G711_NO_PLC, 150, 1, 1, 71.68, 3.675",
        "G729A_VAD,   200, 2, 1, 66.90, 3.449",
        "G711_PLC,    0,   2, 2, 85.92, 4.227",
        "G711_PLC,    300, 5, 1, 56.72, 2.929",
    })
    @DisplayName("The worked examples give the documented R and MOS to the printed precision.")
    void workedExamples(Codec codec, double delayMs, double lossPercent, double burstRatio, double r, double mos) {
        EModelResult result = EModel.fromNetwork(delayMs, lossPercent, burstRatio, codec);
        assertThat(result.applicable()).isTrue();
        assertThat(result.rFactor()).isCloseTo(r, within(0.005));
        assertThat(result.mos()).isCloseTo(mos, within(0.0005));
    }

    @Test
    @DisplayName("Jitter is folded into delay as delay + 2 x jitter + 10 ms before the model runs.")
    void jitterFolding() {
        assertThat(EModel.effectiveDelayMs(100, 20)).isEqualTo(150.0);
        EModelResult folded = EModel.fromNetworkWithJitter(100, 20, 1, 1, Codec.G711_PLC);
        EModelResult direct = EModel.fromNetwork(150, 1, 1, Codec.G711_PLC);
        assertThat(folded.rFactor()).isEqualTo(direct.rFactor());
        assertThat(folded.mos()).isLessThan(EModel.fromNetwork(100, 1, 1, Codec.G711_PLC).mos());
    }

    @Test
    @DisplayName("The delay impairment steepens past the 177.3 ms knee.")
    void delayKnee() {
        assertThat(EModel.delayImpairment(177.3)).isCloseTo(0.024 * 177.3, within(1e-9));
        assertThat(EModel.delayImpairment(277.3)).isCloseTo(0.024 * 277.3 + 11.0, within(1e-9));
    }

    @Test
    @DisplayName("Total loss leaves G.711 with R 17.26 and MOS 1.18, and no loss leaves Ie unchanged.")
    void lossExtremes() {
        EModelResult all = EModel.fromNetwork(0, 100, 1, Codec.G711_PLC);
        assertThat(all.effectiveEquipmentImpairment()).isCloseTo(95 * 100 / 125.1, within(1e-9));
        assertThat(all.rFactor()).isCloseTo(17.26, within(0.005));
        assertThat(all.mos()).isCloseTo(1.177, within(0.0005));
        assertThat(EModel.fromNetwork(0, 0, 1, Codec.G729A_VAD).effectiveEquipmentImpairment()).isEqualTo(11.0);
    }

    @Test
    @DisplayName("A huge delay gives a negative R and the floor MOS of 1.")
    void hugeDelay() {
        EModelResult result = EModel.fromNetwork(5_000, 0, 1, Codec.G711_PLC);
        assertThat(result.rFactor()).isNegative();
        assertThat(result.mos()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("MOS is 1 at or below R 0, 4.5 at or above R 100, and never leaves 1..4.5 in between.")
    void mosClamping() {
        assertThat(EModel.mosFromR(-20)).isEqualTo(1.0);
        assertThat(EModel.mosFromR(0)).isEqualTo(1.0);
        assertThat(EModel.mosFromR(100)).isEqualTo(4.5);
        assertThat(EModel.mosFromR(140)).isEqualTo(4.5);
        assertThat(EModel.mosFromR(5)).isEqualTo(1.0); // the raw cubic gives 0.992 here
        for (double r = 0; r <= 100; r += 0.5) {
            assertThat(EModel.mosFromR(r)).isBetween(1.0, 4.5);
        }
        assertThat(EModel.mosFromR(50)).isGreaterThan(EModel.mosFromR(40));
    }

    @Test
    @DisplayName("Opus is reported as not applicable instead of receiving an invented score.")
    void opusNotApplicable() {
        EModelResult result = EModel.fromNetwork(50, 1, 1, Codec.OPUS);
        assertThat(result.applicable()).isFalse();
        assertThat(result.mos()).isNaN();
        assertThat(result.rFactor()).isNaN();
        assertThat(result.reason()).contains("OPUS").contains("not covered");
    }

    @Test
    @DisplayName("Bursty loss hurts more than the same amount of random loss.")
    void burstiness() {
        double random = EModel.fromNetwork(0, 3, 1, Codec.G711_PLC).rFactor();
        double bursty = EModel.fromNetwork(0, 3, 3, Codec.G711_PLC).rFactor();
        assertThat(bursty).isLessThan(random);
    }

    @Test
    @DisplayName("Out-of-range inputs are rejected with a message naming the parameter and its value.")
    void rejectsBadInputs() {
        assertThatThrownBy(() -> EModel.fromNetwork(-1, 0, 1, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delayMs").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> EModel.fromNetwork(0, -0.5, 1, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossPercent").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> EModel.fromNetwork(0, 100.1, 1, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossPercent").hasMessageContaining("100.1");
        assertThatThrownBy(() -> EModel.fromNetwork(0, 1, 0, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burstRatio").hasMessageContaining("0.0");
        assertThatThrownBy(() -> EModel.fromNetworkWithJitter(0, -3, 1, 1, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitterMs").hasMessageContaining("-3.0");
        assertThatThrownBy(() -> EModel.fromNetwork(Double.NaN, 1, 1, Codec.G711_PLC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delayMs").hasMessageContaining("NaN");
        assertThatThrownBy(() -> EModel.fromNetwork(0, 1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codec");
    }
}
