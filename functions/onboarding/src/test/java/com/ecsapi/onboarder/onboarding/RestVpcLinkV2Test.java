package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REST API with VPC link V2 (Nov 2025) through the real handler, when PREFER_REST_VPC_LINK_V2 is set: the REST
 * integration targets the service's own ALB ({@code integrationTarget}) through the VPC link V2; no NLB listener.
 */
class RestVpcLinkV2Test extends EmulatorTestBase {

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PREFER_REST_VPC_LINK_V2", "true");
        return variables;
    }

    @Test
    void theRestApiTargetsTheAlbThroughTheVpcLinkV2AndLetsGoAgain() {
        String linkV2 = aws.vpcLinkV2(vpcA);
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String albDns = aws.elb.describeLoadBalancers(request -> request.loadBalancerArns(alb[0])).loadBalancers().get(0)
                .dnsName();
        String service = aws.service(cluster, "orders", alb[1], vpcA, Map.of("apigw:path", "/orders"));
        int deploymentsBefore = aws.deployments(apiId);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals("rest-api-vpc-link-v2", decisions().get(0).result().pattern());
        assertRoute("/orders", albDns, 80, linkV2, service);
        Map<String, Resource> resources = aws.resources(apiId);
        for (String path : List.of("/orders", "/orders/{proxy+}")) {
            GetIntegrationResponse integration = aws.apiGateway.getIntegration(request -> request.restApiId(apiId)
                    .resourceId(resources.get(path).id()).httpMethod("ANY"));
            assertEquals(alb[0], integration.integrationTarget(), path);
        }
        assertEquals(List.of(), aws.listeners(nlbA1), "no port is allocated");
        assertTrue(aws.elb.describeTargetGroups().targetGroups().stream()
                .noneMatch(group -> group.targetGroupName().startsWith("eao-")), "no alb-type target group");
        assertEquals(deploymentsBefore + 1, aws.deployments(apiId));

        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(Outcome.Unchanged, decisions().get(0).plan().outcome());
        assertEquals(deploymentsBefore + 1, aws.deployments(apiId));

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
    }

    @Test
    void withoutAVpcLinkV2TheServiceFallsBackToTheSharedNlb() {
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String service = aws.service(cluster, "orders", alb[1], vpcA, Map.of("apigw:path", "/orders"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals("option-4-shared-nlb-to-alb", decisions().get(0).result().pattern());
        assertEquals(1, aws.listeners(nlbA1).size());
    }

    @Test
    void aPathTakenByAnotherServiceIsRefusedAndNothingChanges() {
        aws.vpcLinkV2(vpcA);
        String first = aws.service(cluster, "first", aws.tcpTargetGroup(vpcA, "first-tg"), vpcA,
                Map.of("apigw:path", "/orders"));
        run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster)));
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String second = aws.service(cluster, "second", alb[1], vpcA, Map.of("apigw:path", "/orders"));
        Map<String, Resource> before = aws.resources(apiId);

        assertEquals(RejectReason.PathConflict, reconcile(second).plan().reason());
        assertEquals(before, aws.resources(apiId));
    }
}
