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
    void aListenerToTheServicesOwnTargetGroupStaysAndIsReported() {
        PoolLandscape landscape = pool(List.of(OLD, NEW), List.of(listener(OLD, 10000, "arn:tg/orders", TAGS)),
                List.of());

        Drain.Drained drained = assertInstanceOf(Drain.Drained.class, Drain.next(OLD.arn(), landscape));

        assertEquals(List.of("port 10000 of " + SERVICE + " forwards to the service's own target group, which AWS"
                + " puts behind one load balancer only: it cannot move without a gap"), drained.staying());
        assertEquals(new Drain.Drained(List.of()), Drain.next(OLD.arn(), pool(List.of(OLD, NEW), List.of(), List.of())));
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
        assertEquals(List.of(), Drain.requested(pool(List.of(draining, NEW),
                List.of(listener(draining, 10000, "arn:tg/orders", TAGS)), List.of())), "option 3 only: nothing moves");
        assertEquals(List.of(), Drain.requested(pool(List.of(OLD, NEW),
                List.of(listener(OLD, 10000, mine.arn(), TAGS)), List.of(mine))), "cordoned without apigw:drain");
    }
}
