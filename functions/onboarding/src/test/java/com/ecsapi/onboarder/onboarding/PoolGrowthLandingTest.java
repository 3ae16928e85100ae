package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.monitor.QuotaMonitorHandler;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import com.ecsapi.onboarder.pool.PoolTag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pool growth end to end: the pool's only NLB is full, the quota monitor (opted in) grows the pool, and the next
 * service lands on the NLB it made, through the VPC link it made.
 */
class PoolGrowthLandingTest extends EmulatorTestBase {

    private static final Map<String, String> MONITOR = Map.of("POOL_GROWTH_THRESHOLD_PERCENT", "80",
            "ALARM_NAME_PREFIX", "growth-test");

    private String onboard(String name, String path) {
        String service = aws.service(cluster, name, aws.tcpTargetGroup(vpcA, name + "-tg"), vpcA,
                Map.of("apigw:path", path));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)))));
        return service;
    }

    private Map<String, Object> monitorRun() {
        return asFunction("QuotaMonitorFunction", MONITOR,
                () -> new QuotaMonitorHandler(Environment.of(MONITOR)).handleRequest(null, null));
    }

    @Test
    void theNextServiceLandsOnTheNlbTheMonitorGrewThroughItsVpcLink() {
        moto.setAppliedQuota("elasticloadbalancing", "L-57A373D6", 1);
        onboard("one", "/one");
        onboard("refused", "/refused");
        assertEquals(RejectReason.CapacityExhausted, decisions().getFirst().plan().reason(),
                "the pool is full before it grows");

        monitorRun();
        monitorRun();

        LoadBalancer grown = aws.elb.describeLoadBalancers().loadBalancers().stream()
                .filter(nlb -> PoolTag.GROWN.equals(aws.tags(nlb.loadBalancerArn()).get(PoolTag.CREATED_BY)))
                .findFirst().orElseThrow(() -> new AssertionError("the monitor grew no NLB"));
        String grownLink = aws.vpcLinks().entrySet().stream()
                .filter(link -> link.getValue().contains(grown.loadBalancerArn())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no VPC link targets the grown NLB"));

        onboard("two", "/two");

        assertEquals(Outcome.Onboarded, decisions().getFirst().plan().outcome());
        assertEquals(List.of(10000), aws.listeners(new TestLandscape.Nlb(grown.loadBalancerArn(), grown.dnsName()))
                .stream().map(Listener::port).toList());
        assertEquals(grownLink, decisions().getFirst().plan().vpcLinkId());
        assertTrue(aws.apiGateway.getIntegration(request -> request.restApiId(apiId)
                        .resourceId(aws.resources(apiId).get("/two").id()).httpMethod("ANY")).uri()
                .startsWith("http://" + grown.dnsName() + ":10000/"));
    }
}
