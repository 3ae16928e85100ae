package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.PrimingCalls;
import com.ecsapi.onboarder.config.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming of the real handler against the emulator: every operation primed, not one request sent. */
class PrimingEmulatorTest extends MonitorEmulatorTestBase {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "ALARM_NAME_PREFIX", PREFIX,
            "ALARM_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:quota-alarms");

    @Test
    void primesEveryOperationOfTheMonitorWithoutSendingARequest() {
        monitored.nlb("nlb-a", 3, "default");
        moto.clearCallCounts();

        PrimingCalls primed = moto.runAs("QuotaMonitorFunction", ENVIRONMENT, Map.of(),
                () -> new QuotaMonitorHandler(Environment.of(ENVIRONMENT)).priming().prime());

        assertEquals(Map.of(), primed.failed());
        assertEquals(List.of(
                "ElasticLoadBalancingV2:DescribeLoadBalancers", "ElasticLoadBalancingV2:DescribeListeners",
                "ElasticLoadBalancingV2:DescribeTags", "ElasticLoadBalancingV2:DescribeTargetGroups",
                "ApiGateway:GetVpcLinks", "ApiGateway:GetRestApis", "ApiGateway:GetResources",
                "ApiGatewayV2:GetVpcLinks", "ApiGatewayV2:GetApis", "ApiGatewayV2:GetRoutes",
                "ServiceQuotas:GetServiceQuota", "ServiceQuotas:GetAWSDefaultServiceQuota",
                "CloudWatch:PutMetricData", "CloudWatch:GetMetricData", "CloudWatch:DescribeAlarms",
                "CloudWatch:PutMetricAlarm", "CloudWatch:DeleteAlarms"), primed.primed());
        assertEquals(Map.of(), moto.callCounts(), "priming sends nothing: no write, no read, no connection");
    }

    @Test
    void aPrimedHandlerRunsAndCountsOnlyTheCallsItSent() {
        monitored.nlb("nlb-a", 3, "default");
        moto.clearCallCounts();

        Map<String, Object> summary = moto.runAs("QuotaMonitorFunction", ENVIRONMENT, Map.of(), () -> {
            QuotaMonitorHandler handler = new QuotaMonitorHandler(Environment.of(ENVIRONMENT));
            handler.priming().beforeCheckpoint(null);
            handler.priming().afterRestore(null);
            return handler.handleRequest(null, null);
        });

        assertTrue((Integer) summary.get("quotasMeasured") > 0);
        int sent = moto.callCounts().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(sent, summary.get("totalCalls"), "the run's own call count holds none of the priming calls");
    }
}
