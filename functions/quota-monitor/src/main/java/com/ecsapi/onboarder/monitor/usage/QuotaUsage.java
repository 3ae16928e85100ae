package com.ecsapi.onboarder.monitor.usage;

import com.ecsapi.onboarder.quota.Quota;

import java.util.Objects;

/**
 * How much of one quota one resource uses, as counted in this run.
 *
 * @param resource {@link #REGION} for Region-wide quotas, the NLB name for per-NLB quotas, the API id for per-API quotas
 * @param pool     the {@code apigw:pool} tag of a pool member NLB; {@code null} for anything that is not in a pool
 */
public record QuotaUsage(Quota quota, String resource, double usage, String pool) {

    /** The resource of Region-wide quotas. */
    public static final String REGION = "region";

    public QuotaUsage {
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(resource, "resource");
        if (resource.isBlank()) {
            throw new IllegalArgumentException("resource must not be blank");
        }
        if (usage < 0) {
            throw new IllegalArgumentException("usage must not be negative: " + usage);
        }
    }

    public static QuotaUsage regional(Quota quota, double usage) {
        return new QuotaUsage(quota, REGION, usage, null);
    }

    public static QuotaUsage of(Quota quota, String resource, double usage) {
        return new QuotaUsage(quota, resource, usage, null);
    }

    public boolean inPool() {
        return pool != null;
    }

    public SeriesKey key() {
        return new SeriesKey(quota.id(), resource);
    }

    /** Names one metric series: the {@code Quota} and {@code Resource} dimension values. */
    public record SeriesKey(String quotaId, String resource) {
    }
}
