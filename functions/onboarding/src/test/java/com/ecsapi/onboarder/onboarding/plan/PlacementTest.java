package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.cordoned;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.landscape;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.link;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.listener;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.nlb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlacementTest {

    private static final PortRange RANGE = new PortRange(10000, 10002);

    @Test
    void takesTheLowestFreePortOnTheFirstNlbByName() {
        LoadBalancer b = nlb("b", "vpc-1", "default");
        LoadBalancer a = nlb("a", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(b, a), List.of(listener(a, 10000, "tg", Map.of())),
                List.of(link("l-b", b, "AVAILABLE"), link("l-a", a, "AVAILABLE")));

        Placement.Placed placed = assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50));

        assertEquals(a, placed.nlb());
        assertEquals("l-a", placed.vpcLink().id());
        assertEquals(10001, placed.port());
    }

    @Test
    void onlyNlbsOfThePoolAndVpcWithAnAvailableLinkAreCandidates() {
        LoadBalancer otherPool = nlb("a", "vpc-1", "blue");
        LoadBalancer otherVpc = nlb("b", "vpc-2", "default");
        LoadBalancer pending = nlb("c", "vpc-1", "default");
        LoadBalancer noPool = nlb("d", "vpc-1", null);
        LoadBalancer good = nlb("e", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(otherPool, otherVpc, pending, noPool, good), List.of(),
                List.of(link("1", otherPool, "AVAILABLE"), link("2", otherVpc, "AVAILABLE"), link("3", pending, "PENDING"),
                        link("4", noPool, "AVAILABLE"), link("5", good, "AVAILABLE")));

        assertEquals(good, assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50)).nlb());
        assertEquals(RejectReason.NoPoolNlb, assertInstanceOf(Placement.NoRoom.class,
                Placement.place(landscape, "green", "vpc-1", RANGE, 50)).reason());
    }

    @Test
    void aFullNlbSpillsAndAFullPoolIsCapacityExhausted() {
        LoadBalancer a = nlb("a", "vpc-1", "default");
        LoadBalancer b = nlb("b", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(a, b),
                List.of(listener(a, 10000, "tg", Map.of()), listener(a, 10001, "tg", Map.of()), listener(b, 80, "tg", Map.of())),
                List.of(link("l-a", a, "AVAILABLE"), link("l-b", b, "AVAILABLE")));

        Placement.Placed spilled = assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 2));
        assertEquals(b, spilled.nlb());
        assertEquals(10000, spilled.port());

        assertEquals(RejectReason.CapacityExhausted, assertInstanceOf(Placement.NoRoom.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 1)).reason());
    }

    @Test
    void aPortARouteStillPointsAtIsTakenThoughNoListenerIsOnIt() {
        LoadBalancer a = nlb("a", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(a), List.of(listener(a, 10001, "tg", Map.of())),
                List.of(link("l-a", a, "AVAILABLE"))).withRoutedPorts(Map.of(a.dnsName(), java.util.Set.of(10000),
                "elsewhere.elb", java.util.Set.of(10002)));

        assertEquals(10002, assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50)).port());
    }

    @Test
    void anNlbAwsCalledFullIsSkippedWhateverItsCount() {
        LoadBalancer a = nlb("a", "vpc-1", "default");
        LoadBalancer b = nlb("b", "vpc-1", "default");
        PoolLandscape landscape = new PoolLandscape(List.of(a, b), Map.of(a.arn(), List.of(), b.arn(), List.of()),
                List.of(link("l-a", a, "AVAILABLE"), link("l-b", b, "AVAILABLE")), List.of(), java.util.Set.of(a.arn()),
                Map.of());

        assertEquals(b, assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50)).nlb());
    }

    @Test
    void aFullPortRangeCountsAsFull() {
        LoadBalancer a = nlb("a", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(a), List.of(listener(a, 10000, "t", Map.of()),
                listener(a, 10001, "t", Map.of()), listener(a, 10002, "t", Map.of())), List.of(link("l", a, "AVAILABLE")));

        assertEquals(RejectReason.CapacityExhausted, assertInstanceOf(Placement.NoRoom.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50)).reason());
    }

    @Test
    void aCordonedNlbTakesNoNewServiceThoughItComesFirstAndHasRoom() {
        LoadBalancer a = cordoned(nlb("a", "vpc-1", "default"));
        LoadBalancer b = nlb("b", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(a, b), List.of(),
                List.of(link("l-a", a, "AVAILABLE"), link("l-b", b, "AVAILABLE")));

        Placement.Placed placed = assertInstanceOf(Placement.Placed.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50));

        assertEquals(b, placed.nlb());
        assertEquals(10000, placed.port());
        assertEquals(List.of(a, b), Placement.candidates(landscape, "default", "vpc-1").stream()
                .map(Placement.Candidate::nlb).toList(), "what a service has on a cordoned NLB is still its own");
    }

    @Test
    void aPoolWhoseNlbsAreAllCordonedIsCapacityExhaustedSayingCordoned() {
        LoadBalancer a = cordoned(nlb("a", "vpc-1", "default"));
        LoadBalancer b = cordoned(nlb("b", "vpc-1", "default"));
        PoolLandscape landscape = landscape(List.of(a, b), List.of(),
                List.of(link("l-a", a, "AVAILABLE"), link("l-b", b, "AVAILABLE")));

        Placement.NoRoom refused = assertInstanceOf(Placement.NoRoom.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 50));

        assertEquals(RejectReason.CapacityExhausted, refused.reason());
        assertEquals("pool 'default' in vpc-1 takes no new service: all 2 NLB(s) cordoned (apigw:cordon=true)",
                refused.detail());
    }

    @Test
    void cordonedAndFullTogetherIsCapacityExhaustedNamingBoth() {
        LoadBalancer a = cordoned(nlb("a", "vpc-1", "default"));
        LoadBalancer b = nlb("b", "vpc-1", "default");
        PoolLandscape landscape = landscape(List.of(a, b), List.of(listener(b, 10000, "t", Map.of())),
                List.of(link("l-a", a, "AVAILABLE"), link("l-b", b, "AVAILABLE")));

        Placement.NoRoom refused = assertInstanceOf(Placement.NoRoom.class,
                Placement.place(landscape, "default", "vpc-1", RANGE, 1));

        assertEquals(RejectReason.CapacityExhausted, refused.reason());
        assertTrue(refused.detail().contains("1 NLB(s) cordoned (apigw:cordon=true), 1 NLB(s) each at 1 listeners"),
                refused.detail());
    }

    @Test
    void theCordonValueIsTrueInAnyCaseAndNothingElse() {
        assertTrue(com.ecsapi.onboarder.pool.PoolTag.cordoned(Map.of("apigw:cordon", "TRUE")));
        assertEquals(false, com.ecsapi.onboarder.pool.PoolTag.cordoned(Map.of("apigw:cordon", "false")));
        assertEquals(false, com.ecsapi.onboarder.pool.PoolTag.cordoned(Map.of("apigw:cordon", "")));
        assertEquals(false, com.ecsapi.onboarder.pool.PoolTag.cordoned(Map.of()));
    }
}
