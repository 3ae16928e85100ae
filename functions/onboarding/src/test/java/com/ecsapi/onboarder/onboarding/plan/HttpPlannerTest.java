package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.OTHER;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpPlannerTest {

    private static final String OWNER = Ownership.operationName(SERVICE);
    private static final LoadBalancer ALB = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1",
            Map.of(), List.of("subnet-1"));
    private static final LoadBalancerListener HTTPS = new LoadBalancerListener("arn:listener/alb/443", ALB.arn(), 443, "HTTPS",
            List.of("arn:tg/orders"), Map.of());
    private static final VpcLinkV2 LINK = new VpcLinkV2("v2", "v2", "AVAILABLE", List.of("subnet-1"));
    private static final Pattern VIA_ALB = new Pattern.HttpApiToLoadBalancer(ALB, HTTPS, LINK, "orders.example.com");

    private static Target present(Pattern pattern) {
        return new Target.Present(new RouteSpec("http", "$default", "/orders"), "default", pattern, "vpc-1");
    }

    private static Map<String, HttpApi> api(List<HttpRoute> routes, List<HttpIntegration> integrations) {
        return Map.of("http", new HttpApi("http", routes, integrations));
    }

    @Test
    void aNewServiceGetsItsIntegrationThenBothRoutes() {
        Plan plan = HttpPlanner.plan(SERVICE, present(VIA_ALB), api(List.of(), List.of()), "prod");
        assertEquals(List.of(
                new Change.PutHttpIntegration("http", null, HTTPS.arn(), "v2", "orders.example.com", OWNER),
                new Change.CreateHttpRoute("http", "ANY /orders", OWNER, OWNER),
                new Change.CreateHttpRoute("http", "ANY /orders/{proxy+}", OWNER, OWNER)), plan.changes());
        assertEquals(Outcome.Onboarded, plan.outcome());
        assertEquals(Set.of(new ApiStage("http", "$default")), plan.deployments());
        assertEquals(443, plan.port());
    }

    @Test
    void anOnboardedServiceIsUnchanged() {
        HttpIntegration integration = new HttpIntegration("i1", "HTTP_PROXY", HTTPS.arn(), "VPC_LINK", "v2",
                "orders.example.com", OWNER);
        Plan plan = HttpPlanner.plan(SERVICE, present(VIA_ALB), api(List.of(
                new HttpRoute("r1", "ANY /orders", "integrations/i1", OWNER),
                new HttpRoute("r2", "ANY /orders/{proxy+}", "integrations/i1", OWNER)), List.of(integration)), "prod");
        assertEquals(List.of(), plan.changes());
        assertEquals(Outcome.Unchanged, plan.outcome());
    }

    @Test
    void aCloudMapServiceIntegratesTheRegistryAndAChangedTargetIsRewrittenInPlace() {
        String registry = "arn:aws:servicediscovery:us-east-1:1:service/srv-1";
        HttpIntegration old = new HttpIntegration("i1", "HTTP_PROXY", HTTPS.arn(), "VPC_LINK", "v2",
                "orders.example.com", OWNER);
        Plan plan = HttpPlanner.plan(SERVICE, present(new Pattern.HttpApiToCloudMap(registry, LINK)), api(List.of(
                new HttpRoute("r1", "ANY /orders", "integrations/i1", OWNER),
                new HttpRoute("r2", "ANY /orders/{proxy+}", "integrations/i1", OWNER)), List.of(old)), "prod");
        assertEquals(List.of(new Change.PutHttpIntegration("http", "i1", registry, "v2", null, OWNER)), plan.changes());
    }

    @Test
    void aMovedPathGetsNewRoutesBeforeTheOldOnesGo() {
        HttpIntegration integration = new HttpIntegration("i1", "HTTP_PROXY", HTTPS.arn(), "VPC_LINK", "v2",
                "orders.example.com", OWNER);
        Plan plan = HttpPlanner.plan(SERVICE, present(VIA_ALB), api(List.of(
                new HttpRoute("r1", "ANY /old", "integrations/i1", OWNER),
                new HttpRoute("r2", "ANY /old/{proxy+}", "integrations/i1", OWNER)), List.of(integration)), "prod");
        assertEquals(List.of(
                new Change.CreateHttpRoute("http", "ANY /orders", OWNER, OWNER),
                new Change.CreateHttpRoute("http", "ANY /orders/{proxy+}", OWNER, OWNER),
                new Change.DeleteHttpRoute("http", "r1", "ANY /old"),
                new Change.DeleteHttpRoute("http", "r2", "ANY /old/{proxy+}")), plan.changes());
    }

    @Test
    void routesOfOthersOnBelowOrGreedilyAboveThePathAreAConflict() {
        for (HttpRoute foreign : List.of(
                new HttpRoute("x", "GET /orders", "integrations/z", null),
                new HttpRoute("x", "ANY /orders/{proxy+}", "integrations/z", Ownership.operationName(OTHER)),
                new HttpRoute("x", "POST /orders/items", "integrations/z", null))) {
            Plan plan = HttpPlanner.plan(SERVICE, present(VIA_ALB), api(List.of(foreign), List.of()), "prod");
            assertEquals(RejectReason.PathConflict, plan.reason(), foreign.routeKey());
            assertEquals(List.of(), plan.changes());
        }
        Target nested = new Target.Present(new RouteSpec("http", "$default", "/shop/orders"), "default", VIA_ALB, "vpc-1");
        assertEquals(RejectReason.PathConflict, HttpPlanner.plan(SERVICE, nested,
                api(List.of(new HttpRoute("x", "ANY /shop/{proxy+}", "integrations/z", null)), List.of()), "prod").reason());
        for (String unrelated : List.of("ANY /{proxy+}", "$default", "ANY /ordersx", "GET /")) {
            assertEquals(Outcome.Onboarded, HttpPlanner.plan(SERVICE, present(VIA_ALB),
                    api(List.of(new HttpRoute("x", unrelated, "integrations/z", null)), List.of()), "prod").outcome(),
                    unrelated);
        }
    }

    @Test
    void anAbsentServiceLosesRoutesThenIntegrationsAndNothingElse() {
        HttpIntegration mine = new HttpIntegration("i1", "HTTP_PROXY", HTTPS.arn(), "VPC_LINK", "v2", null, OWNER);
        HttpIntegration theirs = new HttpIntegration("i2", "HTTP_PROXY", "arn:x", "VPC_LINK", "v2", null, null);
        Plan plan = HttpPlanner.plan(SERVICE, new Target.Absent("service not found"), api(List.of(
                new HttpRoute("r1", "ANY /orders", "integrations/i1", OWNER),
                new HttpRoute("r2", "ANY /orders/{proxy+}", "integrations/i1", OWNER),
                new HttpRoute("r3", "GET /other", "integrations/i2", null)), List.of(mine, theirs)), "prod");
        assertEquals(List.of(
                new Change.DeleteHttpRoute("http", "r1", "ANY /orders"),
                new Change.DeleteHttpRoute("http", "r2", "ANY /orders/{proxy+}"),
                new Change.DeleteHttpIntegration("http", "i1")), plan.changes());
        assertEquals(Outcome.Deregistered, plan.outcome());
        assertEquals("/orders", plan.path());
    }

    @Test
    void combiningLetsTheTargetsSideDecideAndTheOtherSideOnlyClearUp() {
        Plan http = HttpPlanner.plan(SERVICE, present(VIA_ALB), api(List.of(), List.of()), "prod");
        Change restDelete = new Change.DeleteResource("rest", "r", "/orders");
        Plan rest = new Plan(Outcome.Deregistered, new Plan.Grounds.Removed("moved"), List.of(restDelete),
                Set.of(new ApiStage("rest", "prod")), null, "/orders");
        Plan combined = Planner.combine(present(VIA_ALB), rest, http);
        assertEquals(Outcome.Onboarded, combined.outcome());
        assertEquals(restDelete, combined.changes().get(combined.changes().size() - 1));
        assertEquals(Set.of(new ApiStage("http", "$default"), new ApiStage("rest", "prod")), combined.deployments());
        assertEquals(Outcome.Rejected, Planner.combine(present(VIA_ALB), rest,
                Plan.rejected(RejectReason.PathConflict, "x", "/orders")).outcome());
        assertEquals(List.of(), Planner.combine(present(VIA_ALB), rest,
                Plan.rejected(RejectReason.PathConflict, "x", "/orders")).changes(), "a refusal changes nothing anywhere");
    }
}
