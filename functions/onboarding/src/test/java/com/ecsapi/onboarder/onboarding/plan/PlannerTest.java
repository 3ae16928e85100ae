package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.OTHER;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SETTINGS;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.landscape;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.link;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.listener;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.nlb;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.resource;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {

    private static final LoadBalancer NLB = nlb("a", "vpc-1", "default");
    private static final VpcLink LINK = link("l1", NLB, "AVAILABLE");
    private static final TargetGroup TCP = Fixtures.tcpGroup("orders", "vpc-1");
    private static final String URI = "http://a.elb:10000/";
    private static final Map<String, String> TAGS = Ownership.tags(SERVICE, "api", "prod", "/shop/orders");

    private static Target present(String path) {
        return new Target.Present(new RouteSpec("api", "prod", path), "default",
                new Pattern.SharedNlbToTargetGroup(TCP), "vpc-1");
    }

    private static RestResource owned(String id, String parentId, String path, String uri) {
        return new RestResource(id, parentId, path, Map.of("ANY", new RestMethod("ANY", Ownership.operationName(SERVICE),
                "HTTP_PROXY", uri, "VPC_LINK", "l1", null)));
    }

    @Test
    void aNewServiceGetsListenerThenResourcesParentsFirstThenMethods() {
        Plan plan = Planner.plan(SERVICE, present("/shop/orders"), landscape(List.of(NLB), List.of(), List.of(LINK)),
                Map.of("api", List.of(root())), SETTINGS);

        String operation = Ownership.operationName(SERVICE);
        assertEquals(List.of(
                new Change.CreateListener(NLB.arn(), 10000, new Change.ExistingTargetGroup(TCP.arn()), TAGS),
                new Change.CreateResource("api", "/shop"),
                new Change.CreateResource("api", "/shop/orders"),
                new Change.CreateResource("api", "/shop/orders/{proxy+}"),
                new Change.PutProxyMethod("api", "/shop/orders", true, operation, URI, "l1", null, false),
                new Change.PutProxyMethod("api", "/shop/orders/{proxy+}", true, operation, URI + "{proxy}", "l1", null, true)),
                plan.changes());
        assertEquals(Outcome.Onboarded, plan.outcome());
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
        assertEquals(10000, plan.port());
    }

    @Test
    void anOnboardedServiceIsUnchanged() {
        LoadBalancerListener mine = listener(NLB, 10000, TCP.arn(), TAGS);
        List<RestResource> api = List.of(root(), new RestResource("s", "root", "/shop", Map.of()),
                owned("o", "s", "/shop/orders", URI), owned("p", "o", "/shop/orders/{proxy+}", URI + "{proxy}"));

        Plan plan = Planner.plan(SERVICE, present("/shop/orders"), landscape(List.of(NLB), List.of(mine), List.of(LINK)),
                Map.of("api", api), SETTINGS);

        assertEquals(List.of(), plan.changes());
        assertEquals(Outcome.Unchanged, plan.outcome());
        assertEquals(Set.of(), plan.deployments());
    }

    @Test
    void aServiceOnACordonedNlbStaysThere() {
        LoadBalancer cordoned = Fixtures.cordoned(NLB);
        LoadBalancer open = nlb("b", "vpc-1", "default");
        LoadBalancerListener mine = listener(cordoned, 10000, TCP.arn(), TAGS);
        List<RestResource> api = List.of(root(), new RestResource("s", "root", "/shop", Map.of()),
                owned("o", "s", "/shop/orders", URI), owned("p", "o", "/shop/orders/{proxy+}", URI + "{proxy}"));

        Plan plan = Planner.plan(SERVICE, present("/shop/orders"), landscape(List.of(cordoned, open), List.of(mine),
                List.of(link("l1", cordoned, "AVAILABLE"), link("l2", open, "AVAILABLE"))), Map.of("api", api), SETTINGS);

        assertEquals(List.of(), plan.changes());
        assertEquals(Outcome.Unchanged, plan.outcome());
        assertEquals(cordoned.arn(), plan.nlbArn());
    }

    @Test
    void aLostListenerIsRecreatedOnTheFirstFreePortAndTheIntegrationsFollow() {
        LoadBalancerListener other = listener(NLB, 10000, "arn:tg/other", Ownership.tags(OTHER, "api", "prod", "/x"));
        List<RestResource> api = List.of(root(), new RestResource("s", "root", "/shop", Map.of()),
                owned("o", "s", "/shop/orders", URI), owned("p", "o", "/shop/orders/{proxy+}", URI + "{proxy}"));

        Plan plan = Planner.plan(SERVICE, present("/shop/orders"), landscape(List.of(NLB), List.of(other), List.of(LINK)),
                Map.of("api", api), SETTINGS);

        String moved = "http://a.elb:10001/";
        String operation = Ownership.operationName(SERVICE);
        assertEquals(List.of(
                new Change.CreateListener(NLB.arn(), 10001, new Change.ExistingTargetGroup(TCP.arn()), TAGS),
                new Change.PutProxyMethod("api", "/shop/orders", false, operation, moved, "l1", null, false),
                new Change.PutProxyMethod("api", "/shop/orders/{proxy+}", false, operation, moved + "{proxy}", "l1", null, true)),
                plan.changes());
    }

    @Test
    void removalDeletesChildrenBeforeParentsThenTheListenerAndPrunesEmptyAncestors() {
        LoadBalancerListener mine = listener(NLB, 10000, TCP.arn(), TAGS);
        List<RestResource> api = List.of(root(), new RestResource("s", "root", "/shop", Map.of()),
                owned("o", "s", "/shop/orders", URI), owned("p", "o", "/shop/orders/{proxy+}", URI + "{proxy}"),
                resource("x", "root", "/x", OTHER));

        Plan plan = Planner.plan(SERVICE, new Target.Absent("gone"), landscape(List.of(NLB), List.of(mine), List.of(LINK)),
                Map.of("api", api), SETTINGS);

        assertEquals(List.of(
                new Change.DeleteResource("api", "p", "/shop/orders/{proxy+}"),
                new Change.DeleteResource("api", "o", "/shop/orders"),
                new Change.DeleteResource("api", "s", "/shop"),
                new Change.DeleteListener(mine.arn(), NLB.arn(), 10000)), plan.changes());
        assertEquals(Outcome.Deregistered, plan.outcome());
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
    }

    @Test
    void removalTakesARollBackLeftoverAlongButOnlyItsMethodsWhereSomeoneElseHasSomething() {
        RestMethod withoutIntegration = new RestMethod("ANY", Ownership.operationName(SERVICE), null, null, null,
                null, null);
        RestMethod handMade = new RestMethod("GET", null, "MOCK", null, null, null, null);
        List<RestResource> api = List.of(root(), new RestResource("o", "root", "/orders", Map.of("ANY", withoutIntegration)),
                new RestResource("p", "o", "/orders/{proxy+}", Map.of()),
                new RestResource("k", "root", "/kept", Map.of("ANY", withoutIntegration)),
                new RestResource("ka", "k", "/kept/admin", Map.of()),
                new RestResource("s", "root", "/shared", Map.of("ANY", withoutIntegration, "GET", handMade)));

        Plan plan = Planner.plan(SERVICE, new Target.Absent("gone"), landscape(List.of(NLB), List.of(), List.of(LINK)),
                Map.of("api", api), SETTINGS);

        assertEquals(List.of(new Change.DeleteMethod("api", "k", "/kept", "ANY"),
                new Change.DeleteMethod("api", "s", "/shared", "ANY"),
                new Change.DeleteResource("api", "o", "/orders")), plan.changes(),
                "an empty {proxy+} is no one's; an empty /kept/admin may be someone's work in progress, and the GET"
                        + " on /shared is someone's");
    }

    @Test
    void aServiceThatOwnsNothingAndWantsNothingIsSkipped() {
        Plan plan = Planner.plan(SERVICE, new Target.Absent("no apigw:path tag"),
                landscape(List.of(NLB), List.of(), List.of(LINK)), Map.of("api", List.of(root())), SETTINGS);
        assertEquals(Outcome.Skipped, plan.outcome());
        assertEquals(List.of(), plan.changes());
    }

    @Test
    void pathsOfOthersAreConflicts() {
        PoolLandscape landscape = landscape(List.of(NLB), List.of(), List.of(LINK));
        List<RestResource> api = List.of(root(), resource("o", "root", "/orders", OTHER),
                resource("h", "root", "/hand", null),
                new RestResource("m", "root", "/manual", Map.of("GET", new RestMethod("GET", null, "MOCK", null, null, null, null))),
                new RestResource("i", "root", "/inner", Map.of()), resource("iv", "i", "/inner/v1", OTHER));

        for (String path : List.of("/orders", "/orders/admin", "/manual", "/manual/sub", "/inner")) {
            Plan plan = Planner.plan(SERVICE, present(path), landscape, Map.of("api", api), SETTINGS);
            assertEquals(RejectReason.PathConflict, plan.reason(), path);
            assertEquals(List.of(), plan.changes(), path);
        }
        Plan sibling = Planner.plan(SERVICE, present("/inner/v2"), landscape, Map.of("api", api), SETTINGS);
        assertEquals(Outcome.Onboarded, sibling.outcome(), "a sibling below a shared empty parent is fine");
        Plan adopted = Planner.plan(SERVICE, present("/hand"), landscape, Map.of("api", api), SETTINGS);
        assertEquals(Outcome.Onboarded, adopted.outcome(), "an empty leaf (e.g. left by a failed attempt) is taken over");
    }

    @Test
    void aPathChangeCreatesTheNewRouteBeforeDeletingTheOldOne() {
        LoadBalancerListener mine = listener(NLB, 10000, TCP.arn(), Ownership.tags(SERVICE, "api", "prod", "/old"));
        List<RestResource> api = List.of(root(), owned("o", "root", "/old", URI),
                owned("p", "o", "/old/{proxy+}", URI + "{proxy}"));

        Plan plan = Planner.plan(SERVICE, present("/new"), landscape(List.of(NLB), List.of(mine), List.of(LINK)),
                Map.of("api", api), SETTINGS);

        List<Class<?>> kinds = plan.changes().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(Change.TagListener.class, Change.CreateResource.class, Change.CreateResource.class,
                Change.PutProxyMethod.class, Change.PutProxyMethod.class, Change.DeleteResource.class,
                Change.DeleteResource.class), kinds);
        assertEquals(new Change.DeleteResource("api", "p", "/old/{proxy+}"), plan.changes().get(5));
    }

    @Test
    void option4CreatesTheAlbTargetGroupBeforeTheListenerThatForwardsToIt() {
        LoadBalancer alb = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1", Map.of());
        Target target = new Target.Present(new RouteSpec("api", "prod", "/pay"), "default",
                new Pattern.SharedNlbToAlb(TCP, alb, 80), "vpc-1");

        Plan plan = Planner.plan(SERVICE, target, landscape(List.of(NLB), List.of(), List.of(LINK)),
                Map.of("api", List.of(root())), SETTINGS);

        String name = Ownership.targetGroupName(SERVICE, alb.arn(), 80, "vpc-1");
        assertTrue(name.length() <= 32);
        Map<String, String> tags = Ownership.tags(SERVICE, "api", "prod", "/pay");
        assertEquals(new Change.CreateTargetGroup(name, "vpc-1", 80, tags), plan.changes().get(0));
        assertEquals(new Change.RegisterTarget(new Change.PlannedTargetGroup(name), alb.arn(), 80),
                plan.changes().get(1));
        assertEquals(new Change.CreateListener(NLB.arn(), 10000, new Change.PlannedTargetGroup(name), tags),
                plan.changes().get(2));
    }

    @Test
    void option4RegistersTheAlbAgainInAnAdoptedTargetGroupThatLacksIt() {
        LoadBalancer alb = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1", Map.of());
        Target target = new Target.Present(new RouteSpec("api", "prod", "/pay"), "default",
                new Pattern.SharedNlbToAlb(TCP, alb, 80), "vpc-1");
        String name = Ownership.targetGroupName(SERVICE, alb.arn(), 80, "vpc-1");
        Map<String, String> tags = Ownership.tags(SERVICE, "api", "prod", "/pay");
        TargetGroup empty = new TargetGroup("arn:tg/" + name, name, "TCP", 80, "vpc-1", "alb", List.of(), tags,
                List.of());

        Plan withoutTarget = Planner.plan(SERVICE, target, withTargetGroup(empty), Map.of("api", List.of(root())),
                SETTINGS);
        Plan withTarget = Planner.plan(SERVICE, target,
                withTargetGroup(empty.withTargets(List.of(TargetGroup.target(alb.arn(), 80)))),
                Map.of("api", List.of(root())), SETTINGS);

        Change.TargetRef adopted = new Change.ExistingTargetGroup(empty.arn());
        assertEquals(List.of(new Change.RegisterTarget(adopted, alb.arn(), 80),
                new Change.CreateListener(NLB.arn(), 10000, adopted, tags)), withoutTarget.changes().subList(0, 2));
        assertEquals(new Change.CreateListener(NLB.arn(), 10000, adopted, tags), withTarget.changes().get(0));
    }

    private static PoolLandscape withTargetGroup(TargetGroup group) {
        PoolLandscape base = landscape(List.of(NLB), List.of(), List.of(LINK));
        return new PoolLandscape(base.poolNlbs(), base.listenersByNlb(), base.vpcLinks(), List.of(group), Set.of(),
                Map.of());
    }

    @Test
    void noRoomMeansNoChanges() {
        List<LoadBalancerListener> full = List.of(listener(NLB, 10000, "t", Map.of()), listener(NLB, 10001, "t", Map.of()),
                listener(NLB, 10002, "t", Map.of()));
        Plan plan = Planner.plan(SERVICE, present("/orders"), landscape(List.of(NLB), full, List.of(LINK)),
                Map.of("api", List.of(root())), SETTINGS);
        assertEquals(Outcome.Rejected, plan.outcome());
        assertEquals(RejectReason.CapacityExhausted, plan.reason());
        assertEquals(List.of(), plan.changes());
    }
}
