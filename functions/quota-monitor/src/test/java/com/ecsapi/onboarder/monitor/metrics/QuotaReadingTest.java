package com.ecsapi.onboarder.monitor.metrics;

import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuotaReadingTest {

    private static final QuotaLimit FIFTY = new QuotaLimit(Quota.LISTENERS_PER_NLB, 50, QuotaLimit.Source.AWS_DEFAULT, true);

    @Test
    void publishesUsageLimitAndUtilizationForTheQuotaAndResource() {
        QuotaReading reading = new QuotaReading(QuotaUsage.of(Quota.LISTENERS_PER_NLB, "nlb-a", 42), FIFTY,
                QuotaReading.NO_FORECAST);
        QuotaUsage.SeriesKey series = new QuotaUsage.SeriesKey("listeners-per-nlb", "nlb-a");

        assertEquals(List.of(
                new QuotaDatum(QuotaMetric.USAGE, series, 42),
                new QuotaDatum(QuotaMetric.LIMIT, series, 50),
                new QuotaDatum(QuotaMetric.UTILIZATION, series, 84)), reading.datums());
    }

    @Test
    void publishesTheForecastOnlyWhenThereIsOne() {
        QuotaReading reading = new QuotaReading(QuotaUsage.of(Quota.LISTENERS_PER_NLB, "nlb-a", 42), FIFTY, 4.0);

        assertEquals(new QuotaDatum(QuotaMetric.DAYS_TO_EXHAUSTION, reading.usage().key(), 4.0), reading.datums().get(3));
    }

    @Test
    void aZeroLimitIsFullAsSoonAsAnythingIsUsed() {
        QuotaLimit zero = new QuotaLimit(Quota.VPC_LINKS_V2, 0, QuotaLimit.Source.APPLIED, true);

        assertEquals(100.0, new QuotaReading(QuotaUsage.regional(Quota.VPC_LINKS_V2, 1), zero, Double.NaN).utilizationPercent());
        assertEquals(0.0, new QuotaReading(QuotaUsage.regional(Quota.VPC_LINKS_V2, 0), zero, Double.NaN).utilizationPercent());
    }

    @Test
    void historyPeriodsKeepEachSeriesUnderTheGetMetricDataPointLimit() {
        assertEquals(21600, CloudWatchQuotaMetrics.period(Duration.ofDays(14)));
        assertEquals(1560, CloudWatchQuotaMetrics.period(Duration.ofDays(1)));
        assertEquals(60, CloudWatchQuotaMetrics.period(Duration.ofMinutes(10)), "never below a minute");
        assertEquals(true, Duration.ofDays(30).toSeconds() / CloudWatchQuotaMetrics.period(Duration.ofDays(30))
                <= CloudWatchQuotaMetrics.POINTS_PER_SERIES);
    }
}
