package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.testbed.Fault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(Outcome.Unchanged, decisions().get(0).plan().outcome());
        assertEquals(deployments + 1, aws.deployments(apiId));
    }

    @Test
    void aPortAStageStillRoutesToIsNotHandedOutAgain() {
        String gone = aws.service(cluster, "gone", aws.tcpTargetGroup(vpcA, "gone-tg"), vpcA, Map.of("apigw:path", "/gone"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(gone, cluster)))));
        aws.ecs.deleteService(request -> request.cluster(cluster).service(gone).force(true));
        moto.failNextCalls("apigateway", "CreateDeployment", 3, Fault.SERVER_ERROR);
        assertEquals(1, failures(run(TestLandscape.batch(TestLandscape.deleteServiceEvent(gone, cluster)))).size());
        assertEquals(List.of(), aws.listeners(nlbA1), "port 10000 has no listener, but the stage still routes /gone to it");

        String next = aws.service(cluster, "next", aws.tcpTargetGroup(vpcA, "next-tg"), vpcA, Map.of("apigw:path", "/next"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(next, cluster)))));

        assertEquals(List.of(10001), aws.listeners(nlbA1).stream().map(Listener::port).toList());
    }

    @Test
    void aMethodLeftWithoutIntegrationByAFailedRollBackGoesWithItsServiceAndDeploymentsWorkAgain() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        // a throttling storm: the integration, and then the roll-back of the method and both resources, fail
        moto.failNextCalls("apigateway", "PutIntegration", 3, Fault.THROTTLING);
        moto.failNextCalls("apigateway", "DeleteMethod", 3, Fault.THROTTLING);
        moto.failNextCalls("apigateway", "DeleteResource", 6, Fault.THROTTLING);
        assertEquals(1, failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)))).size());
        Map<String, Resource> leftover = aws.resources(apiId);
        assertEquals(Set.of("/", "/orders", "/orders/{proxy+}"), leftover.keySet());
        assertEquals(null, leftover.get("/orders").resourceMethods().get("ANY").methodIntegration());
        assertEquals(Map.of(), leftover.get("/orders/{proxy+}").resourceMethods());
        assertThrows(BadRequestException.class, () -> aws.apiGateway.createDeployment(request -> request
                .restApiId(apiId).stageName("prod")), "AWS deploys no API with a method without integration");

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Set.of("/"), aws.resources(apiId).keySet(), "the path is free again");
        aws.apiGateway.createDeployment(request -> request.restApiId(apiId).stageName("prod"));
    }
}
