package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options 3 and 4 through the real handler against the emulator: onboard, read back exactly, deregister. */
class OnboardingHandlerTest extends EmulatorTestBase {

    @Test
    void option3OnboardsATcpTargetGroupOnAPoolListenerAndDeregistersIt() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        int deploymentsBefore = aws.deployments(apiId);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        List<Listener> listeners = aws.listeners(nlbA1);
        assertEquals(1, listeners.size());
        Listener listener = listeners.get(0);
        assertEquals(10000, listener.port());
        assertEquals("TCP", listener.protocolAsString());
        assertEquals(tg, listener.defaultActions().get(0).targetGroupArn());
        assertEquals(Map.of("ecs-api-onboarder:service", service, "ecs-api-onboarder:path", "/orders",
                "ecs-api-onboarder:api", apiId, "ecs-api-onboarder:stage", "prod"), aws.tags(listener.listenerArn()));
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, service);
        assertEquals(deploymentsBefore + 1, aws.deployments(apiId));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertEquals(10000, decisions().get(0).plan().port());
        assertEquals(linkA1, decisions().get(0).plan().vpcLinkId());

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(deploymentsBefore + 2, aws.deployments(apiId));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(1, aws.elb.describeTargetGroups(request -> request.targetGroupArns(tg)).targetGroups().size(),
                "the service's own target group is not the onboarder's to delete");
    }

    @Test
    void option4PutsTheServicesAlbBehindAnAlbTypeTargetGroupAndRemovesItAgain() {
        String[] alb = aws.albWithTargetGroup(vpcA, "payments-alb");
        String service = aws.service(cluster, "payments", alb[1], vpcA, Map.of("apigw:path", "/payments/v2"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        Listener listener = aws.listeners(nlbA1).get(0);
        assertEquals(10000, listener.port());
        String albTargetGroupArn = listener.defaultActions().get(0).targetGroupArn();
        TargetGroup albTargetGroup = aws.elb.describeTargetGroups(request -> request.targetGroupArns(albTargetGroupArn))
                .targetGroups().get(0);
        assertEquals("alb", albTargetGroup.targetTypeAsString());
        assertEquals("TCP", albTargetGroup.protocolAsString());
        assertEquals(80, albTargetGroup.port());
        assertEquals(vpcA.id(), albTargetGroup.vpcId());
        var targets = aws.elb.describeTargetHealth(request -> request.targetGroupArn(albTargetGroupArn))
                .targetHealthDescriptions();
        assertEquals(1, targets.size());
        assertEquals(alb[0], targets.get(0).target().id());
        assertEquals(80, targets.get(0).target().port());
        assertEquals(service, aws.tags(albTargetGroupArn).get("ecs-api-onboarder:service"));
        assertRoute("/payments/v2", nlbA1.dnsName(), 10000, linkA1, service);
        assertTrue(aws.resources(apiId).get("/payments").resourceMethods().isEmpty());

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertTrue(aws.elb.describeTargetGroups().targetGroups().stream()
                .noneMatch(group -> group.targetGroupArn().equals(albTargetGroupArn)));
        assertEquals(1, aws.elb.describeTargetGroups(request -> request.targetGroupArns(alb[1])).targetGroups().size(),
                "the service's own target group stays");
    }

    @Test
    void nativeServiceActionEventsNameTheServiceInResources() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        String event = "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"ECS Service Action\",\"source\":\"aws.ecs\","
                + "\"account\":\"123456789012\",\"region\":\"us-east-1\",\"resources\":[\"" + service + "\"],"
                + "\"detail\":{\"eventType\":\"INFO\",\"eventName\":\"SERVICE_STEADY_STATE\",\"clusterArn\":\"" + cluster + "\"}}";

        SQSBatchResponse response = run(TestLandscape.batch(event));

        assertEquals(List.of(), failures(response));
        assertEquals(1, aws.listeners(nlbA1).size());
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, service);
    }
}
