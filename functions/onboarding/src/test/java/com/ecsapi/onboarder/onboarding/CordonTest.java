package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A pool NLB tagged {@code apigw:cordon=true} takes no new service; those already on it stay. */
class CordonTest extends EmulatorTestBase {

    private void cordon(TestLandscape.Nlb nlb) {
        aws.elb.addTags(request -> request.resourceArns(nlb.arn())
                .tags(Tag.builder().key("apigw:cordon").value("true").build()));
    }

    @Test
    void aNewServiceGoesToAnOpenNlbWhileOneAlreadyOnTheCordonedNlbStays() {
        String ordersTg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String orders = aws.service(cluster, "orders", ordersTg, vpcA, Map.of("apigw:path", "/orders"));
        run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)));
        TestLandscape.Nlb nlbA2 = aws.nlb(vpcA, "a2", "default");
        String linkA2 = aws.vpcLink(nlbA2);
        cordon(nlbA1);
        String paymentsTg = aws.tcpTargetGroup(vpcA, "payments-tg");
        String payments = aws.service(cluster, "payments", paymentsTg, vpcA, Map.of("apigw:path", "/payments"));

        run(TestLandscape.batch(TestLandscape.createServiceEvent(payments, cluster),
                TestLandscape.tagEvent("TagResource", orders)));

        assertEquals(List.of(Outcome.Onboarded, Outcome.Unchanged),
                decisions().stream().map(decision -> decision.plan().outcome()).toList());
        assertEquals(List.of(10000), aws.listeners(nlbA2).stream().map(listener -> listener.port()).toList());
        assertRoute("/payments", nlbA2.dnsName(), 10000, linkA2, payments);
        assertEquals(List.of(ordersTg), aws.listeners(nlbA1).stream()
                .map(listener -> listener.defaultActions().get(0).targetGroupArn()).toList());
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, orders);
    }

    @Test
    void aPoolWhoseEveryNlbIsCordonedRefusesNewServicesAsCapacityExhaustedSayingCordoned() {
        cordon(nlbA1);
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String orders = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        int deploymentsBefore = aws.deployments(apiId);

        run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)));

        Decision.Reconciled decision = decisions().get(0);
        assertEquals(Outcome.Rejected, decision.plan().outcome());
        assertEquals(RejectReason.CapacityExhausted, decision.plan().reason());
        assertEquals("pool 'default' in " + vpcA.id() + " takes no new service: all 1 NLB(s) cordoned"
                + " (apigw:cordon=true)", decision.plan().detail());
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(deploymentsBefore, aws.deployments(apiId));
        assertEquals(1, metricLines("CapacityExhausted").size());
    }
}
