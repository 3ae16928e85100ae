package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads back from the emulator's CloudWatch what the monitor published and the alarms it keeps. */
final class CloudWatchReadback implements AutoCloseable {

    static final String NAMESPACE = "EcsApiOnboarder/Quotas";

    final CloudWatchClient cloudWatch = AwsClients.create(CloudWatchClient.builder());

    /** The one value of the metric published in the last 10 minutes. */
    double latest(String metricName, String quota, String resource) {
        Instant now = Instant.now();
        MetricDataResult result = query(metricName, quota, resource, "Maximum", now.minus(Duration.ofMinutes(10)), 60);
        assertEquals(1, result.values().size(), metricName + " " + quota + "/" + resource + ": " + result);
        return result.values().getFirst();
    }

    /** How many data points of the metric were published since {@code since} (within the hour). */
    int samples(String metricName, String quota, String resource, Instant since) {
        MetricDataResult result = query(metricName, quota, resource, "SampleCount", since, 3600);
        return result.values().isEmpty() ? 0 : result.values().getFirst().intValue();
    }

    private MetricDataResult query(String metricName, String quota, String resource, String stat, Instant from,
                                   int period) {
        return cloudWatch.getMetricData(request -> request
                .startTime(from).endTime(Instant.now().plus(Duration.ofMinutes(1)))
                .metricDataQueries(query -> query.id("m").metricStat(metricStat -> metricStat.stat(stat).period(period)
                        .metric(metric -> metric.namespace(NAMESPACE).metricName(metricName)
                                .dimensions(dimension("Quota", quota), dimension("Resource", resource))))))
                .metricDataResults().getFirst();
    }

    void publishUsage(String nlb, Instant at, double value) {
        publishUsage("listeners-per-nlb", nlb, at, value);
    }

    /** A past Usage data point, as an earlier run would have published it: history for the forecast. */
    void publishUsage(String quota, String resource, Instant at, double value) {
        cloudWatch.putMetricData(request -> request.namespace(NAMESPACE).metricData(datum -> datum
                .metricName("Usage").unit(StandardUnit.COUNT).timestamp(at).value(value)
                .dimensions(dimension("Quota", quota), dimension("Resource", resource))));
    }

    Map<String, MetricAlarm> alarms(String prefix) {
        return cloudWatch.describeAlarms(request -> request.alarmNamePrefix(prefix + "-")).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, alarm -> alarm));
    }

    static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    static List<String> series(Metric metric) {
        return series(metric.dimensions());
    }

    /** {@code [Quota, Resource]} of a metric or alarm. */
    static List<String> series(List<Dimension> dimensions) {
        Map<String, String> byName = dimensions.stream().collect(Collectors.toMap(Dimension::name, Dimension::value));
        return List.of(byName.get("Quota"), byName.get("Resource"));
    }

    @Override
    public void close() {
        cloudWatch.close();
    }
}
