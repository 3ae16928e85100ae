package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.config.Environment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.ecsapi.onboarder.monitor.CloudWatchReadback.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real handler against the emulator: what it measures, publishes and alarms on. */
class QuotaMonitorHandlerEmulatorTest extends MonitorEmulatorTestBase {

    private static final String NAMESPACE = CloudWatchReadback.NAMESPACE;
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:quota-alarms";

    private CloudWatchClient cloudWatch;

    @BeforeEach
    void cloudWatchClient() {
        cloudWatch = readback.cloudWatch;
    }

    /** One monitor run as QuotaMonitorFunction: its AWS calls are journaled for the IAM judge. */
    private static Map<String, Object> runMonitor(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ALARM_NAME_PREFIX", PREFIX,
                "ALARM_TOPIC_ARN", TOPIC));
        environment.putAll(extra);
        return moto.runAs("QuotaMonitorFunction", environment, Map.of(),
                () -> new QuotaMonitorHandler(Environment.of(environment)).handleRequest(null, null));
    }

    private static Map<String, Object> runMonitor() {
        return runMonitor(Map.of());
    }

    /** NLBs at 10%, 84% and 100% of the 50-listener quota, VPC links near their quotas, one REST and one HTTP API. */
    private record Apis(String restApiId, String httpApiId, LoadBalancer low) {
    }

    private Apis standardLandscape() {
        LoadBalancer low = monitored.nlb("nlb-low", 5, null);
        monitored.nlb("nlb-high", 42, "default");
        monitored.nlb("nlb-full", 50, "default");
        monitored.vpcLinksV1(17, low);
        monitored.vpcLinksV2(9);
        return new Apis(monitored.restApi("orders", 12), monitored.httpApi("payments", 7), low);
    }

    @Test
    void publishesUsageLimitAndUtilizationPerQuotaAndResourceAndKeepsOneAlarmEach() {
        Apis apis = standardLandscape();

        Map<String, Object> summary = runMonitor();

        assertEquals(9, summary.get("quotasMeasured"));
        assertEquals(2L, summary.get("poolMembers"));
        assertEquals(9 * 3 + 1, summary.get("metricsPublished"), "Usage, Limit, Utilization each; DaysToExhaustion 0 for nlb-full");
        assertEquals(1, summary.get("putMetricDataCalls"));
        assertValues("listeners-per-nlb", "nlb-low", 5, 50, 10);
        assertValues("listeners-per-nlb", "nlb-high", 42, 50, 84);
        assertValues("listeners-per-nlb", "nlb-full", 50, 50, 100);
        assertValues("vpc-links-v1", "region", 17, 20, 85);
        assertValues("vpc-links-v2", "region", 9, 10, 90);
        assertValues("nlbs-per-region", "region", 3, 50, 6);
        assertValues("target-groups-per-region", "region", 3, 3000, 0.1);
        assertValues("resources-per-rest-api", apis.restApiId(), 12, 300, 4);
        assertValues("routes-per-http-api", apis.httpApiId(), 7, 300, 7.0 / 3);

        Set<List<String>> series = Set.of(
                List.of("listeners-per-nlb", "nlb-low"), List.of("listeners-per-nlb", "nlb-high"),
                List.of("listeners-per-nlb", "nlb-full"), List.of("vpc-links-v1", "region"),
                List.of("vpc-links-v2", "region"), List.of("nlbs-per-region", "region"),
                List.of("target-groups-per-region", "region"),
                List.of("resources-per-rest-api", apis.restApiId()), List.of("routes-per-http-api", apis.httpApiId()));
        List<Metric> metrics = cloudWatch.listMetrics(request -> request.namespace(NAMESPACE)).metrics();
        for (String metricName : List.of("Usage", "Limit", "Utilization")) {
            assertEquals(series, metrics.stream().filter(metric -> metric.metricName().equals(metricName))
                    .map(CloudWatchReadback::series).collect(Collectors.toSet()), metricName);
        }
        metrics.forEach(metric -> assertEquals(List.of("Quota", "Resource"),
                metric.dimensions().stream().map(Dimension::name).sorted().toList()));

        Map<String, MetricAlarm> alarms = alarms();
        assertEquals(series.stream().map(s -> PREFIX + "-" + s.get(0) + "-" + s.get(1)).collect(Collectors.toSet()),
                alarms.keySet());
        assertEquals(9, summary.get("alarmsCreated"));
        MetricAlarm high = alarms.get("test-stack-listeners-per-nlb-nlb-high");
        assertEquals(NAMESPACE, high.namespace());
        assertEquals("Utilization", high.metricName());
        assertEquals(Set.of(List.of("listeners-per-nlb", "nlb-high")), Set.of(series(high.dimensions())));
        assertEquals(80.0, high.threshold());
        assertEquals("GreaterThanOrEqualToThreshold", high.comparisonOperatorAsString());
        assertEquals(List.of(TOPIC), high.alarmActions());
        assertEquals(List.of(TOPIC), high.okActions());
        assertTrue(high.alarmDescription().contains("pool default"), high.alarmDescription());
    }

    @Test
    void anAppliedQuotaValueOverridesTheDefault() {
        standardLandscape();
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 40);

        Map<String, Object> summary = runMonitor();

        assertValues("vpc-links-v1", "region", 17, 40, 42.5);
        assertEquals(Map.of("value", 40.0, "source", "APPLIED"), limits(summary).get("vpc-links-v1"));
        assertEquals(Map.of("value", 50.0, "source", "APPLIED"), limits(summary).get("listeners-per-nlb"),
                "the test bed answers GetServiceQuota with the default when nothing was applied");
    }

    @Test
    void aSecondRunWithNothingChangedWritesNoAlarmAndADeletedNlbLosesItsAlarm() {
        Apis apis = standardLandscape();
        cloudWatch.putMetricAlarm(request -> request.alarmName("other-stack-listeners-per-nlb-nlb-low")
                .namespace(NAMESPACE).metricName("Utilization").statistic("Maximum").period(900).evaluationPeriods(1)
                .threshold(50.0).comparisonOperator("GreaterThanOrEqualToThreshold"));
        runMonitor();
        moto.clearCallCounts();

        Map<String, Object> second = runMonitor();

        assertEquals(0, second.get("alarmsCreated"));
        assertEquals(0, second.get("alarmsUpdated"));
        assertEquals(0, second.get("alarmsDeleted"));
        assertEquals(9, second.get("alarmsUnchanged"));
        assertNull(moto.callCounts().get("monitoring:PutMetricAlarm"), moto.callCounts().toString());
        assertNull(moto.callCounts().get("monitoring:DeleteAlarms"), moto.callCounts().toString());

        monitored.deleteNlb(apis.low());
        moto.clearCallCounts();
        Map<String, Object> third = runMonitor();

        assertEquals(1, third.get("alarmsDeleted"));
        assertEquals(0, third.get("alarmsCreated"));
        assertEquals(0, third.get("alarmsUpdated"));
        assertEquals(1, moto.callCounts().get("monitoring:DeleteAlarms"));
        assertNull(moto.callCounts().get("monitoring:PutMetricAlarm"));
        Set<String> names = alarms().keySet();
        assertFalse(names.contains("test-stack-listeners-per-nlb-nlb-low"), names.toString());
        assertTrue(names.contains("test-stack-listeners-per-nlb-nlb-high"), names.toString());
        assertEquals(8, names.size());
        assertEquals(1, cloudWatch.describeAlarms(request -> request.alarmNamePrefix("other-stack-"))
                .metricAlarms().size(), "another stack's alarm is left alone");
    }

    @Test
    void aChangedThresholdUpdatesTheAlarms() {
        standardLandscape();
        runMonitor();
        moto.clearCallCounts();

        Map<String, Object> summary = runMonitor(Map.of("ALARM_THRESHOLD_PERCENT", "70"));

        assertEquals(9, summary.get("alarmsUpdated"));
        assertEquals(9, moto.callCounts().get("monitoring:PutMetricAlarm"));
        alarms().values().forEach(alarm -> assertEquals(70.0, alarm.threshold()));
    }

    @Test
    void aServiceQuotasOutageStillPublishesWithTheDocumentedDefaults() {
        standardLandscape();
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 40);
        moto.failServiceQuotas(true);

        Map<String, Object> summary = runMonitor();

        assertValues("vpc-links-v1", "region", 17, 20, 85);
        assertValues("listeners-per-nlb", "nlb-high", 42, 50, 84);
        assertEquals(Map.of("value", 20.0, "source", "DOCUMENTED_DEFAULT"), limits(summary).get("vpc-links-v1"));
        assertEquals(Set.of("vpc-links-v1", "vpc-links-v2", "listeners-per-nlb", "nlbs-per-region",
                        "target-groups-per-region", "resources-per-rest-api", "routes-per-http-api"),
                ((List<?>) summary.get("itemFailures")).stream().map(failure -> ((Map<?, ?>) failure).get("item"))
                        .collect(Collectors.toSet()), "one item failure per limit read");
        assertEquals(9, alarms().size());
    }

    @Test
    void forecastsDaysToExhaustionFromTheUsageHistory() {
        standardLandscape();
        Instant now = Instant.now();
        // nlb-high grew by 2 listeners a day: 22 ten days ago, 32 five days ago, 42 now; 8 left -> 4 days
        readback.publishUsage("nlb-high", now.minus(Duration.ofDays(10)), 22);
        readback.publishUsage("nlb-high", now.minus(Duration.ofDays(5)), 32);

        Map<String, Object> summary = runMonitor();

        assertEquals(4.0, latest("DaysToExhaustion", "listeners-per-nlb", "nlb-high"), 0.2);
        assertEquals(0.0, latest("DaysToExhaustion", "listeners-per-nlb", "nlb-full"), "a full NLB is exhausted now");
        assertTrue(cloudWatch.listMetrics(request -> request.namespace(NAMESPACE).metricName("DaysToExhaustion"))
                .metrics().stream().map(CloudWatchReadback::series)
                .noneMatch(s -> s.equals(List.of("listeners-per-nlb", "nlb-low"))), "no growth, no forecast");
        assertEquals(2L, summary.get("forecasts"));
    }

    @Test
    void measuresOnlyTheConfiguredApisAndWarnsAboutUnknownOnes() {
        Apis apis = standardLandscape();
        String otherRestApi = monitored.restApi("inventory", 3);

        Map<String, Object> summary = runMonitor(Map.of("MONITORED_API_IDS",
                apis.restApiId() + ", " + apis.httpApiId() + ",nosuchapi"));

        assertValues("resources-per-rest-api", apis.restApiId(), 12, 300, 4);
        assertValues("routes-per-http-api", apis.httpApiId(), 7, 300, 7.0 / 3);
        assertTrue(cloudWatch.listMetrics(request -> request.namespace(NAMESPACE)).metrics().stream()
                .map(CloudWatchReadback::series).noneMatch(s -> s.get(1).equals(otherRestApi)));
        assertTrue(summary.get("warnings").toString().contains("nosuchapi"), summary.get("warnings").toString());
    }

    @Test
    void staysUnderTheElbDescribeRateLimit() {
        moto.setAppliedQuota("elasticloadbalancing", "L-69A177A2", 60);
        for (int i = 0; i < 60; i++) {
            monitored.nlb("nlb-" + i, 1, i % 2 == 0 ? "default" : null);
        }
        moto.enforceElbDescribeRateLimit(true);
        moto.clearCallCounts();

        // alarm writes are paced at 3/s; this test is about the ELB reads
        Map<String, Object> summary = runMonitor(Map.of("MAX_ALARM_WRITES_PER_RUN", "0"));

        assertEquals(64, summary.get("quotasMeasured"));
        assertEquals(64, summary.get("alarmsDeferred"));
        @SuppressWarnings("unchecked")
        Map<String, Integer> calls = (Map<String, Integer>) summary.get("calls");
        assertEquals(60, calls.get("ElasticLoadBalancingV2:DescribeListeners"), calls.toString());
        assertEquals(3, calls.get("ElasticLoadBalancingV2:DescribeTags"), calls.toString());
        assertEquals(60, moto.callCounts().get("elasticloadbalancing:DescribeListeners"),
                "no call was throttled and retried: " + moto.callCounts());
    }

    private void assertValues(String quota, String resource, double usage, double limit, double utilization) {
        assertEquals(usage, readback.latest("Usage", quota, resource), 1e-9, quota + "/" + resource + " Usage");
        assertEquals(limit, readback.latest("Limit", quota, resource), 1e-9, quota + "/" + resource + " Limit");
        assertEquals(utilization, readback.latest("Utilization", quota, resource), 1e-9,
                quota + "/" + resource + " Utilization");
    }

    private double latest(String metricName, String quota, String resource) {
        return readback.latest(metricName, quota, resource);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> limits(Map<String, Object> summary) {
        return (Map<String, Object>) summary.get("limits");
    }
}
