package com.ecsapi.onboarder.monitor.metrics;

import com.ecsapi.onboarder.monitor.forecast.UsageSample;
import com.ecsapi.onboarder.monitor.internal.Batches;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Publishes the quota metrics ({@code PutMetricData}) and reads back the {@code Usage} history ({@code GetMetricData}). */
public final class CloudWatchQuotaMetrics {

    /** PutMetricData takes up to 1000 data points per call. */
    public static final int DATUMS_PER_CALL = 1000;
    /** GetMetricData takes up to 500 queries per call and answers up to 100,800 data points. */
    public static final int QUERIES_PER_CALL = 500;
    /**
     * History points per series: 56 (6-hour buckets over 14 days) is plenty for a trend measured in days, keeps
     * 500 series far under the 100,800 points of one call, and keeps the emulator (whose GetMetricData scans every
     * stored point per query and period) fast enough for 500 NLBs.
     */
    public static final int POINTS_PER_SERIES = 56;

    private final CloudWatchClient cloudWatch;
    private final String namespace;

    public CloudWatchQuotaMetrics(CloudWatchClient cloudWatch, String namespace) {
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
    }

    /** Publishes all data points with one timestamp, in as few calls as the API allows; returns the call count. */
    public int publish(List<QuotaDatum> datums, Instant timestamp) {
        List<MetricDatum> metricData = datums.stream().map(datum -> MetricDatum.builder()
                .metricName(datum.metric().metricName())
                .unit(StandardUnit.fromValue(datum.metric().unit()))
                .dimensions(dimensions(datum.series()))
                .value(datum.value())
                .timestamp(timestamp)
                .build()).toList();
        List<List<MetricDatum>> batches = Batches.of(metricData, DATUMS_PER_CALL);
        batches.forEach(batch -> cloudWatch.putMetricData(request -> request.namespace(namespace).metricData(batch)));
        return batches.size();
    }

    /**
     * The {@code Usage} history (maximum per period) of each series over {@code [from, to)}, in periods that
     * give at most {@value #POINTS_PER_SERIES} points per series (6 hours for 14 days).
     */
    public Map<QuotaUsage.SeriesKey, List<UsageSample>> usageHistory(List<QuotaUsage.SeriesKey> series,
                                                                      Instant from, Instant to) {
        int period = period(Duration.between(from, to));
        Map<QuotaUsage.SeriesKey, List<UsageSample>> history = new HashMap<>();
        for (List<QuotaUsage.SeriesKey> batch : Batches.of(series, QUERIES_PER_CALL)) {
            List<MetricDataQuery> queries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                QuotaUsage.SeriesKey key = batch.get(i);
                queries.add(MetricDataQuery.builder()
                        .id("u" + i)
                        .returnData(true)
                        .metricStat(stat -> stat
                                .stat("Maximum")
                                .period(period)
                                .metric(metric -> metric
                                        .namespace(namespace)
                                        .metricName(QuotaMetric.USAGE.metricName())
                                        .dimensions(dimensions(key))))
                        .build());
            }
            String token = null;
            do {
                String page = token;
                GetMetricDataResponse response = cloudWatch.getMetricData(request -> request
                        .metricDataQueries(queries).startTime(from).endTime(to).nextToken(page));
                for (MetricDataResult result : response.metricDataResults()) {
                    QuotaUsage.SeriesKey key = batch.get(Integer.parseInt(result.id().substring(1)));
                    List<UsageSample> samples = history.computeIfAbsent(key, k -> new ArrayList<>());
                    for (int p = 0; p < Math.min(result.timestamps().size(), result.values().size()); p++) {
                        samples.add(new UsageSample(result.timestamps().get(p), result.values().get(p)));
                    }
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
        }
        return history;
    }

    static int period(Duration window) {
        long seconds = Math.max(60, (window.toSeconds() + POINTS_PER_SERIES - 1) / POINTS_PER_SERIES);
        return (int) ((seconds + 59) / 60 * 60);
    }

    private static List<Dimension> dimensions(QuotaUsage.SeriesKey series) {
        return List.of(
                Dimension.builder().name(QuotaMetric.QUOTA_DIMENSION).value(series.quotaId()).build(),
                Dimension.builder().name(QuotaMetric.RESOURCE_DIMENSION).value(series.resource()).build());
    }
}
