package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.PlannedReconcile;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.plan.ChangeText;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why a service's route is live or not, in one record: the tags as read, the decision the function's reconciler
 * makes now (pattern and why, or the refusal), what should exist against what does, the changes the next
 * reconcile would make, and the last decision the function logged. {@code verdict} answers the question in one
 * sentence ({@code lastDecision} is null when none was found). Pure: built from what the reader gathered and the
 * planned reconcile.
 */
public record Explanation(String service, String status, Map<String, String> tags, String verdict, String pattern,
                          String why, Map<String, Object> should, Inventory exists, String nextOutcome,
                          String nextReason, List<String> nextChanges, List<String> nextDeployments,
                          LoggedDecision lastDecision, String decisionSource) {

    public Explanation {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        should = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(should));
        nextChanges = List.copyOf(nextChanges);
        nextDeployments = List.copyOf(nextDeployments);
    }

    /**
     * @param service  the service as ECS describes it, null when it does not know it
     * @param apiId    the API the service asks for (its tag, else the default), null when none
     * @param stage    the stage it asks for
     * @param exists   the inventory of this service's routes and drift
     * @param decisionSource where the last decision was looked for (a log group and time window, a file, or why
     *                       nowhere)
     */
    public static Explanation of(String serviceArn, EcsService service, String apiId, String stage,
                                 PlannedReconcile.Next next, Inventory exists, Optional<LoggedDecision> lastDecision,
                                 String decisionSource) {
        Plan plan = next.plan();
        Map<String, Object> should = new LinkedHashMap<>();
        if ("onboard".equals(next.action()) && plan.outcome() != Outcome.Rejected) {
            should.put("api", apiId);
            should.put("stage", stage);
            should.put("path", plan.path());
            should.put("pattern", next.pattern());
            should.put("vpcLink", plan.vpcLinkId());
            should.put("loadBalancer", plan.nlbArn());
            should.put("port", plan.port() == 0 ? null : plan.port());
        } else {
            should.put("route", "none");
        }
        return new Explanation(serviceArn, service == null ? "not found" : service.status(),
                service == null ? Map.of() : service.tags(),
                verdict(service, apiId, stage, next, exists, lastDecision), next.pattern(), next.why(), should, exists,
                plan.outcome().name(), plan.reason() == null ? null : plan.reason().name(),
                plan.changes().stream().map(ChangeText::of).toList(),
                next.deployments().stream().map(deployment -> deployment.apiId() + "/" + deployment.stage()).sorted()
                        .toList(),
                lastDecision.orElse(null), decisionSource);
    }

    private static String verdict(EcsService service, String apiId, String stage, PlannedReconcile.Next next,
                                  Inventory exists, Optional<LoggedDecision> lastDecision) {
        Plan plan = next.plan();
        int changes = plan.changes().size();
        String verdict = switch (plan.outcome()) {
            case Rejected -> "refused (" + plan.reason() + "): " + plan.detail()
                    + "; nothing changes until the tags or the landscape do";
            case Pending -> "waiting: " + plan.detail() + "; a later reconcile (retry or sweep) finishes";
            case Skipped -> "no route: " + plan.detail();
            case Deregistered -> "being removed (" + plan.detail() + "): the next reconcile makes " + changes
                    + " change(s)";
            case Onboarded -> "not live yet: the next reconcile makes " + changes + " change(s)"
                    + lastFailure(lastDecision);
            case Unchanged -> live(apiId, stage, plan.path(), next, exists);
        };
        if (service == null) {
            verdict = "ECS does not know the service; " + verdict;
        }
        return exists.drifts().isEmpty() ? verdict : verdict + "; drift: " + exists.drifts().size() + " finding(s)";
    }

    private static String live(String apiId, String stage, String path, PlannedReconcile.Next next, Inventory exists) {
        Optional<Route> route = exists.routes().stream()
                .filter(candidate -> candidate.apiId().equals(apiId) && candidate.path().equals(path) && candidate.inApi())
                .findFirst();
        if (route.isEmpty()) {
            return "the plan sees the route in place but the inventory finds none on " + apiId + " " + path;
        }
        if (route.get().stages().contains(stage)) {
            return "live: " + apiId + "/" + stage + " serves ANY " + path + " (" + next.pattern() + ")";
        }
        return "in API " + apiId + " but stage " + stage + " does not serve it yet" + (next.deployments().isEmpty()
                ? "" : "; the next reconcile deploys " + stage);
    }

    private static String lastFailure(Optional<LoggedDecision> lastDecision) {
        return lastDecision.filter(decision -> "Failed".equals(decision.outcome()))
                .map(decision -> "; the last attempt failed (" + decision.reason() + "): " + decision.detail())
                .orElse("");
    }
}
