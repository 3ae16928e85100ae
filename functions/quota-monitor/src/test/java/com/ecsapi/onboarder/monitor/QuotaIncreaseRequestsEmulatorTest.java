package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in quota increase requests through the real handler: VPC links V1 grow by one a day (17 of 20 now: 3 days
 * left) and an NLB is full on listeners per NLB, which is not adjustable (0 days left).
 */
class QuotaIncreaseRequestsEmulatorTest extends MonitorEmulatorTestBase {

    private static final String API_GATEWAY = "apigateway";
    private static final String VPC_LINKS_V1 = "L-A4C7274F";
    private static final String LISTENERS_PER_NLB = "L-57A373D6";
    private static final String REQUEST = "servicequotas:RequestServiceQuotaIncrease";
    private static final String HISTORY = "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota";
    private static final Map<String, String> OPTED_IN = Map.of("QUOTA_INCREASE_REQUEST_DAYS", "30");

    private ServiceQuotasClient serviceQuotas;

    @BeforeEach
    void growingVpcLinksAndAFullNlb() {
        serviceQuotas = AwsClients.create(ServiceQuotasClient.builder());
        LoadBalancer full = monitored.nlb("nlb-full", 5, "default");
        moto.setAppliedQuota("elasticloadbalancing", LISTENERS_PER_NLB, 5);
        monitored.vpcLinksV1(17, full);
        Instant now = Instant.now();
        readback.publishUsage("vpc-links-v1", "region", now.minus(Duration.ofDays(10)), 7);
        readback.publishUsage("vpc-links-v1", "region", now.minus(Duration.ofDays(5)), 12);
    }

    @AfterEach
    void closeServiceQuotas() {
        serviceQuotas.close();
    }

