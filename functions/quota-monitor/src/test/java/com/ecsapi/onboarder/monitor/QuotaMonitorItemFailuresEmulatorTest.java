package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's failure isolation: with any one call failing for good (a persistent fault, so the SDK's
 * retries are spent), the monitor publishes every other metric and keeps every other alarm, and reports the item.
 *
 * <p>Each test runs the monitor once cleanly (every metric published once, every alarm created), arms one fault,
 * runs it again, and checks the second run: each series has a second data point unless the failed call read it,
 * and the alarms are those of the first run unless the test changed something on purpose.
 */
class QuotaMonitorItemFailuresEmulatorTest extends MonitorEmulatorTestBase {

    private Instant testStarted;
    private LoadBalancer low;
    private LoadBalancer high;
    private String ordersApi;
    private String inventoryApi;
    private String paymentsApi;
    private String billingApi;
    private Set<List<String>> allSeries;

    @BeforeEach
    void landscapeAndFirstRun() {
        testStarted = Instant.now().minus(Duration.ofSeconds(5));
        low = monitored.nlb("nlb-low", 1, null);
        high = monitored.nlb("nlb-high", 3, "default");
        monitored.nlb("nlb-full", 50, "default");
        monitored.vpcLinksV1(3, low);
        monitored.vpcLinksV2(2);
        ordersApi = monitored.restApi("orders", 12);
        inventoryApi = monitored.restApi("inventory", 3);
        paymentsApi = monitored.httpApi("payments", 7);
        billingApi = monitored.httpApi("billing", 2);
        allSeries = Set.of(
                List.of("listeners-per-nlb", "nlb-low"), List.of("listeners-per-nlb", "nlb-high"),
                List.of("listeners-per-nlb", "nlb-full"), List.of("nlbs-per-region", "region"),
                List.of("target-groups-per-region", "region"), List.of("vpc-links-v1", "region"),
                List.of("vpc-links-v2", "region"),
                List.of("resources-per-rest-api", ordersApi), List.of("resources-per-rest-api", inventoryApi),
                List.of("routes-per-http-api", paymentsApi), List.of("routes-per-http-api", billingApi));

        Map<String, Object> first = run(Map.of());

        assertEquals(List.of(), first.get("itemFailures"));
        assertEquals(allSeries.size(), alarms().size());
    }

    @Test
    void oneNlbsDescribeListenersThrottledForGoodCostsOnlyThatNlb() {
        moto.inject(FaultInjection.of("elasticloadbalancing", "DescribeListeners", Fault.THROTTLING)
                .whenRequestContains(high.loadBalancerArn()).forEveryCall());
        Map<String, MetricAlarm> before = alarms();
        Printed<Map<String, Object>> printed = printed(() -> run(Map.of()));
        Map<String, Object> second = printed.result();

        assertEquals(List.of(Map.of("call", "ElasticLoadBalancingV2:DescribeListeners", "item", "nlb-high",
                "reason", "Throttling", "effect", "listeners not measured")), second.get("itemFailures"));
        assertSecondRunPublishedAllBut(Set.of(List.of("listeners-per-nlb", "nlb-high")));
        assertAlarmsUnchanged(before);
        assertEquals(1, second.get("alarmsHeld"));
        String output = printed.output();
        assertTrue(output.lines().anyMatch(line -> line.contains("\"Monitor item failed; the run goes on without it\"")
                && line.contains("\"item\":\"nlb-high\"") && line.contains("\"reason\":\"Throttling\"")), output);
        assertTrue(output.lines().anyMatch(line -> line.contains("\"MonitorItemFailures\":1.0")
                && line.contains("\"Call\":\"ElasticLoadBalancingV2:DescribeListeners\"")
                && line.contains("\"Function\":\"quota-monitor\"")), output);
    }

    @Test
    void describeLoadBalancersFailingCostsTheNlbCountsAndKeepsTheirAlarms() {
        assertOneFailureCostsOnly(FaultInjection.of("elasticloadbalancing", "DescribeLoadBalancers", Fault.SERVER_ERROR),
                "ElasticLoadBalancingV2:DescribeLoadBalancers", Set.of(List.of("nlbs-per-region", "region"),
                        List.of("listeners-per-nlb", "nlb-low"), List.of("listeners-per-nlb", "nlb-high"),
                        List.of("listeners-per-nlb", "nlb-full")));
    }

    @Test
    void describeTagsFailingStillPublishesEveryNlbAndHoldsTheirAlarms() {
        monitored.elb.addTags(request -> request.resourceArns(low.loadBalancerArn())
                .tags(tag -> tag.key("apigw:pool").value("default")));

        Map<String, Object> second = assertOneFailureCostsOnly(
                FaultInjection.of("elasticloadbalancing", "DescribeTags", Fault.SERVER_ERROR),
                "ElasticLoadBalancingV2:DescribeTags", Set.of());

        assertEquals(3, second.get("alarmsHeld"), "nlb-low joined a pool, but its alarm waits for a run that reads it");
    }

