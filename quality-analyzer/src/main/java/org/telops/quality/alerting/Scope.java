package org.telops.quality.alerting;

/** Where a figure was measured: tenant, carrier and region; any of them may be null (unknown or not applicable). */
public record Scope(String tenantId, String carrier, String region) {

    /** "acme twilio/us-east", "twilio/us-east" (probes have no tenant). */
    @Override
    public String toString() {
        String where = (carrier == null ? "?" : carrier) + "/" + (region == null ? "?" : region);
        return tenantId == null ? where : tenantId + " " + where;
    }
}
