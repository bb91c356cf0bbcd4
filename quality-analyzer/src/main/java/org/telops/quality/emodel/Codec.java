package org.telops.quality.emodel;

/**
 * Codecs the simplified E-model knows, with their ITU-T G.113 Appendix I impairment values.
 *
 * <p>{@code equipmentImpairment} is Ie (impairment with no loss) and {@code packetLossRobustness}
 * is Bpl (how gracefully the codec degrades under random loss). Opus is wideband/fullband and has
 * no narrowband G.113 entry, so it is listed but marked as not covered: inventing Ie/Bpl for it
 * would produce a number that looks authoritative and is not.
 */
public enum Codec {
    /** G.711 (PCMU/PCMA) with packet loss concealment (G.711 Appendix I). */
    G711_PLC(0.0, 25.1, true),
    /** G.711 without packet loss concealment: lost frames are played as silence. */
    G711_NO_PLC(0.0, 4.3, true),
    /** G.729 Annex A with voice activity detection (Annex B). */
    G729A_VAD(11.0, 19.0, true),
    /** Opus: wideband codec, outside the narrowband model; results are "not applicable". */
    OPUS(Double.NaN, Double.NaN, false);

    private final double equipmentImpairment;
    private final double packetLossRobustness;
    private final boolean narrowbandModelled;

    Codec(double equipmentImpairment, double packetLossRobustness, boolean narrowbandModelled) {
        this.equipmentImpairment = equipmentImpairment;
        this.packetLossRobustness = packetLossRobustness;
        this.narrowbandModelled = narrowbandModelled;
    }

    /** Ie: the codec's impairment with no packet loss; NaN when not modelled. */
    public double equipmentImpairment() {
        return equipmentImpairment;
    }

    /** Bpl: packet-loss robustness factor; NaN when not modelled. */
    public double packetLossRobustness() {
        return packetLossRobustness;
    }

    /** Whether the narrowband G.107 model has G.113 values for this codec. */
    public boolean narrowbandModelled() {
        return narrowbandModelled;
    }
}
