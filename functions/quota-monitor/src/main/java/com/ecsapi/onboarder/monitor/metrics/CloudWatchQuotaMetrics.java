package com.ecsapi.onboarder.monitor.metrics;

import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.monitor.forecast.UsageSample;
import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import software.amazon.awssdk.core.exception.SdkException;
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

/**
 * Publishes the quota metrics ({@code PutMetricData}) and reads back the {@code Usage} history ({@code GetMetricData}).
 * A call that fails for good costs its batch: those data points are not published, or those series get no forecast.
 */
public final class CloudWatchQuotaMetrics {

    /** PutMetricData takes up to 1000 data points per call. */
    public static final int DATUMS_PER_CALL = 1000;
    /** GetMetricData takes up to 500 queries per call and answers up to 100,800 data points. */
    public static final int QUERIES_PER_CALL = 500;
    /**
     * History points per series: 56 (6-hour buckets over 14 days) is plenty for a trend measured in days and keeps
     * 500 series far under the 100,800 points of one call.
     */
    public static final int POINTS_PER_SERIES = 56;

    private static final String PUT_METRIC_DATA = "CloudWatch:PutMetricData";
    private static final String GET_METRIC_DATA = "CloudWatch:GetMetricData";

    private final CloudWatchClient cloudWatch;
    private final String namespace;
    private final int datumsPerCall;

    /** @param datumsPerCall {@link #DATUMS_PER_CALL}; fewer only to test batches without a thousand series */
    public CloudWatchQuotaMetrics(CloudWatchClient cloudWatch, String namespace, int datumsPerCall) {
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
        this.datumsPerCall = datumsPerCall;
    }

    /** What {@link #publish} did: the data points CloudWatch took and the PutMetricData calls made. */
    public record Publication(int published, int calls) {
    }

    /** Publishes all data points with one timestamp, in as few calls as the API allows. */
    public Publication publish(List<QuotaDatum> datums, Instant timestamp, ItemFailures failures) {
        List<List<QuotaDatum>> batches = Batches.of(datums, datumsPerCall);
        int published = 0;
        for (List<QuotaDatum> batch : batches) {
            List<MetricDatum> metricData = batch.stream().map(datum -> MetricDatum.builder()
                    .metricName(datum.metric().metricName())
                    .unit(StandardUnit.fromValue(datum.metric().unit()))
                    .dimensions(dimensions(datum.series()))
                    .value(datum.value())
                    .timestamp(timestamp)
                    .build()).toList();
            try {
                cloudWatch.putMetricData(request -> request.namespace(namespace).metricData(metricData));
                published += batch.size();
            } catch (SdkException e) {
                failures.add(PUT_METRIC_DATA, batch.size() + " data points of " + seriesRange(batch),
                        "not published this run", e);
            }
        }
        return new Publication(published, batches.size());
    }

    private static String seriesRange(List<QuotaDatum> batch) {
        QuotaUsage.SeriesKey first = batch.getFirst().series();
        QuotaUsage.SeriesKey last = batch.getLast().series();
        String from = first.quotaId() + "/" + first.resource();
        return first.equals(last) ? from : from + " to " + last.quotaId() + "/" + last.resource();
    }

    /**
     * The {@code Usage} history (maximum per period) of each series over {@code [from, to)}, in periods that
     * give at most {@value #POINTS_PER_SERIES} points per series (6 hours for 14 days). A batch whose reading
     * fails has no history.
     */
    public Map<QuotaUsage.SeriesKey, List<UsageSample>> usageHistory(List<QuotaUsage.SeriesKey> series,
                                                                      Instant from, Instant to, ItemFailures failures) {
        int period = period(Duration.between(from, to));
        Map<QuotaUsage.SeriesKey, List<UsageSample>> history = new HashMap<>();
        for (List<QuotaUsage.SeriesKey> batch : Batches.of(series, QUERIES_PER_CALL)) {
            try {
                history.putAll(batchHistory(batch, from, to, period));
            } catch (SdkException e) {
                failures.add(GET_METRIC_DATA, "Usage history of " + batch.size() + " series",
                        "no DaysToExhaustion for them this run", e);
            }
        }
        return history;
    }

    /** One GetMetricData listing (all its pages) for up to {@value #QUERIES_PER_CALL} series. */
    private Map<QuotaUsage.SeriesKey, List<UsageSample>> batchHistory(List<QuotaUsage.SeriesKey> batch, Instant from,
                                                                      Instant to, int period) {
        Map<QuotaUsage.SeriesKey, List<UsageSample>> history = new HashMap<>();
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
