package com.ecsapi.onboarder.monitor.metrics;

import com.ecsapi.onboarder.monitor.usage.QuotaUsage;

/** One metric data point to publish: metric, series ({@code Quota}, {@code Resource}) and value. */
public record QuotaDatum(QuotaMetric metric, QuotaUsage.SeriesKey series, double value) {
}
