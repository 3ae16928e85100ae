package com.ecsapi.onboarder.quota;

/**
 * The limit in force for a quota, and where it was read.
 *
 * @param adjustable whether Service Quotas says an increase may be requested ({@code Adjustable}); false when it
 *                   did not answer ({@link Source#DOCUMENTED_DEFAULT})
 */
public record QuotaLimit(Quota quota, double value, Source source, boolean adjustable) {

    public enum Source {
        /** {@code GetServiceQuota}: the value applied to this account. */
        APPLIED,
        /** {@code GetAWSDefaultServiceQuota}: AWS's default, when no value is applied. */
        AWS_DEFAULT,
        /** The default documented in {@link Quota}, when Service Quotas could not answer. */
        DOCUMENTED_DEFAULT
    }

    public int asInt() {
        return (int) Math.floor(value);
    }
}