    @Test
    void describeTargetGroupsFailingCostsOnlyTheTargetGroupCount() {
        assertOneFailureCostsOnly(FaultInjection.of("elasticloadbalancing", "DescribeTargetGroups", Fault.CLIENT_ERROR),
                "ElasticLoadBalancingV2:DescribeTargetGroups", Set.of(List.of("target-groups-per-region", "region")));
    }

    @Test
    void vpcLinksV1FailingCostsOnlyTheirCount() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GET /vpclinks", Fault.SERVER_ERROR),
                "ApiGateway:GetVpcLinks", Set.of(List.of("vpc-links-v1", "region")));
    }

    @Test
    void vpcLinksV2FailingCostsOnlyTheirCount() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GET /v2/vpclinks", Fault.SERVER_ERROR),
                "ApiGatewayV2:GetVpcLinks", Set.of(List.of("vpc-links-v2", "region")));
    }

    @Test
    void getRestApisFailingCostsTheRestApisAndKeepsTheirAlarms() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GetRestApis", Fault.SERVER_ERROR),
                "ApiGateway:GetRestApis", Set.of(List.of("resources-per-rest-api", ordersApi),
                        List.of("resources-per-rest-api", inventoryApi)));
    }

    @Test
    void getApisFailingCostsTheHttpApisAndKeepsTheirAlarms() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GetApis", Fault.SERVER_ERROR),
                "ApiGatewayV2:GetApis", Set.of(List.of("routes-per-http-api", paymentsApi),
                        List.of("routes-per-http-api", billingApi)));
    }

    @Test
    void oneRestApisGetResourcesFailingCostsOnlyThatApi() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GetResources", Fault.CLIENT_ERROR)
                        .whenRequestContains(ordersApi),
                "ApiGateway:GetResources", Set.of(List.of("resources-per-rest-api", ordersApi)));
    }

    @Test
    void oneHttpApisGetRoutesFailingCostsOnlyThatApi() {
        assertOneFailureCostsOnly(FaultInjection.of("apigateway", "GetRoutes", Fault.SERVER_ERROR)
                        .whenRequestContains(paymentsApi),
                "ApiGatewayV2:GetRoutes", Set.of(List.of("routes-per-http-api", paymentsApi)));
    }

    @Test
    void aConfiguredApiThatCannotBeReadCostsOnlyThatApi() {
        Map<String, String> configured = Map.of("MONITORED_API_IDS", String.join(",", ordersApi, inventoryApi,
                paymentsApi, billingApi));
        moto.inject(FaultInjection.of("apigateway", "GetResources", Fault.SERVER_ERROR).whenRequestContains(ordersApi)
                .forEveryCall());
        Map<String, MetricAlarm> before = alarms();

        Map<String, Object> second = run(configured);

        moto.disarmFaults();
        assertEquals(Set.of("ApiGateway:GetResources"), calls(second));
        assertSecondRunPublishedAllBut(Set.of(List.of("resources-per-rest-api", ordersApi)));
        assertAlarmsUnchanged(before);
    }

    @Test
    void serviceQuotasFailingForOneQuotaMeasuresItAgainstTheDocumentedDefault() {
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 40);

        Map<String, Object> second = assertOneFailureCostsOnly(
                FaultInjection.of("servicequotas", "GetServiceQuota", Fault.SERVER_ERROR).whenRequestContains("L-A4C7274F"),
                "ServiceQuotas:GetServiceQuota", Set.of());

        assertEquals(Map.of("value", 20.0, "source", "DOCUMENTED_DEFAULT"), limits(second).get("vpc-links-v1"));
        assertEquals(Map.of("value", 50.0, "source", "APPLIED"), limits(second).get("listeners-per-nlb"));
    }

    @Test
    void getMetricDataFailingCostsOnlyTheForecasts() {
        Instant now = Instant.now();
        readback.publishUsage("nlb-high", now.minus(Duration.ofDays(10)), 1);
        readback.publishUsage("nlb-high", now.minus(Duration.ofDays(5)), 2);
        Instant secondRun = Instant.now();

        Map<String, Object> second = assertOneFailureCostsOnly(
                FaultInjection.of("monitoring", "GetMetricData", Fault.SERVER_ERROR),
                "CloudWatch:GetMetricData", Set.of());

        assertEquals(0, readback.samples("DaysToExhaustion", "listeners-per-nlb", "nlb-high", secondRun));
        assertEquals(1, readback.samples("DaysToExhaustion", "listeners-per-nlb", "nlb-full", secondRun),
                "a full quota needs no history to forecast 0");
        assertEquals(1L, second.get("forecasts"));
    }

    @Test
    void onePutMetricDataBatchFailingCostsOnlyItsDataPoints() {
        moto.inject(FaultInjection.of("monitoring", "PutMetricData", Fault.SERVER_ERROR).whenRequestContains("nlb-high")
                .forEveryCall());
        Map<String, MetricAlarm> before = alarms();

        Map<String, Object> second = moto.runAs("QuotaMonitorFunction", variables(Map.of()), Map.of(),
                () -> new QuotaMonitorHandler(Environment.of(variables(Map.of())), 1).handleRequest(null, null));

        moto.disarmFaults();
        assertEquals(Set.of("CloudWatch:PutMetricData"), calls(second));
        assertEquals(3, ((List<?>) second.get("itemFailures")).size(), "Usage, Limit, Utilization of nlb-high");
        assertSecondRunPublishedAllBut(Set.of(List.of("listeners-per-nlb", "nlb-high")));
        assertAlarmsUnchanged(before);
    }

    @Test
    void describeAlarmsFailingPublishesEverythingAndWritesNoAlarm() {
        monitored.deleteNlb(low);

        Map<String, Object> second = assertOneFailureCostsOnly(
                FaultInjection.of("monitoring", "DescribeAlarms", Fault.THROTTLING),
                "CloudWatch:DescribeAlarms", Set.of(List.of("listeners-per-nlb", "nlb-low")));

        assertEquals(0, second.get("alarmsDeleted"), "nlb-low's alarm goes with a run that can list the alarms");
    }

    @Test
    void onePutMetricAlarmFailingCostsOnlyThatAlarm() {
        String highAlarm = PREFIX + "-listeners-per-nlb-nlb-high";
        moto.inject(FaultInjection.of("monitoring", "PutMetricAlarm", Fault.CLIENT_ERROR).whenRequestContains(highAlarm)
                .forEveryCall());

        Map<String, Object> second = run(Map.of("ALARM_THRESHOLD_PERCENT", "70"));

        moto.disarmFaults();
        assertEquals(List.of(Map.of("call", "CloudWatch:PutMetricAlarm", "item", highAlarm,
                "reason", "InvalidParameterValue", "effect", "alarm not written this run")), second.get("itemFailures"));
        assertSecondRunPublishedAllBut(Set.of());
        Map<String, MetricAlarm> alarms = alarms();
        assertEquals(allSeries.size(), alarms.size());
        alarms.values().forEach(alarm -> assertEquals(alarm.alarmName().equals(highAlarm) ? 80.0 : 70.0,
                alarm.threshold(), alarm.alarmName()));
        assertEquals(allSeries.size() - 1, second.get("alarmsUpdated"));

        run(Map.of("ALARM_THRESHOLD_PERCENT", "70"));

        assertEquals(70.0, alarms().get(highAlarm).threshold(), "the next run writes it");
    }

    @Test
    void deleteAlarmsFailingLeavesThoseAlarmsAndEverythingElseInLine() {
        monitored.deleteNlb(low);

        Map<String, Object> second = assertOneFailureCostsOnly(
                FaultInjection.of("monitoring", "DeleteAlarms", Fault.SERVER_ERROR),
                "CloudWatch:DeleteAlarms", Set.of(List.of("listeners-per-nlb", "nlb-low")));

        assertEquals(0, second.get("alarmsDeleted"));
        run(Map.of());
        assertEquals(allSeries.size() - 1, alarms().size(), "the next run deletes it");
    }

    /**
     * Arms {@code fault} for every call, runs the monitor a second time and checks that the run reports exactly
     * that call, published every series but {@code unpublished}, and changed no alarm.
     */
    private Map<String, Object> assertOneFailureCostsOnly(FaultInjection fault, String call,
                                                         Set<List<String>> unpublished) {
        Map<String, MetricAlarm> before = alarms();
        moto.inject(fault.forEveryCall());

        Map<String, Object> second = run(Map.of());

        moto.disarmFaults();
        assertEquals(Set.of(call), calls(second), second.get("itemFailures").toString());
        assertTrue(moto.faultsFired() > 0);
        assertSecondRunPublishedAllBut(unpublished);
        assertAlarmsUnchanged(before);
        return second;
    }

    private void assertSecondRunPublishedAllBut(Set<List<String>> unpublished) {
        for (List<String> series : allSeries) {
            int expected = unpublished.contains(series) ? 1 : 2;
            for (String metric : List.of("Usage", "Limit", "Utilization")) {
                assertEquals(expected, readback.samples(metric, series.get(0), series.get(1), testStarted),
                        metric + " " + series);
            }
        }
    }

    private void assertAlarmsUnchanged(Map<String, MetricAlarm> before) {
        Map<String, MetricAlarm> after = alarms();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, alarm) -> assertEquals(alarm, after.get(name), name));
    }

    /** One monitor run as QuotaMonitorFunction: its calls, failing ones included, are journaled for the IAM judge. */
    private Map<String, Object> run(Map<String, String> extra) {
        return moto.runAs("QuotaMonitorFunction", variables(extra), Map.of(),
                () -> new QuotaMonitorHandler(Environment.of(variables(extra))).handleRequest(null, null));
    }

    private static Map<String, String> variables(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("ALARM_NAME_PREFIX", PREFIX));
        environment.putAll(extra);
        return environment;
    }

    private static Set<Object> calls(Map<String, Object> summary) {
        return ((List<?>) summary.get("itemFailures")).stream().map(failure -> ((Map<?, ?>) failure).get("call"))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> limits(Map<String, Object> summary) {
        return (Map<String, Object>) summary.get("limits");
    }
}
