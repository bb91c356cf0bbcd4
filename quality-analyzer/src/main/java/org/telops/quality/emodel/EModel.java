package org.telops.quality.emodel;

/**
 * Simplified ITU-T G.107 E-model: transmission rating R and MOS from network impairments.
 *
 * <p>Only the impairments a monitoring probe can measure vary; every other G.107 parameter is at
 * its default, which collapses Ro − Is − A to the constant 93.2. The formulas:
 * <ul>
 *   <li>R = 93.2 − Id − Ie,eff</li>
 *   <li>Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3), d = one-way mouth-to-ear delay in ms
 *       (the Cole &amp; Rosenbluth simplification of G.107's Idd/Idte/Idle terms)</li>
 *   <li>Ie,eff = Ie + (95 − Ie)·Ppl / (Ppl/BurstR + Bpl) (G.107 §3.6, Ppl in percent)</li>
 *   <li>MOS = 1 for R ≤ 0, 4.5 for R ≥ 100, else 1 + 0.035R + 7·10⁻⁶·R(R − 60)(100 − R)
 *       (G.107 Annex B), clamped to [1, 4.5]</li>
 * </ul>
 * Jitter is not an E-model input. A receiver absorbs it in a de-jitter buffer, which costs delay;
 * {@link #effectiveDelayMs(double, double)} makes that conversion explicit so callers can see what
 * was folded in instead of jitter being silently mixed into "delay".
 */
public final class EModel {

    /** Ro − Is − A with all G.107 defaults. */
    public static final double DEFAULT_R0 = 93.2;
    /** Delay beyond which the interactivity penalty steepens (G.107 knee). */
    public static final double DELAY_KNEE_MS = 177.3;
    /** Fixed codec/packetisation allowance added when folding jitter into delay. */
    public static final double JITTER_FOLD_CONSTANT_MS = 10.0;
    /** Random (non-bursty) loss. */
    public static final double RANDOM_LOSS_BURST_RATIO = 1.0;

    private EModel() {
    }

    /**
     * Effective one-way delay once a de-jitter buffer sized at twice the jitter is accounted for:
     * {@code delayMs + 2·jitterMs + 10 ms}. The factor 2 sizes the buffer to absorb jitter peaks
     * (RFC 3550 jitter is a smoothed mean, peaks run about twice as high); the 10 ms covers the
     * codec look-ahead/packetisation that a network delay measurement does not see.
     */
    public static double effectiveDelayMs(double delayMs, double jitterMs) {
        requireFiniteNonNegative("delayMs", delayMs);
        requireFiniteNonNegative("jitterMs", jitterMs);
        return delayMs + 2.0 * jitterMs + JITTER_FOLD_CONSTANT_MS;
    }

    /**
     * Evaluates the model for measured network figures, folding jitter into delay with
     * {@link #effectiveDelayMs(double, double)} first.
     */
    public static EModelResult fromNetworkWithJitter(
            double delayMs, double jitterMs, double lossPercent, double burstRatio, Codec codec) {
        return fromNetwork(effectiveDelayMs(delayMs, jitterMs), lossPercent, burstRatio, codec);
    }

    /**
     * Evaluates the model for a one-way delay that already includes any jitter buffer.
     *
     * @param delayMs one-way mouth-to-ear delay, ms, ≥ 0
     * @param lossPercent packet loss, 0..100
     * @param burstRatio G.107 BurstR, &gt; 0 (1 = random loss, &gt; 1 = bursty)
     * @param codec codec in use
     * @throws IllegalArgumentException naming the parameter and value when an input is out of range
     */
    public static EModelResult fromNetwork(double delayMs, double lossPercent, double burstRatio, Codec codec) {
        requireFiniteNonNegative("delayMs", delayMs);
        requireFiniteNonNegative("lossPercent", lossPercent);
        if (lossPercent > 100.0) {
            throw new IllegalArgumentException("lossPercent must be between 0 and 100, was " + lossPercent);
        }
        if (!(burstRatio > 0.0) || Double.isInfinite(burstRatio)) {
            throw new IllegalArgumentException("burstRatio must be a finite number > 0, was " + burstRatio);
        }
        if (codec == null) {
            throw new IllegalArgumentException("codec must not be null");
        }
        if (!codec.narrowbandModelled()) {
            return EModelResult.notApplicable(codec + " is not covered by the narrowband G.107 model "
                    + "(no G.113 Ie/Bpl values); no MOS estimate is given");
        }
        double id = delayImpairment(delayMs);
        double ieEff = effectiveEquipmentImpairment(codec, lossPercent, burstRatio);
        double r = DEFAULT_R0 - id - ieEff;
        return new EModelResult(true, r, mosFromR(r), id, ieEff, null);
    }

    /** Id for a one-way delay in ms. */
    public static double delayImpairment(double delayMs) {
        requireFiniteNonNegative("delayMs", delayMs);
        double id = 0.024 * delayMs;
        if (delayMs > DELAY_KNEE_MS) {
            id += 0.11 * (delayMs - DELAY_KNEE_MS);
        }
        return id;
    }

    /** Ie,eff for a codec under a loss percentage and burst ratio. */
    public static double effectiveEquipmentImpairment(Codec codec, double lossPercent, double burstRatio) {
        double ie = codec.equipmentImpairment();
        if (lossPercent == 0.0) {
            return ie; // avoids 0/0 when Bpl were ever 0; the formula gives Ie exactly here anyway
        }
        return ie + (95.0 - ie) * lossPercent / (lossPercent / burstRatio + codec.packetLossRobustness());
    }

    /**
     * G.107 Annex B mapping from R to MOS (conversational quality, estimated). Defined for any
     * finite R: values outside 0..100 clamp to 1.0 and 4.5.
     */
    public static double mosFromR(double r) {
        if (Double.isNaN(r)) {
            throw new IllegalArgumentException("r must be a number, was NaN");
        }
        if (r <= 0.0) {
            return 1.0;
        }
        if (r >= 100.0) {
            return 4.5;
        }
        double mos = 1.0 + 0.035 * r + 7.0e-6 * r * (r - 60.0) * (100.0 - r);
        // The cubic dips just below 1 for small R (e.g. R = 5 gives 0.98); MOS has no meaning there.
        return Math.max(1.0, Math.min(4.5, mos));
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0.0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
    }
}
