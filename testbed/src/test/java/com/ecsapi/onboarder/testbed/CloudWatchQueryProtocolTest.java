package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SDK 2.40.2 talks to CloudWatch over the query protocol, which moto serves: no smithy-rpc-v2-cbor shim is needed.
 * (From 2.40.7 on the SDK speaks CBOR, which moto 5.2.1 answers with 404.)
 */
class CloudWatchQueryProtocolTest extends TestBedTestBase {

    private static final Dimension QUOTA = Dimension.builder().name("Quota").value("listeners-per-nlb").build();
    private static final Dimension RESOURCE = Dimension.builder().name("Resource").value("pool-a").build();

    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void clients() {
        cloudWatch = AwsClients.create(CloudWatchClient.builder());
    }

    @AfterAll
    static void closeClients() {
        cloudWatch.close();
    }

    @Test
    void metricDataRoundTrips() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cloudWatch.putMetricData(r -> r.namespace("EcsApiOnboarder/Quotas").metricData(d -> d.metricName("Usage")
                .dimensions(QUOTA, RESOURCE).value(12.0).unit(StandardUnit.COUNT).timestamp(now)));

        List<MetricDataResult> results = cloudWatch.getMetricData(r -> r.startTime(now.minus(5, ChronoUnit.MINUTES))
                .endTime(now.plus(5, ChronoUnit.MINUTES))
                .metricDataQueries(q -> q.id("usage").metricStat(s -> s.period(60).stat("Maximum")
                        .metric(m -> m.namespace("EcsApiOnboarder/Quotas").metricName("Usage").dimensions(QUOTA, RESOURCE)))))
                .metricDataResults();

        assertEquals(1, results.size());
        assertEquals(List.of(12.0), results.get(0).values());
        assertEquals(1, moto.callCounts().get("monitoring:PutMetricData"));
    }

    @Test
    void largePutMetricDataIsGzippedByTheSdkAndStillCountedByOperation() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<MetricDatum> data = IntStream.range(0, 1000).mapToObj(i -> MetricDatum.builder().metricName("Usage")
                .dimensions(QUOTA, Dimension.builder().name("Resource").value("nlb-" + i).build())
                .value((double) i).unit(StandardUnit.COUNT).timestamp(now).build()).toList();

        cloudWatch.putMetricData(r -> r.namespace("EcsApiOnboarder/Quotas").metricData(data));

        assertEquals(Map.of("monitoring:PutMetricData", 1), moto.callCounts());
    }

    @Test
    void alarmsRoundTrip() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("onboarder-listeners-per-nlb-pool-a")
                .namespace("EcsApiOnboarder/Quotas").metricName("Utilization").dimensions(QUOTA, RESOURCE)
                .statistic(Statistic.MAXIMUM).period(900).evaluationPeriods(1).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));

        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("onboarder-")).metricAlarms();

        assertEquals(1, alarms.size());
        assertEquals(80.0, alarms.get(0).threshold());
        assertEquals(List.of(QUOTA, RESOURCE), alarms.get(0).dimensions());
    }
}
