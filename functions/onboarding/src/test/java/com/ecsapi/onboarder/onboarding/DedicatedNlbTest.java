package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinkResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Option 2 through the real handler: the service's target group sits behind its own NLB. API objects only, on the
 * NLB's existing listener port through the VPC link targeting it; a missing link is created when allowed.
 */
class DedicatedNlbTest extends EmulatorTestBase {

    private boolean createVpcLinks;

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("CREATE_VPC_LINKS", Boolean.toString(createVpcLinks));
        return variables;
    }

    @Test
    void aServiceBehindItsOwnNlbWithAVpcLinkGetsApiObjectsOnlyAndLosesThemAgain() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        TestLandscape.Nlb own = aws.dedicatedNlb(vpcA, "orders-nlb", tg, 7000);
        String ownLink = aws.vpcLink(own);
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        List<Listener> ownListeners = aws.listeners(own);
        Map<String, List<String>> links = aws.vpcLinks();
        int deploymentsBefore = aws.deployments(apiId);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertEquals("option-2-dedicated-nlb", decisions().get(0).result().pattern());
        assertRoute("/orders", own.dnsName(), 7000, ownLink, service);
        assertEquals(Set.of("/", "/orders", "/orders/{proxy+}"), aws.resources(apiId).keySet());
        assertEquals(ownListeners, aws.listeners(own), "no listener is created on the dedicated NLB");
        assertEquals(List.of(), aws.listeners(nlbA1), "nor on the pool");
        assertEquals(links, aws.vpcLinks());
        assertEquals(deploymentsBefore + 1, aws.deployments(apiId));

        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Unchanged, decisions().get(0).plan().outcome());
        assertEquals(deploymentsBefore + 1, aws.deployments(apiId), "redelivery changes nothing");

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(ownListeners, aws.listeners(own), "the team's NLB is left as it was");
        assertEquals(links, aws.vpcLinks(), "the VPC link is the NLB's: it stays");
        assertEquals(deploymentsBefore + 2, aws.deployments(apiId));
    }

    @Test
    void withoutAVpcLinkTheServiceIsRefusedUnlessCreationIsAllowed() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        TestLandscape.Nlb own = aws.dedicatedNlb(vpcA, "orders-nlb", tg, 7000);
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        Map<String, List<String>> links = aws.vpcLinks();

        Plan plan = reconcile(service).plan();

        assertEquals(Outcome.Rejected, plan.outcome());
        assertEquals(RejectReason.NoVpcLink, plan.reason());
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(links, aws.vpcLinks());
        assertEquals(List.of(), aws.listeners(nlbA1));
    }

    @Test
    void whenAllowedAVpcLinkIsCreatedAndALaterReconcileFinishesTheOnboarding() {
        createVpcLinks = true;
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        TestLandscape.Nlb own = aws.dedicatedNlb(vpcA, "orders-nlb", tg, 7000);
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        int deploymentsBefore = aws.deployments(apiId);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response), "the function does not wait for the link");
        assertEquals(Outcome.Pending, decisions().get(0).plan().outcome());
        Map<String, List<String>> links = aws.vpcLinks();
        assertEquals(2, links.size());
        String created = links.entrySet().stream().filter(entry -> entry.getValue().equals(List.of(own.arn())))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        GetVpcLinkResponse link = aws.apiGateway.getVpcLink(request -> request.vpcLinkId(created));
        assertEquals("ecs-api-onboarder-orders-nlb", link.name());
        assertEquals(Map.of("ecs-api-onboarder:nlb", own.arn(), "ecs-api-onboarder:requested-by", service), link.tags());
        assertEquals(Set.of("/"), aws.resources(apiId).keySet(), "nothing else until the link is AVAILABLE");
        assertEquals(deploymentsBefore, aws.deployments(apiId));

        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertRoute("/orders", own.dnsName(), 7000, created, service);
        assertEquals(links, aws.vpcLinks(), "no second link");
    }

    @Test
    void noVpcLinkIsCreatedPastTheQuota() {
        createVpcLinks = true;
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 1);
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        aws.dedicatedNlb(vpcA, "orders-nlb", tg, 7000);
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        Map<String, List<String>> links = aws.vpcLinks();

        assertEquals(RejectReason.VpcLinkQuotaExhausted, reconcile(service).plan().reason());
        assertEquals(links, aws.vpcLinks());
    }

    @Test
    void aPathOwnedByAnotherServiceIsRefusedAndNothingChanges() {
        String poolTg = aws.tcpTargetGroup(vpcA, "first-tg");
        String first = aws.service(cluster, "first", poolTg, vpcA, Map.of("apigw:path", "/orders"));
        run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster)));
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        TestLandscape.Nlb own = aws.dedicatedNlb(vpcA, "orders-nlb", tg, 7000);
        aws.vpcLink(own);
        String second = aws.service(cluster, "second", tg, vpcA, Map.of("apigw:path", "/orders"));
        var before = aws.resources(apiId);

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(second, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(RejectReason.PathConflict, decisions().get(0).plan().reason());
        assertEquals(before, aws.resources(apiId));
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, first);
    }
}
