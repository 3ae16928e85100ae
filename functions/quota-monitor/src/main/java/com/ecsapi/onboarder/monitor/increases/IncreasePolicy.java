package com.ecsapi.onboarder.monitor.increases;

/**
 * When the monitor asks Service Quotas for more, and how much: a quota whose forecast days-to-exhaustion is below
 * {@code thresholdDays} is asked to grow to {@code factor} times its limit, rounded up, and at least one more than
 * the limit (Service Quotas refuses a desired value that is not above the value in force).
 *
 * @param thresholdDays 0: never ask (the default: requesting is opt-in)
 */
public record IncreasePolicy(double thresholdDays, double factor) {

    public static final IncreasePolicy OFF = new IncreasePolicy(0, 2);

    public IncreasePolicy {
        if (thresholdDays < 0) {
            throw new IllegalStateException("QUOTA_INCREASE_REQUEST_DAYS must not be negative, was " + thresholdDays);
        }
        if (!(factor > 1)) {
            throw new IllegalStateException("QUOTA_INCREASE_FACTOR must be above 1, was " + factor);
        }
    }

    public boolean enabled() {
        return thresholdDays > 0;
    }

    public boolean isDue(double daysToExhaustion) {
        return enabled() && daysToExhaustion < thresholdDays;
    }

    public double desiredValue(double limit) {
        return Math.max(Math.ceil(limit * factor), Math.floor(limit) + 1);
    }
}
