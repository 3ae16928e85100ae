package com.ecsapi.onboarder.monitor.failures;

import com.ecsapi.onboarder.quota.Quota;

import java.util.Objects;

/**
 * A series ({@code Quota}, {@code Resource}) of which this run could not read all it needs to judge its alarm
 * (its usage, or the NLB's pool membership): its alarm is left as it is, neither updated nor deleted.
 *
 * @param resource one resource, or {@link #EVERY_RESOURCE} when the listing of the quota's resources failed
 */
public record UnreadSeries(Quota quota, String resource) {

    public static final String EVERY_RESOURCE = "*";

    public UnreadSeries {
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(resource, "resource");
    }

    public static UnreadSeries everyResourceOf(Quota quota) {
        return new UnreadSeries(quota, EVERY_RESOURCE);
    }

    public boolean covers(String quotaId, String resource) {
        return quota.id().equals(quotaId) && (EVERY_RESOURCE.equals(this.resource) || this.resource.equals(resource));
    }
}
