package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SETTINGS;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.landscape;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.link;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.listener;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.nlb;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plans of the patterns that allocate no NLB listener: option 2 (dedicated NLB) and REST via VPC link V2. */
class PatternPlansTest {

    private static final LoadBalancer POOL_NLB = nlb("a", "vpc-1", "default");
    private static final VpcLink POOL_LINK = link("l1", POOL_NLB, "AVAILABLE");
    private static final LoadBalancer OWN_NLB = nlb("own", "vpc-1", null);
    private static final VpcLink OWN_LINK = link("own-link", OWN_NLB, "AVAILABLE");
    private static final LoadBalancer ALB = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1",
            Map.of(), List.of("subnet-1"));
    private static final VpcLinkV2 V2 = new VpcLinkV2("v2", "v2", "AVAILABLE", List.of("subnet-1"));
    private static final String OPERATION = Ownership.operationName(SERVICE);

    private static Target present(Pattern pattern) {
        return new Target.Present(new RouteSpec("api", "prod", "/orders"), "default", pattern, "vpc-1");
    }

    private static Map<String, List<RestResource>> api(RestResource... resources) {
        List<RestResource> all = new java.util.ArrayList<>(List.of(root()));
        all.addAll(List.of(resources));
        return Map.of("api", all);
    }

    @Test
    void option2CreatesApiObjectsOnlyWithTheDedicatedNlbsListenerPortAndVpcLink() {
        Pattern pattern = new Pattern.DedicatedNlb(OWN_NLB, 7000, OWN_LINK);
        Plan plan = Planner.plan(SERVICE, present(pattern), landscape(List.of(POOL_NLB), List.of(), List.of(POOL_LINK,
                OWN_LINK)), api(), SETTINGS);

        String uri = "http://own.elb:7000/";
        assertEquals(List.of(
                new Change.CreateResource("api", "/orders"),
                new Change.CreateResource("api", "/orders/{proxy+}"),
                new Change.PutProxyMethod("api", "/orders", true, OPERATION, uri, "own-link", null, false),
                new Change.PutProxyMethod("api", "/orders/{proxy+}", true, OPERATION, uri + "{proxy}", "own-link", null,
                        true)), plan.changes());
        assertEquals(Outcome.Onboarded, plan.outcome());
        assertEquals("option-2-dedicated-nlb", plan.detail());
        assertEquals(Set.of(new ApiStage("api", "prod")), plan.deployments());
        assertEquals(7000, plan.port());
    }

    @Test
    void option2IsUnchangedOnceItsObjectsStand() {
        Pattern pattern = new Pattern.DedicatedNlb(OWN_NLB, 7000, OWN_LINK);
        String uri = "http://own.elb:7000/";
        Map<String, List<RestResource>> done = api(
                method("o", "root", "/orders", uri, "own-link", null),
                method("p", "o", "/orders/{proxy+}", uri + "{proxy}", "own-link", null));
        Plan plan = Planner.plan(SERVICE, present(pattern), landscape(List.of(), List.of(), List.of(OWN_LINK)), done, SETTINGS);
        assertEquals(List.of(), plan.changes());
        assertEquals(Outcome.Unchanged, plan.outcome());
    }

    @Test
    void aServiceMovingFromThePoolToItsOwnNlbLosesItsPoolListenerAfterTheRouteMoved() {
        LoadBalancerListener owned = listener(POOL_NLB, 10000, "arn:tg/orders", Ownership.tags(SERVICE, "api", "prod", "/orders"));
        String old = "http://a.elb:10000/";
        Map<String, List<RestResource>> before = api(
                method("o", "root", "/orders", old, "l1", null),
                method("p", "o", "/orders/{proxy+}", old + "{proxy}", "l1", null));
        Plan plan = Planner.plan(SERVICE, present(new Pattern.DedicatedNlb(OWN_NLB, 7000, OWN_LINK)),
                landscape(List.of(POOL_NLB), List.of(owned), List.of(POOL_LINK, OWN_LINK)), before, SETTINGS);
        String uri = "http://own.elb:7000/";
        assertEquals(List.of(
                new Change.PutProxyMethod("api", "/orders", false, OPERATION, uri, "own-link", null, false),
                new Change.PutProxyMethod("api", "/orders/{proxy+}", false, OPERATION, uri + "{proxy}", "own-link", null,
                        true),
                new Change.DeleteListener(owned.arn(), POOL_NLB.arn(), 10000)), plan.changes());
    }

    @Test
    void option2WithoutVpcLinkCreatesOneTaggedForTheNlbAndWaits() {
        Plan plan = Planner.plan(SERVICE, present(new Pattern.DedicatedNlbAwaitingVpcLink(OWN_NLB, 7000, null)),
                landscape(List.of(), List.of(), List.of(POOL_LINK)), api(), SETTINGS);
        assertEquals(List.of(new Change.CreateVpcLink("ecs-api-onboarder-own", OWN_NLB.arn(),
                Map.of("ecs-api-onboarder:nlb", OWN_NLB.arn(), "ecs-api-onboarder:requested-by", SERVICE))), plan.changes());
        assertEquals(Outcome.Pending, plan.outcome());
        assertEquals(Set.of(), plan.deployments());
    }

    @Test
    void option2WaitsForAPendingVpcLinkWithoutChangingAnything() {
        VpcLink pending = link("p", OWN_NLB, "PENDING");
        Plan plan = Planner.plan(SERVICE, present(new Pattern.DedicatedNlbAwaitingVpcLink(OWN_NLB, 7000, pending)),
                landscape(List.of(), List.of(), List.of(pending)), api(), SETTINGS);
        assertEquals(List.of(), plan.changes());
        assertEquals(Outcome.Pending, plan.outcome());
        assertEquals("p", plan.vpcLinkId());
    }

    @Test
    void option2CreatesNoVpcLinkPastTheQuota() {
        Planner.Settings twoLinks = new Planner.Settings(SETTINGS.ports(), 50, "prod", 1);
        Plan plan = Planner.plan(SERVICE, present(new Pattern.DedicatedNlbAwaitingVpcLink(OWN_NLB, 7000, null)),
                landscape(List.of(), List.of(), List.of(POOL_LINK)), api(), twoLinks);
        assertEquals(Outcome.Rejected, plan.outcome());
        assertEquals(RejectReason.VpcLinkQuotaExhausted, plan.reason());
        assertEquals(List.of(), plan.changes());
    }

    @Test
    void restViaVpcLinkV2TargetsTheLoadBalancerWithoutAListener() {
        LoadBalancerListener albListener = new LoadBalancerListener("l", ALB.arn(), 80, "HTTP", List.of("arn:tg/orders"), Map.of());
        Plan plan = Planner.plan(SERVICE, present(new Pattern.RestApiVpcLinkV2(ALB, albListener, V2, null)),
                landscape(List.of(), List.of(), List.of()), api(), SETTINGS);
        String uri = "http://alb.elb:80/";
        assertEquals(List.of(
                new Change.CreateResource("api", "/orders"),
                new Change.CreateResource("api", "/orders/{proxy+}"),
                new Change.PutProxyMethod("api", "/orders", true, OPERATION, uri, "v2", ALB.arn(), false),
                new Change.PutProxyMethod("api", "/orders/{proxy+}", true, OPERATION, uri + "{proxy}", "v2", ALB.arn(),
                        true)), plan.changes());
        assertEquals("rest-api-vpc-link-v2", plan.detail());
    }

    @Test
    void restViaVpcLinkV2ToAnHttpsListenerSendsTheServerName() {
        LoadBalancerListener https = new LoadBalancerListener("l", ALB.arn(), 443, "HTTPS", List.of("arn:tg/orders"), Map.of());
        Plan plan = Planner.plan(SERVICE, present(new Pattern.RestApiVpcLinkV2(ALB, https, V2, "orders.example.com")),
                landscape(List.of(), List.of(), List.of()), api(), SETTINGS);
        assertEquals("https://orders.example.com:443/",
                ((Change.PutProxyMethod) plan.changes().get(2)).uri());
    }

    private static RestResource method(String id, String parentId, String path, String uri, String link, String target) {
        return new RestResource(id, parentId, path, Map.of("ANY",
                new RestMethod("ANY", OPERATION, "HTTP_PROXY", uri, "VPC_LINK", link, target)));
    }
}
