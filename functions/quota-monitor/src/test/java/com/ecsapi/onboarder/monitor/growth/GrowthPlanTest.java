package com.ecsapi.onboarder.monitor.growth;

import com.ecsapi.onboarder.pool.PoolTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrowthPlanTest {

    private static final GrowthPolicy EIGHTY = new GrowthPolicy(80);
    private static final GrowthPlan.RegionQuota NLBS = new GrowthPlan.RegionQuota(10, 50);
    private static final GrowthPlan.RegionQuota LINKS = new GrowthPlan.RegionQuota(5, 20);

    private static PoolNlb nlb(String name, String pool, String vpc, String state, boolean grown, Integer listeners) {
        return new PoolNlb("arn:" + name, name, pool, vpc, state, List.of("subnet-" + name + "-a", "subnet-" + name + "-b"),
                List.of("sg-" + name), grown, false, listeners);
    }

    private static PoolNlb active(String name, Integer listeners) {
        return nlb(name, "default", "vpc-1", PoolNlb.ACTIVE, false, listeners);
    }

    private static PoolVpcLink link(PoolNlb nlb, String status) {
        return new PoolVpcLink("link-" + nlb.name(), status, List.of(nlb.arn()));
    }

    private static List<GrowthDecision> decide(List<PoolNlb> nlbs, List<PoolVpcLink> links) {
        return GrowthPlan.decide(EIGHTY, nlbs, links, 50, NLBS, LINKS);
    }

    @Test
    void aPoolWhoseEveryNlbIsAtTheThresholdGetsOneNewNlbLikeItsFirstNlb() {
        PoolNlb a = active("pool-a", 40);
        PoolNlb b = active("pool-b", 50);

        List<GrowthDecision> decisions = decide(List.of(b, a), List.of(link(a, "AVAILABLE"), link(b, "AVAILABLE")));

        assertEquals(1, decisions.size());
        GrowthDecision decision = decisions.getFirst();
        assertEquals(GrowthOutcome.NLB_CREATED, decision.outcome());
        assertEquals("default", decision.pool());
        assertEquals("vpc-1", decision.vpcId());
        GrowthDecision.NewNlb created = assertInstanceOf(GrowthDecision.NewNlb.class, decision.create());
        assertEquals(a.subnetIds(), created.subnetIds(), "the first NLB by name is the model");
        assertEquals(List.of("sg-pool-a"), created.securityGroupIds());
        assertEquals(Map.of(PoolTag.KEY, "default", PoolTag.CREATED_BY, PoolTag.GROWN), created.tags());
        assertTrue(created.name().startsWith("eao-pool-") && created.name().length() == 32, created.name());
        assertEquals(created, decide(List.of(a, b), List.of(link(a, "AVAILABLE"), link(b, "AVAILABLE")))
                .getFirst().create(), "same data, same decision");
    }

    @Test
    void oneNlbBelowTheThresholdIsRoomEnough() {
        PoolNlb a = active("pool-a", 50);
        PoolNlb b = active("pool-b", 39);

        assertEquals(List.of(), decide(List.of(a, b), List.of(link(a, "AVAILABLE"), link(b, "AVAILABLE"))));
    }

    @Test
    void onlyNlbsAServiceCanLandOnCountAndAPoolWithoutOneIsNotGrown() {
        PoolNlb full = active("pool-a", 45);
        PoolNlb unlinked = active("pool-b", 0);

        assertEquals(GrowthOutcome.NLB_CREATED, decide(List.of(full, unlinked), List.of(link(full, "AVAILABLE")))
                .getFirst().outcome(), "an NLB no VPC link targets takes no service");
        assertEquals(List.of(), decide(List.of(unlinked), List.of()), "growth grows a pool, it does not start one");
    }

    @Test
    void aCordonedNlbIsNoRoomAndAPoolWhoseEveryNlbIsCordonedIsNotGrown() {
        PoolNlb full = active("pool-a", 45);
        PoolNlb cordoned = new PoolNlb("arn:pool-b", "pool-b", "default", "vpc-1", PoolNlb.ACTIVE,
                List.of("subnet-b"), List.of(), false, true, 0);
        List<PoolVpcLink> links = List.of(link(full, "AVAILABLE"), link(cordoned, "AVAILABLE"));

        GrowthDecision grown = decide(List.of(full, cordoned), links).getFirst();
        assertEquals(GrowthOutcome.NLB_CREATED, grown.outcome(), "the empty NLB is cordoned: the pool is full");
        assertEquals(List.of("subnet-pool-a-a", "subnet-pool-a-b"),
                ((GrowthDecision.NewNlb) grown.create()).subnetIds(), "modelled on an NLB that takes services");
        assertEquals(List.of(), decide(List.of(cordoned), List.of(link(cordoned, "AVAILABLE"))),
                "an operator who cordoned every NLB of a pool decides what comes next");
    }

    @Test
    void offByDefaultDecidesNothing() {
        PoolNlb a = active("pool-a", 50);

        assertEquals(List.of(), GrowthPlan.decide(GrowthPolicy.OFF, List.of(a), List.of(link(a, "AVAILABLE")), 50,
                NLBS, LINKS));
    }

    @Test
    void aProvisioningNlbOrAPendingVpcLinkOfThatPoolAndVpcIsInFlight() {
        PoolNlb a = active("pool-a", 50);
        PoolNlb provisioning = nlb("eao-pool-1", "default", "vpc-1", PoolNlb.PROVISIONING, true, 0);
        PoolNlb linking = nlb("eao-pool-2", "default", "vpc-1", PoolNlb.ACTIVE, true, 0);

        GrowthDecision waiting = decide(List.of(a, provisioning), List.of(link(a, "AVAILABLE"))).getFirst();
        GrowthDecision pending = decide(List.of(a, linking), List.of(link(a, "AVAILABLE"), link(linking, "PENDING")))
                .getFirst();

        assertEquals(GrowthOutcome.IN_FLIGHT, waiting.outcome());
        assertTrue(waiting.detail().contains("NLB eao-pool-1 provisioning"), waiting.detail());
        assertEquals(GrowthOutcome.IN_FLIGHT, pending.outcome());
        assertTrue(pending.detail().contains("VPC link link-eao-pool-2 PENDING"), pending.detail());
    }

    @Test
    void whatIsInFlightElsewhereDoesNotHoldAPoolBack() {
        PoolNlb a = active("pool-a", 50);
        PoolNlb otherVpc = nlb("other-vpc", "default", "vpc-2", PoolNlb.PROVISIONING, false, 0);
        PoolNlb otherPool = nlb("other-pool", "blue", "vpc-1", PoolNlb.PROVISIONING, false, 0);

        List<GrowthDecision> decisions = decide(List.of(a, otherVpc, otherPool), List.of(link(a, "AVAILABLE")));

        assertEquals(List.of(GrowthOutcome.NLB_CREATED), decisions.stream().map(GrowthDecision::outcome).toList());
    }

    @Test
    void anNlbTheMonitorGrewGetsItsVpcLinkOnceActiveWhateverTheThreshold() {
        PoolNlb a = active("pool-a", 10);
        PoolNlb grown = nlb("eao-pool-1", "default", "vpc-1", PoolNlb.ACTIVE, true, 0);

        GrowthDecision decision = decide(List.of(a, grown), List.of(link(a, "AVAILABLE"))).getFirst();

        assertEquals(GrowthOutcome.VPC_LINK_CREATED, decision.outcome());
        GrowthDecision.NewVpcLink created = assertInstanceOf(GrowthDecision.NewVpcLink.class, decision.create());
        assertEquals("arn:eao-pool-1", created.nlbArn());
        assertEquals("ecs-api-onboarder-eao-pool-1", created.name());
        assertEquals(Map.of(PoolTag.KEY, "default", PoolTag.CREATED_BY, PoolTag.GROWN,
                "ecs-api-onboarder:nlb", "arn:eao-pool-1"), created.tags());
        assertEquals(List.of(), decide(List.of(a, nlb("by-hand", "default", "vpc-1", PoolNlb.ACTIVE, false, 0)),
                List.of(link(a, "AVAILABLE"))), "an NLB made by hand is the platform team's to link");
    }

    @Test
    void aFailedVpcLinkOfAGrownNlbIsRefusedAndStopsGrowthThere() {
        PoolNlb a = active("pool-a", 50);
        PoolNlb grown = nlb("eao-pool-1", "default", "vpc-1", PoolNlb.ACTIVE, true, 0);

        GrowthDecision decision = decide(List.of(a, grown), List.of(link(a, "AVAILABLE"), link(grown, "FAILED")))
                .getFirst();

        assertEquals(GrowthOutcome.VPC_LINK_FAILED, decision.outcome());
        assertEquals(null, decision.create());
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 49})
    void noNewNlbPastTheNlbQuota(int nlbs) {
        PoolNlb a = active("pool-a", 50);

        List<GrowthDecision> decisions = GrowthPlan.decide(EIGHTY, List.of(a), List.of(link(a, "AVAILABLE")), 50,
                new GrowthPlan.RegionQuota(nlbs, 50), LINKS);

        assertEquals(nlbs == 50 ? GrowthOutcome.NLB_QUOTA_REACHED : GrowthOutcome.NLB_CREATED,
                decisions.getFirst().outcome());
    }

    @Test
    void noNewNlbWithoutRoomForItsVpcLinkNorWithAQuotaUnread() {
        PoolNlb a = active("pool-a", 50);
        List<PoolVpcLink> links = List.of(link(a, "AVAILABLE"));

        GrowthDecision noLink = GrowthPlan.decide(EIGHTY, List.of(a), links, 50, NLBS,
                new GrowthPlan.RegionQuota(20, 20)).getFirst();
        GrowthDecision unread = GrowthPlan.decide(EIGHTY, List.of(a), links, 50,
                new GrowthPlan.RegionQuota(null, 50), LINKS).getFirst();

        assertEquals(GrowthOutcome.VPC_LINK_QUOTA_REACHED, noLink.outcome());
        assertTrue(noLink.detail().contains("20 of 20.0 VPC links"), noLink.detail());
        assertEquals(GrowthOutcome.NLB_QUOTA_REACHED, unread.outcome());
    }

    @Test
    void anUnreadListenerCountIsNotTakenForFullNorForRoom() {
        PoolNlb a = active("pool-a", 50);
        PoolNlb b = active("pool-b", null);

        GrowthDecision decision = decide(List.of(a, b), List.of(link(a, "AVAILABLE"), link(b, "AVAILABLE"))).getFirst();

        assertEquals(GrowthOutcome.USAGE_UNREAD, decision.outcome());
    }

    @Test
    void poolsShareTheQuotasRoomInOneRun() {
        List<PoolNlb> nlbs = new ArrayList<>();
        List<PoolVpcLink> links = new ArrayList<>();
        for (String pool : List.of("blue", "green", "red")) {
            PoolNlb nlb = nlb(pool + "-1", pool, "vpc-1", PoolNlb.ACTIVE, false, 50);
            nlbs.add(nlb);
            links.add(link(nlb, "AVAILABLE"));
        }

        List<GrowthDecision> decisions = GrowthPlan.decide(EIGHTY, nlbs, links, 50, new GrowthPlan.RegionQuota(48, 50),
                LINKS);

        assertEquals(List.of(GrowthOutcome.NLB_CREATED, GrowthOutcome.NLB_CREATED, GrowthOutcome.NLB_QUOTA_REACHED),
                decisions.stream().map(GrowthDecision::outcome).toList());
        assertEquals(List.of("blue", "green", "red"), decisions.stream().map(GrowthDecision::pool).toList());
        assertNotEquals(decisions.get(0).create(), decisions.get(1).create());
    }

    @Test
    void theThresholdIsAPercentOfTheListenerQuota() {
        assertTrue(EIGHTY.isFull(40, 50));
        assertTrue(!EIGHTY.isFull(39, 50));
        assertTrue(EIGHTY.isFull(0, 0), "a listener quota of 0 leaves no room");
        assertThrows(IllegalStateException.class, () -> new GrowthPolicy(101));
        assertThrows(IllegalStateException.class, () -> new GrowthPolicy(-1));
    }
}
