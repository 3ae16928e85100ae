package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.OTHER;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SETTINGS;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.cordoned;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.link;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.listener;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.nlb;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The next step of a drain, and the plan of each step, from plain data. */
class DrainTest {

    private static final LoadBalancer OLD = cordoned(nlb("a", "vpc-1", "default"));
    private static final LoadBalancer NEW = nlb("b", "vpc-1", "default");
    private static final VpcLink OLD_LINK = link("l-a", OLD, "AVAILABLE");
    private static final VpcLink NEW_LINK = link("l-b", NEW, "AVAILABLE");
    private static final LoadBalancer ALB = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1",
            Map.of());
    private static final Map<String, String> TAGS = Ownership.tags(SERVICE, "api", "prod", "/pay");
    private static final String FIRST_GROUP = Ownership.targetGroupName(SERVICE, ALB.arn(), 80, "vpc-1");
    private static final String MOVED_GROUP = Ownership.targetGroupName(SERVICE, ALB.arn(), 80, "vpc-1", NEW.arn());
    private static final Target PAY = new Target.Present(new RouteSpec("api", "prod", "/pay"), "default",
            new Pattern.SharedNlbToAlb(Fixtures.tcpGroup("pay", "vpc-1"), ALB, 80), "vpc-1");

    private static TargetGroup albGroup(String name, String owner) {
        return new TargetGroup("arn:tg/" + name, name, "TCP", 80, "vpc-1", "alb", List.of(),
                Ownership.tags(owner, "api", "prod", "/pay"), List.of(TargetGroup.target(ALB.arn(), 80)));
    }

    private static PoolLandscape pool(List<LoadBalancer> nlbs, List<LoadBalancerListener> listeners,
                                      List<TargetGroup> groups) {
        Map<String, List<LoadBalancerListener>> byNlb = new java.util.HashMap<>();
        nlbs.forEach(nlb -> byNlb.put(nlb.arn(), new ArrayList<>()));
        listeners.forEach(listener -> byNlb.get(listener.loadBalancerArn()).add(listener));
        return new PoolLandscape(nlbs, byNlb, List.of(OLD_LINK, NEW_LINK), groups, Set.of(), Map.of());
    }

    private static List<RestResource> routeTo(String host, int port, String link) {
        String uri = "http://" + host + ":" + port + "/";
        RestMethod base = new RestMethod("ANY", Ownership.operationName(SERVICE), "HTTP_PROXY", uri, "VPC_LINK", link,
                null);
        RestMethod greedy = new RestMethod("ANY", Ownership.operationName(SERVICE), "HTTP_PROXY", uri + "{proxy}",
                "VPC_LINK", link, null);
        return List.of(root(), new RestResource("p", "root", "/pay", Map.of("ANY", base)),
                new RestResource("q", "p", "/pay/{proxy+}", Map.of("ANY", greedy)));
    }

    @Test
    void onlyACordonedPoolNlbIsDrained() {
        LoadBalancer open = nlb("c", "vpc-1", "default");

        assertEquals("NotPoolNlb", assertInstanceOf(Drain.Refused.class,
                Drain.next("arn:nlb/none", pool(List.of(OLD), List.of(), List.of()))).reason());
        assertEquals("NotCordoned", assertInstanceOf(Drain.Refused.class,
                Drain.next(open.arn(), pool(List.of(open), List.of(), List.of()))).reason());
    }

    @Test
    void theOwnedListenerWithTheLowestPortMovesFirstAndForeignListenersAreNotTouched() {
        TargetGroup mine = albGroup(FIRST_GROUP, SERVICE);
        TargetGroup others = albGroup("eao-other", OTHER);
        PoolLandscape landscape = pool(List.of(OLD, NEW), List.of(
                listener(OLD, 10005, others.arn(), Ownership.tags(OTHER, "api", "prod", "/other")),
                listener(OLD, 10001, mine.arn(), TAGS),
                listener(OLD, 9000, "arn:tg/hand-made", Map.of())), List.of(mine, others));

        assertEquals(new Drain.Move(SERVICE, "api", 10001), Drain.next(OLD.arn(), landscape));
    }

    @Test
    void optionThreeListenersMoveAfterOptionFourOnesAndAListenerWithoutATargetGroupStaysAndIsReported() {
        TargetGroup mine = albGroup(FIRST_GROUP, OTHER);
        LoadBalancerListener empty = new LoadBalancerListener("arn:listener/a/10009", OLD.arn(), 10009, "TCP",
                List.of(), TAGS);
        PoolLandscape both = pool(List.of(OLD, NEW), List.of(listener(OLD, 10000, OWN.arn(), TAGS),
                listener(OLD, 10001, mine.arn(), Ownership.tags(OTHER, "api", "prod", "/other"))), List.of(mine));

        assertEquals(new Drain.Move(OTHER, "api", 10001), Drain.next(OLD.arn(), both));
        assertEquals(new Drain.Move(SERVICE, "api", 10000), Drain.next(OLD.arn(),
                pool(List.of(OLD, NEW), List.of(listener(OLD, 10000, OWN.arn(), TAGS)), List.of())));
        Drain.Drained drained = assertInstanceOf(Drain.Drained.class, Drain.next(OLD.arn(),
                pool(List.of(OLD, NEW), List.of(empty), List.of())));
        assertEquals(List.of("port 10009 of " + SERVICE + " forwards to 0 target groups: nothing to move it with"),
                drained.staying());
        assertEquals(new Drain.Drained(List.of()), Drain.next(OLD.arn(), pool(List.of(OLD, NEW), List.of(), List.of())));
    }

    private static final TargetGroup OWN = Fixtures.tcpGroup("orders", "vpc-1");
    private static final Target ORDERS = new Target.Present(new RouteSpec("api", "prod", "/pay"), "default",
            new Pattern.SharedNlbToTargetGroup(OWN), "vpc-1");
    private static final String BRIDGE_NAME = Ownership.bridgeTargetGroupName(SERVICE, OWN.arn());
    private static final List<String> SERVING = List.of("10.0.0.5:8080", "10.0.0.6:8080");

    private static TargetGroup bridge() {
        Map<String, String> tags = new java.util.HashMap<>(TAGS);
        tags.put(Ownership.BRIDGE_OF_TAG, OWN.arn());
        tags.put(Ownership.LEAVING_TAG, OLD.arn());
        return new TargetGroup("arn:tg/" + BRIDGE_NAME, BRIDGE_NAME, "TCP", 8080, "vpc-1", "ip", List.of(), tags,
                SERVING);
    }

    /** The option-3 step the planner takes, the stage serving {@code servedOld} on OLD and {@code servedNew} on NEW. */
    private static Plan optionThreeStep(List<LoadBalancerListener> listeners, List<TargetGroup> groups, String host,
                                        int port, Set<Integer> servedOld, Set<Integer> servedNew) {
        return Planner.plan(SERVICE, ORDERS, pool(List.of(OLD, NEW), listeners, groups),
                Map.of("api", routeTo(host, port, host.equals(OLD.dnsName()) ? "l-a" : "l-b")), SETTINGS,
                new Leaving(OLD.arn(), servedOld, Map.of(OLD.arn(), servedOld, NEW.arn(), servedNew), SERVING));
    }

    private static List<Change> routeChanges(LoadBalancer nlb, int port, String link) {
        String uri = "http://" + nlb.dnsName() + ":" + port + "/";
        return List.of(new Change.PutProxyMethod("api", "/pay", false, Ownership.operationName(SERVICE), uri, link,
                        null, false),
                new Change.PutProxyMethod("api", "/pay/{proxy+}", false, Ownership.operationName(SERVICE),
                        uri + "{proxy}", link, null, true));
    }

    @Test
    void optionThreeStepOneBridgesTheRouteThroughACopyOfTheServicesTargetsOnAnOpenNlb() {
        LoadBalancerListener old = listener(OLD, 10000, OWN.arn(), TAGS);

        Plan plan = optionThreeStep(List.of(old), List.of(), OLD.dnsName(), 10000, Set.of(10000), Set.of());

        Change.TargetRef planned = new Change.PlannedTargetGroup(BRIDGE_NAME);
        List<Change> expected = new ArrayList<>(List.of(
                new Change.CreateBridgeTargetGroup(BRIDGE_NAME, "vpc-1", "TCP", 8080, "ip", bridge().tags()),
                new Change.RegisterTarget(planned, "10.0.0.5", 8080),
                new Change.RegisterTarget(planned, "10.0.0.6", 8080),
                new Change.CreateListener(NEW.arn(), 10000, planned, TAGS)));
        expected.addAll(routeChanges(NEW, 10000, "l-b"));
        assertEquals(expected, plan.changes(), "the old listener stays: the stage serves it");
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
    }

    @Test
    void optionThreeStepOneResumedBeforeTheStageServesTheBridgeChangesNothingAndThenStepTwoRemovesTheOldListener() {
        LoadBalancerListener old = listener(OLD, 10000, OWN.arn(), TAGS);
        LoadBalancerListener bridging = listener(NEW, 10000, bridge().arn(), TAGS);
        List<LoadBalancerListener> listeners = List.of(old, bridging);

        Plan waiting = optionThreeStep(listeners, List.of(bridge()), NEW.dnsName(), 10000, Set.of(10000), Set.of());
        Plan release = optionThreeStep(listeners, List.of(bridge()), NEW.dnsName(), 10000, Set.of(), Set.of(10000));
        Plan integrationLost = optionThreeStep(listeners, List.of(bridge()), OLD.dnsName(), 10000, Set.of(10000),
                Set.of());

        assertEquals(List.of(), waiting.changes());
        assertEquals(List.of(new Change.DeleteListener(old.arn(), OLD.arn(), 10000)), release.changes(),
                "the service's own group is free once the old listener goes; the bridge stays");
        assertEquals(routeChanges(NEW, 10000, "l-b"), integrationLost.changes(), "no second bridge");
        assertEquals(new Drain.Move(SERVICE, "api", 10000),
                Drain.next(OLD.arn(), pool(List.of(OLD, NEW), listeners, List.of(bridge()))));
    }

    @Test
    void optionThreeStepThreePutsTheServicesOwnGroupBehindAnOpenNlbWhileTheBridgeServes() {
        LoadBalancerListener bridging = listener(NEW, 10000, bridge().arn(), TAGS);
        PoolLandscape landscape = pool(List.of(OLD, NEW), List.of(bridging), List.of(bridge()));

        Plan plan = optionThreeStep(List.of(bridging), List.of(bridge()), NEW.dnsName(), 10000, Set.of(),
                Set.of(10000));

        List<Change> expected = new ArrayList<>(List.of(
                new Change.CreateListener(NEW.arn(), 10001, new Change.ExistingTargetGroup(OWN.arn()), TAGS)));
        expected.addAll(routeChanges(NEW, 10001, "l-b"));
        assertEquals(expected, plan.changes());
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
        assertEquals(new Drain.Move(SERVICE, "api", 10000), Drain.next(OLD.arn(), landscape),
                "a service with a bridge is finished first, though nothing of it is left on the NLB");
    }

    @Test
    void optionThreeStepThreeResumedWaitsForTheStageAndStepFourRemovesTheBridge() {
        TargetGroup bridge = bridge();
        LoadBalancerListener bridging = listener(NEW, 10000, bridge.arn(), TAGS);
        LoadBalancerListener direct = listener(NEW, 10001, OWN.arn(), TAGS);
        List<LoadBalancerListener> listeners = List.of(bridging, direct);

        Plan waiting = optionThreeStep(listeners, List.of(bridge), NEW.dnsName(), 10001, Set.of(), Set.of(10000));
        Plan release = optionThreeStep(listeners, List.of(bridge), NEW.dnsName(), 10001, Set.of(), Set.of(10001));
        Plan after = optionThreeStep(List.of(direct), List.of(), NEW.dnsName(), 10001, Set.of(), Set.of(10001));

        assertEquals(List.of(), waiting.changes());
        assertEquals(List.of(new Change.DeleteListener(bridging.arn(), NEW.arn(), 10000),
                new Change.DeleteTargetGroup(bridge.arn(), BRIDGE_NAME)), release.changes());
        assertEquals(List.of(), after.changes());
        assertEquals(new Drain.Drained(List.of()), Drain.next(OLD.arn(), pool(List.of(OLD, NEW), List.of(direct),
                List.of())));
    }

    @Test
    void aMoveCreatesAGroupAndListenerOnAnOpenNlbAndRepointsTheRouteKeepingTheServedOldListener() {
        TargetGroup first = albGroup(FIRST_GROUP, SERVICE);
        LoadBalancerListener old = listener(OLD, 10000, first.arn(), TAGS);
        PoolLandscape landscape = pool(List.of(OLD, NEW), List.of(old), List.of(first));

        Plan plan = Planner.plan(SERVICE, PAY, landscape, Map.of("api", routeTo(OLD.dnsName(), 10000, "l-a")),
                SETTINGS, new Leaving(OLD.arn(), Set.of(10000)));

        Change.TargetRef moved = new Change.PlannedTargetGroup(MOVED_GROUP);
        String uri = "http://" + NEW.dnsName() + ":10000/";
        assertEquals(List.of(
                new Change.CreateTargetGroup(MOVED_GROUP, "vpc-1", 80, TAGS),
                new Change.RegisterTarget(moved, ALB.arn(), 80),
                new Change.CreateListener(NEW.arn(), 10000, moved, TAGS),
                new Change.PutProxyMethod("api", "/pay", false, Ownership.operationName(SERVICE), uri, "l-b", null,
                        false),
                new Change.PutProxyMethod("api", "/pay/{proxy+}", false, Ownership.operationName(SERVICE),
                        uri + "{proxy}", "l-b", null, true)), plan.changes());
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
        assertEquals(NEW.arn(), plan.nlbArn());
    }

    @Test
    void onceTheStageServesTheNewListenerTheNextStepRemovesTheOldListenerAndItsGroup() {
        TargetGroup first = albGroup(FIRST_GROUP, SERVICE);
        TargetGroup moved = albGroup(MOVED_GROUP, SERVICE);
        LoadBalancerListener old = listener(OLD, 10000, first.arn(), TAGS);
        PoolLandscape landscape = pool(List.of(OLD, NEW), List.of(old, listener(NEW, 10000, moved.arn(), TAGS)),
                List.of(first, moved));
        Map<String, List<RestResource>> api = Map.of("api", routeTo(NEW.dnsName(), 10000, "l-b"));

        Plan release = Planner.plan(SERVICE, PAY, landscape, api, SETTINGS, new Leaving(OLD.arn(), Set.of()));
        Plan ordinary = Planner.plan(SERVICE, PAY, landscape, api, SETTINGS);

        List<Change> removal = List.of(new Change.DeleteListener(old.arn(), OLD.arn(), 10000),
                new Change.DeleteTargetGroup(first.arn(), FIRST_GROUP));
        assertEquals(removal, release.changes());
        assertEquals(Set.of(), release.deployments());
        assertEquals(removal, ordinary.changes(), "an ordinary reconcile half-way keeps the new listener too");
    }

    @Test
    void aMoveWithNowhereToGoIsCapacityExhaustedAndChangesNothing() {
        TargetGroup first = albGroup(FIRST_GROUP, SERVICE);
        PoolLandscape landscape = pool(List.of(OLD, cordoned(NEW)), List.of(listener(OLD, 10000, first.arn(), TAGS)),
                List.of(first));

        Plan plan = Planner.plan(SERVICE, PAY, landscape, Map.of("api", routeTo(OLD.dnsName(), 10000, "l-a")),
                SETTINGS, new Leaving(OLD.arn(), Set.of(10000)));

        assertEquals(RejectReason.CapacityExhausted, plan.reason());
        assertEquals(List.of(), plan.changes());
    }

    @Test
    void theSweepDrainsACordonedNlbTaggedForItWhileAServiceCanStillMove() {
        TargetGroup mine = albGroup(FIRST_GROUP, SERVICE);
        LoadBalancer draining = OLD.withTags(Map.of("apigw:pool", "default", "apigw:cordon", "true",
                "apigw:drain", "TRUE"));
        LoadBalancer drainOnly = NEW.withTags(Map.of("apigw:pool", "default", "apigw:drain", "true"));

        assertEquals(List.of(draining.arn()), Drain.requested(pool(List.of(draining, drainOnly),
                List.of(listener(draining, 10000, mine.arn(), TAGS), listener(drainOnly, 10000, mine.arn(), TAGS)),
                List.of(mine))));
        assertEquals(List.of(draining.arn()), Drain.requested(pool(List.of(draining, NEW),
                List.of(listener(draining, 10000, "arn:tg/orders", TAGS)), List.of())), "option 3 moves too");
        assertEquals(List.of(), Drain.requested(pool(List.of(OLD, NEW),
                List.of(listener(OLD, 10000, mine.arn(), TAGS)), List.of(mine))), "cordoned without apigw:drain");
    }
}
