package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.pool.PoolTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.VpcLink;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in pool growth through the real handler: pool {@code default} has one NLB, {@code pool-a}, at 5 of 5
 * listeners (the listener quota applied in the test bed), reached through an AVAILABLE VPC link (V1).
 */
class PoolGrowthEmulatorTest extends MonitorEmulatorTestBase {

    private static final String LISTENERS_PER_NLB = "L-57A373D6";
    private static final String CREATE_LOAD_BALANCER = "ElasticLoadBalancingV2:CreateLoadBalancer";
    private static final String CREATE_VPC_LINK = "ApiGateway:CreateVpcLink";
    private static final Map<String, String> OPTED_IN = Map.of("POOL_GROWTH_THRESHOLD_PERCENT", "80");

    private LoadBalancer poolA;

    @BeforeEach
    void aFullPool() {
        moto.setAppliedQuota("elasticloadbalancing", LISTENERS_PER_NLB, 5);
        poolA = monitored.nlb("pool-a", 5, "default");
        monitored.vpcLinksV1(1, poolA);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> growth(Map<String, Object> summary) {
        return (List<Map<String, Object>>) summary.get("poolGrowth");
    }

    private static List<String> outcomes(Map<String, Object> summary) {
        return growth(summary).stream().map(decision -> (String) decision.get("outcome")).toList();
    }

    /** How many calls of {@code call} ({@code Service:Operation}) the run made. */
    private static int made(Map<String, Object> summary, String call) {
        @SuppressWarnings("unchecked")
        Map<String, Object> calls = (Map<String, Object>) summary.get("calls");
        return calls.containsKey(call) ? ((Number) calls.get(call)).intValue() : 0;
    }

    private List<LoadBalancer> nlbs() {
        return monitored.elb.describeLoadBalancers().loadBalancers();
    }

    private Map<String, String> tagsOf(String arn) {
        return monitored.elb.describeTags(request -> request.resourceArns(arn)).tagDescriptions().getFirst().tags()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private List<VpcLink> vpcLinks() {
        return monitored.restApis.getVpcLinks().items();
    }

    private static List<String> subnets(LoadBalancer nlb) {
        return nlb.availabilityZones().stream().map(AvailabilityZone::subnetId).sorted().toList();
    }

    @Test
    void aFullPoolGetsOneNlbThenItsVpcLinkBothTaggedAndNothingMore() {
        Printed<Map<String, Object>> first = printed(() -> monitorRun(OPTED_IN));

        assertEquals(List.of("NlbCreated"), outcomes(first.result()));
        List<LoadBalancer> created = nlbs().stream().filter(nlb -> !nlb.loadBalancerName().equals("pool-a")).toList();
        assertEquals(1, created.size(), "one new NLB");
        LoadBalancer grown = created.getFirst();
        assertEquals(growth(first.result()).getFirst().get("nlbName"), grown.loadBalancerName());
        assertEquals(LoadBalancerTypeEnum.NETWORK, grown.type());
        assertEquals(LoadBalancerSchemeEnum.INTERNAL, grown.scheme());
        assertEquals(poolA.vpcId(), grown.vpcId());
        assertEquals(subnets(poolA), subnets(grown), "in the subnets of the pool's NLB");
        assertEquals(Map.of(PoolTag.KEY, "default", PoolTag.CREATED_BY, PoolTag.GROWN), tagsOf(grown.loadBalancerArn()));
        assertEquals(1, vpcLinks().size(), "the link follows once the NLB is active");
        assertTrue(first.output().lines().anyMatch(line -> line.contains("\"Pool grown\"")
                && line.contains("\"outcome\":\"NlbCreated\"")), first.output());
        assertTrue(first.output().lines().anyMatch(line -> line.contains("\"PoolGrown\":1.0")
                && line.contains("\"Pool\":\"default\"") && line.contains("\"Created\":\"NlbCreated\"")),
                first.output());

        Map<String, Object> second = monitorRun(OPTED_IN);

        assertEquals(List.of("VpcLinkCreated"), outcomes(second));
        VpcLink link = vpcLinks().stream().filter(candidate -> candidate.targetArns().contains(grown.loadBalancerArn()))
                .findFirst().orElseThrow(() -> new AssertionError("no VPC link targets " + grown.loadBalancerArn()));
        assertEquals("ecs-api-onboarder-" + grown.loadBalancerName(), link.name());
        assertEquals(Map.of(PoolTag.KEY, "default", PoolTag.CREATED_BY, PoolTag.GROWN,
                "ecs-api-onboarder:nlb", grown.loadBalancerArn()), link.tags());
        assertEquals("AVAILABLE", link.statusAsString());

        Map<String, Object> third = monitorRun(OPTED_IN);

        assertEquals(List.of(), outcomes(third), "the new NLB is room: nothing more");
        assertEquals(2, nlbs().size());
        assertEquals(2, vpcLinks().size());
        assertEquals(0, made(third, CREATE_LOAD_BALANCER) + made(third, CREATE_VPC_LINK));
        assertEquals(List.of(1, 0), List.of(made(first.result(), CREATE_LOAD_BALANCER), made(second, CREATE_LOAD_BALANCER)));
    }

    @Test
    void theNewNlbHasTheSecurityGroupsOfThePoolsNlb() {
        monitored.deleteNlb(poolA);
        String group = monitored.ec2.createSecurityGroup(request -> request.groupName("pool").description("pool")
                .vpcId(poolA.vpcId())).groupId();
        LoadBalancer guarded = monitored.elb.createLoadBalancer(request -> request.name("pool-sg")
                .type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnets(poolA))
                .securityGroups(group).tags(Tag.builder().key(PoolTag.KEY).value("default").build()))
                .loadBalancers().getFirst();
        monitored.listeners(guarded, 5);
        monitored.vpcLinksV1(1, guarded);

        assertEquals(List.of("NlbCreated"), outcomes(monitorRun(OPTED_IN)));

        LoadBalancer grown = nlbs().stream().filter(nlb -> !nlb.loadBalancerName().equals("pool-sg")).findFirst()
                .orElseThrow();
        assertEquals(List.of(group), grown.securityGroups());
    }

    @Test
    void belowTheThresholdNothingIsCreated() {
        monitored.deleteNlb(poolA);
        LoadBalancer poolB = monitored.nlb("pool-b", 3, "default");
        monitored.vpcLinksV1(1, poolB);

        Map<String, Object> summary = monitorRun(OPTED_IN);

        assertEquals(List.of(), outcomes(summary), "3 of 5 listeners is 60%");
        assertEquals(1, nlbs().size());
        assertEquals(0, made(summary, CREATE_LOAD_BALANCER));
    }

    @Test
    void offByDefaultNothingIsCreatedNorRead() {
        Map<String, Object> summary = monitorRun(Map.of());

        assertEquals(List.of(), outcomes(summary));
        assertEquals(1, nlbs().size());
        assertEquals(0, made(summary, CREATE_LOAD_BALANCER));
        assertEquals(1, made(summary, "ApiGateway:GetVpcLinks"), "only the usage reader's count");
    }

    @Test
    void noNewNlbPastTheNlbQuotaRefusedWithItsReason() {
        moto.setAppliedQuota("elasticloadbalancing", "L-69A177A2", 1);

        Printed<Map<String, Object>> run = printed(() -> monitorRun(OPTED_IN));

        assertEquals(List.of("NlbQuotaReached"), outcomes(run.result()));
        assertTrue(((String) growth(run.result()).getFirst().get("detail")).contains("1 of 1.0 NLBs per Region"),
                growth(run.result()).toString());
        assertEquals(1, nlbs().size());
        assertEquals(0, made(run.result(), CREATE_LOAD_BALANCER));
        assertTrue(run.output().lines().anyMatch(line -> line.contains("\"Pool not grown\"")
                && line.contains("\"outcome\":\"NlbQuotaReached\"")), run.output());
        assertTrue(run.output().lines().anyMatch(line -> line.contains("\"PoolGrowthSkipped\":1.0")
                && line.contains("\"Reason\":\"NlbQuotaReached\"")), run.output());
    }

    @Test
    void noNewNlbWithoutRoomForItsVpcLink() {
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 1);

        Map<String, Object> summary = monitorRun(OPTED_IN);

        assertEquals(List.of("VpcLinkQuotaReached"), outcomes(summary));
        assertEquals(1, nlbs().size());
    }

    @Test
    void aDryRunDecidesAndCreatesNothing() {
        Map<String, Object> summary = monitorRun(Map.of("POOL_GROWTH_THRESHOLD_PERCENT", "80", "DRY_RUN", "true"));

        assertEquals(List.of("DryRun"), outcomes(summary));
        assertEquals(1, nlbs().size());
    }
}