    private static Map<String, Object> runMonitor(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("ALARM_NAME_PREFIX", PREFIX));
        environment.putAll(extra);
        return moto.runAs("QuotaMonitorFunction", environment, Map.of(),
                () -> new QuotaMonitorHandler(Environment.of(environment)).handleRequest(null, null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> increases(Map<String, Object> summary) {
        return (List<Map<String, Object>>) summary.get("increaseRequests");
    }

    private static Map<String, Object> increaseOf(Map<String, Object> summary, String quota) {
        return increases(summary).stream().filter(decision -> decision.get("quota").equals(quota)).findFirst()
                .orElseThrow(() -> new AssertionError("no increase decision for " + quota + ": " + increases(summary)));
    }

    private List<RequestedServiceQuotaChange> history(String serviceCode, String quotaCode) {
        return serviceQuotas.listRequestedServiceQuotaChangeHistoryByQuota(request -> request
                .serviceCode(serviceCode).quotaCode(quotaCode)).requestedQuotas();
    }

    @Test
    void requestsOnceWhenTheForecastFallsBelowTheThresholdAndNotAgainWhileItIsOpen() {
        Printed<Map<String, Object>> first = printed(() -> runMonitor(OPTED_IN));

        Map<String, Object> requested = increaseOf(first.result(), "vpc-links-v1");
        assertEquals("Requested", requested.get("outcome"));
        assertEquals(3.0, (double) requested.get("daysToExhaustion"), 0.2);
        assertEquals(40.0, requested.get("desiredValue"), "twice the limit of 20: the default factor");
        List<RequestedServiceQuotaChange> opened = history(API_GATEWAY, VPC_LINKS_V1);
        assertEquals(1, opened.size());
        assertEquals(40.0, opened.getFirst().desiredValue());
        assertEquals(opened.getFirst().id(), requested.get("requestId"));
        assertTrue(first.output().lines().anyMatch(line -> line.contains("\"Quota increase requested\"")
                && line.contains("\"requestId\":\"" + opened.getFirst().id() + "\"")), first.output());
        assertTrue(first.output().lines().anyMatch(line -> line.contains("\"QuotaIncreaseRequested\":1.0")
                && line.contains("\"Quota\":\"vpc-links-v1\"")), first.output());

        Map<String, Object> second = runMonitor(OPTED_IN);

        Map<String, Object> followed = increaseOf(second, "vpc-links-v1");
        assertEquals("OpenRequest", followed.get("outcome"));
        assertEquals(opened.getFirst().id(), followed.get("requestId"));
        assertEquals("PENDING", followed.get("requestStatus"));
        assertEquals(1, history(API_GATEWAY, VPC_LINKS_V1).size(), "one request, however many runs");
        assertEquals(1, moto.callCounts().get(REQUEST));
    }

    @Test
    void neverForAQuotaThatIsNotAdjustable() {
        Printed<Map<String, Object>> run = printed(() -> runMonitor(OPTED_IN));

        Map<String, Object> listeners = increaseOf(run.result(), "listeners-per-nlb");
        assertEquals("NotAdjustable", listeners.get("outcome"));
        assertEquals("nlb-full", listeners.get("resource"));
        assertEquals(0.0, (double) listeners.get("daysToExhaustion"), "full now");
        assertEquals(List.of(), history("elasticloadbalancing", LISTENERS_PER_NLB));
        assertTrue(run.output().lines().anyMatch(line -> line.contains("\"Quota increase not requested\"")
                && line.contains("\"outcome\":\"NotAdjustable\"")), run.output());
        assertTrue(run.output().lines().anyMatch(line -> line.contains("\"QuotaIncreaseSkipped\":1.0")
                && line.contains("\"Quota\":\"listeners-per-nlb\"") && line.contains("\"Reason\":\"NotAdjustable\"")),
                run.output());
    }

    @Test
    void aRequestOpenedByHandIsFollowedNotDuplicated() {
        String byHand = serviceQuotas.requestServiceQuotaIncrease(request -> request.serviceCode(API_GATEWAY)
                .quotaCode(VPC_LINKS_V1).desiredValue(25.0)).requestedQuota().id();
        moto.setQuotaRequestStatus(byHand, "CASE_OPENED");
        moto.clearCallCounts();

        Map<String, Object> decision = increaseOf(runMonitor(OPTED_IN), "vpc-links-v1");

        assertEquals("OpenRequest", decision.get("outcome"));
        assertEquals(byHand, decision.get("requestId"));
        assertEquals("CASE_OPENED", decision.get("requestStatus"));
        assertFalse(moto.callCounts().containsKey(REQUEST), moto.callCounts().toString());
    }

    @Test
    void afterApprovalTheNewLimitIsForecastAndAskedAgainOnlyIfStillBelowTheThreshold() {
        Map<String, String> tenDays = Map.of("QUOTA_INCREASE_REQUEST_DAYS", "10");
        String requestId = (String) increaseOf(runMonitor(tenDays), "vpc-links-v1").get("requestId");
        moto.setQuotaRequestStatus(requestId, "APPROVED");

        Map<String, Object> after = runMonitor(tenDays);

        assertEquals(Map.of("value", 40.0, "source", "APPLIED"),
                ((Map<?, ?>) after.get("limits")).get("vpc-links-v1"), "AWS applied the approved value");
        assertTrue(increases(after).stream().noneMatch(decision -> decision.get("quota").equals("vpc-links-v1")),
                "17 of 40 at one a day: 23 days left, not below 10: " + increases(after));
        assertEquals(1, history(API_GATEWAY, VPC_LINKS_V1).size());
    }

    @Test
    void aDeniedRequestIsNotRepeated() {
        String requestId = (String) increaseOf(runMonitor(OPTED_IN), "vpc-links-v1").get("requestId");
        moto.setQuotaRequestStatus(requestId, "DENIED");

        Map<String, Object> decision = increaseOf(runMonitor(OPTED_IN), "vpc-links-v1");

        assertEquals("RefusedBefore", decision.get("outcome"));
        assertEquals(requestId, decision.get("requestId"));
        assertEquals(1, history(API_GATEWAY, VPC_LINKS_V1).size());
    }

    @Test
    void offByDefault() {
        Map<String, Object> summary = runMonitor(Map.of());

        assertEquals(List.of(), increases(summary));
        assertFalse(moto.callCounts().containsKey(REQUEST), moto.callCounts().toString());
        assertFalse(moto.callCounts().containsKey(HISTORY), moto.callCounts().toString());
        assertEquals(List.of(), history(API_GATEWAY, VPC_LINKS_V1));
    }

    @Test
    void aDryRunDecidesAndLogsWithoutRequesting() {
        Map<String, String> dryRun = new HashMap<>(OPTED_IN);
        dryRun.put("DRY_RUN", "true");

        Printed<Map<String, Object>> run = printed(() -> runMonitor(dryRun));

        Map<String, Object> decision = increaseOf(run.result(), "vpc-links-v1");
        assertEquals("DryRun", decision.get("outcome"));
        assertEquals(40.0, decision.get("desiredValue"));
        assertEquals("NotAdjustable", increaseOf(run.result(), "listeners-per-nlb").get("outcome"));
        assertEquals(1, moto.callCounts().get(HISTORY), "the history is read: the log says what a run would do");
        assertFalse(moto.callCounts().containsKey(REQUEST), moto.callCounts().toString());
        assertEquals(List.of(), history(API_GATEWAY, VPC_LINKS_V1));
        assertTrue(run.output().lines().anyMatch(line -> line.contains("\"QuotaIncreaseSkipped\":1.0")
                && line.contains("\"Reason\":\"DryRun\"")), run.output());
    }

    @Test
    void aFailingRequestCostsThatQuotaThisRunAndTheNextRunRequests() {
        moto.inject(FaultInjection.of("servicequotas", "RequestServiceQuotaIncrease", Fault.SERVER_ERROR).forEveryCall());

        Map<String, Object> failed = runMonitor(OPTED_IN);

        assertEquals("Failed", increaseOf(failed, "vpc-links-v1").get("outcome"));
        assertEquals(List.of(Map.of("call", "ServiceQuotas:RequestServiceQuotaIncrease", "item", "vpc-links-v1",
                "reason", "ServiceException", "effect", "no quota increase requested this run")),
                failed.get("itemFailures"));
        assertTrue((int) failed.get("metricsPublished") > 0, "the rest of the run went on");

        moto.disarmFaults();
        Map<String, Object> next = runMonitor(OPTED_IN);

        assertEquals("Requested", increaseOf(next, "vpc-links-v1").get("outcome"));
        assertEquals(1, history(API_GATEWAY, VPC_LINKS_V1).size());
    }
}
