package org.telops.quality.emodel;

/**
 * Outcome of an E-model evaluation.
 *
 * <p>When {@code applicable} is false the codec is outside the model and {@code rFactor} and
 * {@code mos} are NaN; {@code reason} says why. Callers must check {@link #applicable()} rather
 * than treat NaN as a score, which is why there is no "default" MOS for the not-covered case.
 *
 * @param applicable whether the model covers the inputs
 * @param rFactor transmission rating R (unclamped, may be below 0 for very bad conditions)
 * @param mos estimated mean opinion score, 1.0..4.5
 * @param delayImpairment Id, the delay impairment used
 * @param effectiveEquipmentImpairment Ie,eff, the loss-adjusted codec impairment used
 * @param reason null when applicable, otherwise a sentence explaining why not
 */
public record EModelResult(
        boolean applicable,
        double rFactor,
        double mos,
        double delayImpairment,
        double effectiveEquipmentImpairment,
        String reason) {

    static EModelResult notApplicable(String reason) {
        return new EModelResult(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, reason);
    }
}
