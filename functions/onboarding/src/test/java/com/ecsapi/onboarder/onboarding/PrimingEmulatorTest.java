package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.ecsapi.onboarder.aws.PrimingEndpoint;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SnapStart priming of OnboardingFunction and ReconcileSweepFunction against the emulator: every operation the two
 * handlers call makes its round trip on the priming endpoint, and not one request reaches AWS.
 */
class PrimingEmulatorTest extends EmulatorTestBase {

    @Test
    void primesEveryOperationOfBothHandlersWithoutSendingARequest() {
        Map<String, String> variables = withQueue(environment());
        PrimingHook.Primed primed = asFunction("OnboardingFunction", variables, () -> {
            moto.clearCallCounts();
            return new Priming(OnboarderConfig.from(Environment.of(variables))).prime();
        });

        assertEquals(Map.of(), primed.failures());
        assertEquals(Set.of(
                "Ecs:DescribeServices", "Ecs:ListClusters", "Ecs:ListServices",
                "ElasticLoadBalancingV2:DescribeLoadBalancers", "ElasticLoadBalancingV2:DescribeListeners",
                "ElasticLoadBalancingV2:DescribeTags", "ElasticLoadBalancingV2:DescribeTargetGroups",
                "ElasticLoadBalancingV2:DescribeTargetHealth", "ElasticLoadBalancingV2:CreateListener",
                "ElasticLoadBalancingV2:CreateTargetGroup", "ElasticLoadBalancingV2:RegisterTargets",
                "ElasticLoadBalancingV2:AddTags", "ElasticLoadBalancingV2:DeleteListener",
                "ElasticLoadBalancingV2:DeleteTargetGroup",
                "ApiGateway:GetResources", "ApiGateway:GetVpcLinks", "ApiGateway:GetStages", "ApiGateway:GetStage",
                "ApiGateway:GetExport", "ApiGateway:CreateResource", "ApiGateway:PutMethod",
                "ApiGateway:PutIntegration", "ApiGateway:DeleteMethod", "ApiGateway:DeleteResource",
                "ApiGateway:CreateDeployment",
                "ApiGatewayV2:GetApi", "ApiGatewayV2:GetRoutes", "ApiGatewayV2:GetIntegrations",
                "ApiGatewayV2:GetVpcLinks", "ApiGatewayV2:GetStages", "ApiGatewayV2:GetStage",
                "ApiGatewayV2:CreateIntegration", "ApiGatewayV2:UpdateIntegration", "ApiGatewayV2:CreateRoute",
                "ApiGatewayV2:UpdateRoute", "ApiGatewayV2:DeleteRoute", "ApiGatewayV2:DeleteIntegration",
                "ApiGatewayV2:CreateDeployment",
                "ServiceQuotas:GetServiceQuota", "ServiceQuotas:GetAWSDefaultServiceQuota",
                "Sqs:SendMessageBatch", "Sqs:ChangeMessageVisibilityBatch", "EventBridge:PutEvents"),
                new TreeSet<>(primed.calls()));
        assertEquals(primed.calls().size(), primed.requestsAnswered().size(), "each answered on the loopback");
        assertEquals(Optional.empty(), StructuredLog.requestId(), "no later log line names the priming's request");
        assertEquals(Map.of(), moto.callCounts(), "nothing reaches AWS: no write, no read");
    }

    @Test
    void theFirstEventAfterPrimingOnboardsAsEver() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        Map<String, String> variables = withQueue(environment());

        SQSBatchResponse response = asFunction("OnboardingFunction", variables, () -> {
            OnboardingHandler handler = new OnboardingHandler(Environment.of(variables));
            Priming priming = new Priming(OnboarderConfig.from(Environment.of(variables)));
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            return handler.handleRequest(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)), null);
        });

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(10000), aws.listeners(nlbA1).stream().map(listener -> listener.port()).toList());
    }

    @Test
    void thePrimingBatchOnboardsTheSampleServiceThenFindsItInSync() throws Exception {
        BatchOutcome outcome;
        Map<String, String> failures;
        try (PrimingEndpoint endpoint = PrimingEndpoint.start()) {
            Onboarder onboarder = Priming.onboarder(OnboarderConfig.from(Environment.of(withQueue(environment()))),
                    endpoint);
            endpoint.answer(PrimingLandscape.answers());
            outcome = Priming.batch(onboarder, new PrintStream(OutputStream.nullOutputStream(), true,
                    StandardCharsets.UTF_8));
            failures = endpoint.failed();
        }

        assertEquals(Map.of(), failures);
        assertEquals(List.of(), outcome.givenBack());
        assertEquals(List.of(Outcome.Onboarded, Outcome.Unchanged), outcome.decisions().stream()
                .map(decision -> ((Decision.Reconciled) decision).plan().outcome()).toList(),
                "the creation takes the whole onboarding path, the service action the in-sync one");
    }

    /** As deployed: the sweep the priming runs needs the queue's URL (it sends to the priming endpoint only). */
    private static Map<String, String> withQueue(Map<String, String> variables) {
        variables.put("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/onboarding.fifo");
        return variables;
    }
}
