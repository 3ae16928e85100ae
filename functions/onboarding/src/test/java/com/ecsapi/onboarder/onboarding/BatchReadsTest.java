package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a batch reads once for all its services, and that each service still gets exactly its own answer. */
class BatchReadsTest extends EmulatorTestBase {

    private OnboardingHandler kept;

    /** Keeps one handler across runs once a test sets {@link #kept}: a warm Lambda instance. */
    @Override
    OnboardingHandler handler(Map<String, String> variables) {
        return kept != null ? kept : super.handler(variables);
    }

    private String service(String clusterArn, String name) {
        String tg = aws.tcpTargetGroup(vpcA, name + "-tg");
        return aws.service(clusterArn, name, tg, vpcA, Map.of("apigw:path", "/" + name));
    }

    @Test
    void servicesOfTwoClustersAreDescribedWithOneCallPerCluster() {
        String web = aws.cluster("web");
        String orders = service(cluster, "orders");
        String payments = service(cluster, "payments");
        String shop = service(web, "shop");
        moto.clearCallCounts();

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster),
                TestLandscape.createServiceEvent(shop, web), TestLandscape.createServiceEvent(payments, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(2, moto.callCounts().get("ecs:DescribeServices"));
        assertEquals(List.of(10000, 10001, 10002), aws.listeners(nlbA1).stream().map(Listener::port).sorted().toList());
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, orders);
        assertRoute("/shop", nlbA1.dnsName(), 10001, linkA1, shop);
        assertRoute("/payments", nlbA1.dnsName(), 10002, linkA1, payments);
    }

    @Test
    void aServiceThatCannotBeDescribedFailsAloneAndTheOthersAreDescribedOneByOne() {
        String orders = service(cluster, "orders");
        String broken = service(cluster, "broken");
        moto.inject(FaultInjection.of("ecs", "DescribeServices", Fault.CLIENT_ERROR).forEveryCall()
                .whenRequestContains("service/apps/broken"));
        SQSEvent batch = TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster),
                TestLandscape.createServiceEvent(broken, cluster));

        SQSBatchResponse response = run(batch);

        assertEquals(List.of(batch.getRecords().get(1).getMessageId()), failures(response),
                "only the message of the service that cannot be described is not done");
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, orders);
        assertEquals(List.of(10000), aws.listeners(nlbA1).stream().map(Listener::port).toList());
    }

    @Test
    void aWarmInstanceSeesAnNlbThatJoinedThePoolSinceItsLastBatch() {
        kept = super.handler(environment());
        String orders = service(cluster, "orders");
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)))));
        TestLandscape.Nlb nlbA0 = aws.nlb(vpcA, "a0", "default");
        String linkA0 = aws.vpcLink(nlbA0);
        String payments = service(cluster, "payments");

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(payments, cluster),
                TestLandscape.createServiceEvent(orders, cluster)));

        assertEquals(List.of(), failures(response));
        assertRoute("/payments", nlbA0.dnsName(), 10000, linkA0, payments);
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, orders);
        assertEquals(List.of(10000), aws.listeners(nlbA1).stream().map(Listener::port).toList(),
                "the listener read ahead on a1 is still the service's own");
    }

    @Test
    void aColdInstanceReadsAheadTheNlbsBehindVpcLinksAndKeepsOnlyThoseInAPool() {
        TestLandscape.Nlb handMade = aws.nlb(vpcA, "hand-made", null);
        aws.vpcLink(handMade);
        String orders = service(cluster, "orders");
        moto.clearCallCounts();

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)));
        Map<String, Integer> calls = moto.callCounts();

        assertEquals(List.of(), failures(response));
        assertRoute("/orders", nlbA1.dnsName(), 10000, linkA1, orders);
        assertEquals(List.of(), aws.listeners(handMade), "nothing is placed on an NLB outside the pool");
        assertEquals(1, calls.get("elasticloadbalancing:DescribeTags"),
                "one round of tags: the pool's listeners were read ahead");
        assertEquals(2, calls.get("elasticloadbalancing:DescribeListeners"),
                "the listeners of both NLBs behind a VPC link, read before the tags said which is in a pool");
    }
}
