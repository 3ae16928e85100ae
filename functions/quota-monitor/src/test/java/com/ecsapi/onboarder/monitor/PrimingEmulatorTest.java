package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming of QuotaMonitorFunction against the emulator: every operation primed, not one request to AWS. */
class PrimingEmulatorTest extends MonitorEmulatorTestBase {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "ALARM_NAME_PREFIX", PREFIX,
            "ALARM_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:quota-alarms");

    @Test
    void primesEveryOperationOfTheMonitorWithoutSendingARequest() {
        monitored.nlb("nlb-a", 3, "default");
        moto.clearCallCounts();

        PrimingHook.Primed primed = moto.runAs("QuotaMonitorFunction", ENVIRONMENT, Map.of(),
                () -> new Priming().prime());

        assertEquals(Map.of(), primed.failures());
        assertEquals(List.of(
                "ElasticLoadBalancingV2:DescribeLoadBalancers", "ElasticLoadBalancingV2:DescribeListeners",
                "ElasticLoadBalancingV2:DescribeTags", "ElasticLoadBalancingV2:DescribeTargetGroups",
                "ApiGateway:GetVpcLinks", "ApiGateway:GetRestApis", "ApiGateway:GetResources",
                "ApiGatewayV2:GetVpcLinks", "ApiGatewayV2:GetApis", "ApiGatewayV2:GetRoutes",
                "ServiceQuotas:GetServiceQuota", "ServiceQuotas:ListRequestedServiceQuotaChangeHistoryByQuota",
                "ServiceQuotas:RequestServiceQuotaIncrease", "ServiceQuotas:GetAWSDefaultServiceQuota",
                "CloudWatch:PutMetricData", "CloudWatch:GetMetricData", "CloudWatch:DescribeAlarms",
                "CloudWatch:PutMetricAlarm", "CloudWatch:DeleteAlarms"), primed.calls().stream().distinct().toList(),
                "each operation, in the order of the priming (which runs several rounds)");
        assertEquals(primed.calls().size(), primed.requestsAnswered().size(), "each answered on the loopback");
        assertEquals(Map.of(), moto.callCounts(), "nothing reaches AWS: no write, no read");
    }

    @Test
    void aPrimedHandlerRunsAndCountsOnlyTheCallsItSent() {
        monitored.nlb("nlb-a", 3, "default");
        moto.clearCallCounts();

        Map<String, Object> summary = moto.runAs("QuotaMonitorFunction", ENVIRONMENT, Map.of(), () -> {
            QuotaMonitorHandler handler = new QuotaMonitorHandler(Environment.of(ENVIRONMENT));
            Priming priming = new Priming();
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            return handler.handleRequest(null, null);
        });

        assertTrue((Integer) summary.get("quotasMeasured") > 0);
        int sent = moto.callCounts().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(sent, summary.get("totalCalls"), "the run's own call count holds none of the priming calls");
    }
}
