package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** All or nothing per service; throttling is retried; a failed deployment is redone by the redelivery. */
class FailureRecoveryTest extends EmulatorTestBase {

    @Test
    void aFailureHalfWayRollsBackWhatTheAttemptCreatedAndTheRetryCompletesIt() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        SQSEvent event = TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster));
        moto.throttleNext("PutIntegration", 3);

        SQSBatchResponse response = run(event);

        assertEquals(List.of(event.getRecords().get(0).getMessageId()), failures(response));
        assertEquals(List.of(), aws.listeners(nlbA1), "the listener made before the failure is rolled back");
        assertEquals(Set.of("/"), aws.resources(apiId).keySet(), "so are the resources");

        response = run(event);

        assertEquals(List.of(), failures(response));
        assertEquals(1, aws.listeners(nlbA1).size());
        assertEquals(Set.of("/", "/orders", "/orders/{proxy+}"), aws.resources(apiId).keySet());
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        moto.throttleNext("CreateListener", 2);
        moto.throttleNext("CreateResource", 1);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(1, aws.listeners(nlbA1).size());
        assertEquals(3, moto.callCounts().get("elasticloadbalancing:CreateListener"), "2 throttled + 1");
        assertEquals(3, moto.callCounts().get("apigateway:CreateResource"), "1 throttled + /orders + /orders/{proxy+}");
    }

    @Test
    void aFailedDeploymentFailsItsMessagesAndTheRedeliveryDeploys() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        SQSEvent event = TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster));
        int deployments = aws.deployments(apiId);
        moto.throttleNext("CreateDeployment", 3);

        SQSBatchResponse response = run(event);

        assertEquals(List.of(event.getRecords().get(0).getMessageId()), failures(response));
        assertEquals(deployments, aws.deployments(apiId));

        event.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", "2"));
        response = run(event);

        assertEquals(List.of(), failures(response));
        assertEquals("Unchanged", text(decisions().get(0), "outcome"));
        assertEquals(deployments + 1, aws.deployments(apiId));
    }
}
