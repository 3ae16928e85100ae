package com.ecsapi.onboarder.monitor.growth;

/**
 * When the monitor grows a pool: every NLB of the pool in a VPC that can take a service is at or above
 * {@code thresholdPercent} of its listener quota.
 *
 * @param thresholdPercent 0: never grow (the default: growing is opt-in)
 */
public record GrowthPolicy(double thresholdPercent) {

    public static final GrowthPolicy OFF = new GrowthPolicy(0);

    public GrowthPolicy {
        if (thresholdPercent < 0 || thresholdPercent > 100) {
            throw new IllegalStateException("POOL_GROWTH_THRESHOLD_PERCENT must be 0 (off) to 100, was "
                    + thresholdPercent);
        }
    }

    public boolean enabled() {
        return thresholdPercent > 0;
    }

    public boolean isFull(double listeners, double listenerLimit) {
        return listenerLimit <= 0 || 100 * listeners / listenerLimit >= thresholdPercent;
    }
}
