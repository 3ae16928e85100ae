package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.PlannedReconcile;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.Change;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Pattern;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExplanationTest {

    static final String ORDERS = InventoryTest.ORDERS;
    static final EcsService SERVICE = InventoryTest.service(ORDERS, "ACTIVE", InventoryTest.ORDERS_TG, "/orders");
    static final Pattern OPTION_3 = new Pattern.SharedNlbToTargetGroup(new TargetGroup(InventoryTest.ORDERS_TG,
            "orders-tg", "TCP", 8080, "vpc-1", "ip", List.of(), Map.of(), List.of()));
    static final Route LIVE = new Route("api1", "REST", "/orders", List.of("prod"), true, "option-3-shared-nlb",
            "link1", "pool-a", 10000, "tg orders-tg", ORDERS, "ACTIVE", List.of());

    @Test
    void aRefusalSaysItsReasonAndThatNothingChanges() {
        Plan plan = new Plan(Outcome.Rejected, new Plan.Grounds.Refused(RejectReason.PathConflict,
                "/orders has a method of someone else"), List.of(), Set.of(), null, "/orders");

        Explanation explanation = explain(plan, Set.of(), new Inventory(List.of(), List.of()), Optional.empty());

        assertEquals("refused (PathConflict): /orders has a method of someone else; nothing changes until the tags"
                + " or the landscape do", explanation.verdict());
        assertEquals(Map.of("route", "none"), explanation.should());
        assertEquals("PathConflict", explanation.nextReason());
    }

    @Test
    void aRouteInPlaceThatItsStageServesIsLive() {
        Explanation explanation = explain(placed(List.of()), Set.of(), new Inventory(List.of(LIVE), List.of()),
                Optional.empty());

        assertEquals("live: api1/prod serves ANY /orders (option-3-shared-nlb)", explanation.verdict());
        assertEquals(10000, explanation.should().get("port"));
    }

    @Test
    void aRouteItsStageDoesNotServeYetIsNotLive() {
        Route held = new Route("api1", "REST", "/orders", List.of(), true, "option-3-shared-nlb", "link1", "pool-a",
                10000, "tg orders-tg", ORDERS, "ACTIVE", List.of());

        Explanation explanation = explain(placed(List.of()), Set.of(new ApiStage("api1", "prod")),
                new Inventory(List.of(held), List.of()), Optional.empty());

        assertEquals("in API api1 but stage prod does not serve it yet; the next reconcile deploys prod",
                explanation.verdict());
        assertEquals(List.of("api1/prod"), explanation.nextDeployments());
    }

    @Test
    void pendingChangesAndALastFailureAndDriftAreTold() {
        Change create = new Change.CreateResource("api1", "/orders");
        LoggedDecision failed = new LoggedDecision("2026-11-30T07:00:00Z", "Reconcile failed; the message is retried",
                "reconcile", "Failed", "ThrottlingException", "Rate exceeded", null, null, "CreateService", false);
        Drift drift = new Drift(Drift.Kind.Unreferenced, "arn:listener", ORDERS, "listener pool-a:10001 of orders");

        Explanation explanation = explain(placed(List.of(create)), Set.of(new ApiStage("api1", "prod")),
                new Inventory(List.of(), List.of(drift)), Optional.of(failed));

        assertEquals("not live yet: the next reconcile makes 1 change(s); the last attempt failed"
                + " (ThrottlingException): Rate exceeded; drift: 1 finding(s)", explanation.verdict());
        assertEquals(List.of("apigateway:CreateResource restApiId=api1 path=/orders"), explanation.nextChanges());
        assertEquals(failed, explanation.lastDecision());
    }

    @Test
    void aServiceEcsDoesNotKnowIsSaidSo() {
        Plan plan = new Plan(Outcome.Skipped, new Plan.Grounds.Removed("service not found"), List.of(), Set.of(), null,
                null);

        Explanation explanation = Explanation.of(ORDERS, null, "api1", "prod", new PlannedReconcile.Next("deregister",
                plan, Set.of(), null, "service not found"), new Inventory(List.of(), List.of()), Optional.empty(), "none");

        assertEquals("ECS does not know the service; no route: service not found", explanation.verdict());
        assertEquals("not found", explanation.status());
    }

    private static Plan placed(List<Change> changes) {
        return new Plan(changes.isEmpty() ? Outcome.Unchanged : Outcome.Onboarded, new Plan.Grounds.Placed(OPTION_3),
                changes, Set.of(), new Plan.Endpoint("arn:nlb", "link1", 10000), "/orders");
    }

    private static Explanation explain(Plan plan, Set<ApiStage> deployments, Inventory inventory,
                                       Optional<LoggedDecision> last) {
        return Explanation.of(ORDERS, SERVICE, "api1", "prod", new PlannedReconcile.Next("onboard", plan, deployments,
                OPTION_3.label(), OPTION_3.why()), inventory, last, "file onboarding.log");
    }
}
