package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyListenersException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyLoadBalancersException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ELBv2 listener (and NLB quota) rules AWS enforces and moto 5.2.1 does not. */
class ElbListenerRulesTest extends TestBedTestBase {

    private static Ec2Client ec2;
    private static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void clients() {
        ec2 = AwsClients.create(Ec2Client.builder());
        elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        elb.close();
    }

    @Test
    void networkLoadBalancersAndTheirListenersHaveNetArnsAsInAwsWithTheirTags() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-net");
        elb.addTags(r -> r.resourceArns(nlb.arn()).tags(tag -> tag.key("apigw:pool").value("default")));

        assertTrue(nlb.arn().contains(":loadbalancer/net/pool-net/"), nlb.arn());
        String listenerArn = createListener(nlb, 10000, nlb.targetGroupArn());
        assertTrue(listenerArn.contains(":listener/net/pool-net/"), listenerArn);
        assertEquals(nlb.arn(), elb.describeLoadBalancers(r -> r.loadBalancerArns(nlb.arn())).loadBalancers().get(0)
                .loadBalancerArn());
        assertEquals("default", elb.describeTags(r -> r.resourceArns(nlb.arn())).tagDescriptions().get(0).tags().get(0)
                .value());
    }

    @Test
    void aTakenPortFailsWithDuplicateListenerAndChangesNothing() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        String otherService = targetGroup(elb, nlb.vpcId(), "other-service");
        createListener(nlb, 10000, nlb.targetGroupArn());

        DuplicateListenerException error = assertThrows(DuplicateListenerException.class,
                () -> createListener(nlb, 10000, otherService));

        assertAwsError(error, 400, "DuplicateListener");
        List<Listener> listeners = elb.describeListeners(r -> r.loadBalancerArn(nlb.arn())).listeners();
        assertEquals(1, listeners.size());
        assertEquals(nlb.targetGroupArn(), listeners.get(0).defaultActions().get(0).targetGroupArn());
    }

    @Test
    void repeatingTheSameCreateListenerIsIdempotent() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        String first = createListener(nlb, 10000, nlb.targetGroupArn());

        String again = createListener(nlb, 10000, nlb.targetGroupArn());

        assertEquals(first, again);
        assertEquals(List.of(10000), ports(nlb));
    }

    @Test
    void concurrentCreatesOfOnePortYieldExactlyOneListener() throws Exception {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        int writers = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            String service = targetGroup(elb, nlb.vpcId(), "service-" + writer);
            attempts.add(() -> {
                go.await();
                try {
                    createListener(nlb, 10000, service);
                    return "created";
                } catch (DuplicateListenerException e) {
                    return e.awsErrorDetails().errorCode();
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> outcomes = attempts.stream().map(pool::submit).toList();
            go.countDown();
            Map<String, Long> tally = new TreeMap<>();
            for (Future<String> outcome : outcomes) {
                tally.merge(outcome.get(), 1L, Long::sum);
            }

            assertEquals(Map.of("created", 1L, "DuplicateListener", (long) writers - 1), tally);
            assertEquals(List.of(10000), ports(nlb));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSamePortOnAnotherLoadBalancerIsFree() {
        Nlb first = networkLoadBalancer(ec2, elb, "pool-a");
        Nlb second = networkLoadBalancer(ec2, elb, "pool-b");
        createListener(first, 10000);

        createListener(second, 10000);

        assertEquals(List.of(10000), ports(second));
    }

    @Test
    void the51stListenerOfAnNlbFailsWithTooManyListeners() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        for (int port = 10000; port < 10050; port++) {
            createListener(nlb, port);
        }

        TooManyListenersException error = assertThrows(TooManyListenersException.class, () -> createListener(nlb, 10050));

        assertAwsError(error, 400, "TooManyListeners");
        assertEquals(50, ports(nlb).size());
    }

    @Test
    void theListenerLimitFollowsTheAppliedQuota() {
        moto.setAppliedQuota("elasticloadbalancing", "L-57A373D6", 2);
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        createListener(nlb, 10000);
        createListener(nlb, 10001);

        TooManyListenersException error = assertThrows(TooManyListenersException.class, () -> createListener(nlb, 10002));

        assertAwsError(error, 400, "TooManyListeners");
        assertEquals(List.of(10000, 10001), ports(nlb));
    }

    @Test
    void anNlbPastTheAppliedNlbQuotaFailsWithTooManyLoadBalancersAndIsNotCreated() {
        moto.setAppliedQuota("elasticloadbalancing", "L-69A177A2", 2);
        Nlb first = networkLoadBalancer(ec2, elb, "pool-a");
        networkLoadBalancer(ec2, elb, "pool-b");
        String subnetId = elb.describeLoadBalancers(r -> r.loadBalancerArns(first.arn())).loadBalancers().get(0)
                .availabilityZones().get(0).subnetId();

        TooManyLoadBalancersException error = assertThrows(TooManyLoadBalancersException.class,
                () -> elb.createLoadBalancer(r -> r.name("pool-c").type(LoadBalancerTypeEnum.NETWORK)
                        .scheme("internal").subnets(subnetId)));

        assertAwsError(error, 400, "TooManyLoadBalancers");
        assertEquals(List.of("pool-a", "pool-b"), elb.describeLoadBalancers().loadBalancers().stream()
                .map(LoadBalancer::loadBalancerName).sorted().toList());
        moto.setAppliedQuota("elasticloadbalancing", "L-69A177A2", 3);
        assertEquals("pool-c", elb.createLoadBalancer(r -> r.name("pool-c").type(LoadBalancerTypeEnum.NETWORK)
                .scheme("internal").subnets(subnetId)).loadBalancers().get(0).loadBalancerName(),
                "a raised quota makes room");
    }

    @Test
    void aTargetGroupListsEachLoadBalancerForwardingToItOnceAndOnlyWhileItDoes() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        elb.deleteListener(r -> r.listenerArn(createListener(nlb, 10000, nlb.targetGroupArn())));
        String again = createListener(nlb, 10000, nlb.targetGroupArn());
        createListener(nlb, 10001, nlb.targetGroupArn());

        assertEquals(List.of(nlb.arn()), loadBalancersOf(nlb.targetGroupArn()));

        elb.deleteListener(r -> r.listenerArn(again));
        assertEquals(List.of(nlb.arn()), loadBalancersOf(nlb.targetGroupArn()), "the listener on 10001 still forwards");
        elb.deleteListener(r -> r.listenerArn(elb.describeListeners(d -> d.loadBalancerArn(nlb.arn())).listeners()
                .get(0).listenerArn()));
        assertEquals(List.of(), loadBalancersOf(nlb.targetGroupArn()));
    }

    @Test
    void aTargetGroupAnotherLoadBalancerForwardsToFailsWithTargetGroupAssociationLimitUntilThatListenerIsGone() {
        Nlb first = networkLoadBalancer(ec2, elb, "pool-a");
        Nlb second = networkLoadBalancer(ec2, elb, "pool-b");
        String firstListener = createListener(first, 10000, first.targetGroupArn());
        String secondListener = createListener(second, 10001, second.targetGroupArn());

        TargetGroupAssociationLimitException create = assertThrows(TargetGroupAssociationLimitException.class,
                () -> createListener(second, 10000, first.targetGroupArn()));
        TargetGroupAssociationLimitException modify = assertThrows(TargetGroupAssociationLimitException.class,
                () -> elb.modifyListener(r -> r.listenerArn(secondListener)
                        .defaultActions(a -> a.type("forward").targetGroupArn(first.targetGroupArn()))));

        for (TargetGroupAssociationLimitException error : List.of(create, modify)) {
            assertAwsError(error, 400, "TargetGroupAssociationLimit");
            assertEquals("The following target groups cannot be associated with more than one load balancer: "
                    + first.targetGroupArn(), error.awsErrorDetails().errorMessage());
        }
        assertEquals(List.of(10001), ports(second));
        assertEquals(second.targetGroupArn(), elb.describeListeners(r -> r.listenerArns(secondListener)).listeners()
                .get(0).defaultActions().get(0).targetGroupArn());
        assertEquals(List.of(first.arn()), loadBalancersOf(first.targetGroupArn()));

        elb.deleteListener(r -> r.listenerArn(firstListener));
        createListener(second, 10000, first.targetGroupArn());
        assertEquals(List.of(second.arn()), loadBalancersOf(first.targetGroupArn()));
    }

    private static List<String> loadBalancersOf(String targetGroupArn) {
        return elb.describeTargetGroups(r -> r.targetGroupArns(targetGroupArn)).targetGroups().get(0).loadBalancerArns();
    }

    private static void createListener(Nlb nlb, int port) {
        createListener(nlb, port, nlb.targetGroupArn());
    }

    private static String createListener(Nlb nlb, int port, String targetGroupArn) {
        return elb.createListener(r -> r.loadBalancerArn(nlb.arn()).protocol(ProtocolEnum.TCP).port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(targetGroupArn))).listeners().get(0).listenerArn();
    }

    private static List<Integer> ports(Nlb nlb) {
        return elb.describeListeners(r -> r.loadBalancerArn(nlb.arn())).listeners().stream()
                .map(Listener::port).sorted().toList();
    }
}
