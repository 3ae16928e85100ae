package com.ecsapi.onboarder.monitor.metrics;

import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.QuotaLimit;

import java.util.ArrayList;
import java.util.List;

/**
 * A quota's usage for one resource, the limit in force and the forecast: everything one run knows about it.
 *
 * @param daysToExhaustion the forecast, or {@link Double#NaN} when there is none (no growth, thin history)
 */
public record QuotaReading(QuotaUsage usage, QuotaLimit limit, double daysToExhaustion) {

    public static final double NO_FORECAST = Double.NaN;

    public boolean hasForecast() {
        return !Double.isNaN(daysToExhaustion);
    }

    /** Usage as a percentage of the limit; a zero limit counts as full as soon as anything is used. */
    public double utilizationPercent() {
        if (limit.value() <= 0) {
            return usage.usage() > 0 ? 100 : 0;
        }
        return 100.0 * usage.usage() / limit.value();
    }

    public List<QuotaDatum> datums() {
        QuotaUsage.SeriesKey series = usage.key();
        List<QuotaDatum> datums = new ArrayList<>(4);
        datums.add(new QuotaDatum(QuotaMetric.USAGE, series, usage.usage()));
        datums.add(new QuotaDatum(QuotaMetric.LIMIT, series, limit.value()));
        datums.add(new QuotaDatum(QuotaMetric.UTILIZATION, series, utilizationPercent()));
        if (hasForecast()) {
            datums.add(new QuotaDatum(QuotaMetric.DAYS_TO_EXHAUSTION, series, daysToExhaustion));
        }
        return datums;
    }
}
