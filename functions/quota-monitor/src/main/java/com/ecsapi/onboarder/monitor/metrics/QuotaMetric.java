package com.ecsapi.onboarder.monitor.metrics;

/**
 * The metrics of namespace {@code EcsApiOnboarder/Quotas}, each with the dimensions {@value #QUOTA_DIMENSION}
 * (the quota's id, e.g. {@code listeners-per-nlb}) and {@value #RESOURCE_DIMENSION} ({@code region}, the NLB
 * name or the API id).
 */
public enum QuotaMetric {
    USAGE("Usage", "Count"),
    LIMIT("Limit", "Count"),
    UTILIZATION("Utilization", "Percent"),
    /** Published only when there is a forecast: see {@link com.ecsapi.onboarder.monitor.forecast.ExhaustionForecast}. */
    DAYS_TO_EXHAUSTION("DaysToExhaustion", "None");

    public static final String DEFAULT_NAMESPACE = "EcsApiOnboarder/Quotas";
    public static final String QUOTA_DIMENSION = "Quota";
    public static final String RESOURCE_DIMENSION = "Resource";

    private final String metricName;
    private final String unit;

    QuotaMetric(String metricName, String unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    /** The CloudWatch unit name ({@code StandardUnit} value). */
    public String unit() {
        return unit;
    }
}
