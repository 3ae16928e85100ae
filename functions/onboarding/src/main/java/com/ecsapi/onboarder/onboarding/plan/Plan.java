package com.ecsapi.onboarder.onboarding.plan;

import java.util.List;
import java.util.Set;

/**
 * The decision for one service and the ordered changes that carry it out. {@code nlbArn}, {@code vpcLinkId},
 * {@code port} and {@code path} describe the route after the plan (null/0 when there is none).
 */
public record Plan(Outcome outcome, RejectReason reason, String detail, List<Change> changes,
                   Set<ApiStage> deployments, String nlbArn, String vpcLinkId, int port, String path) {

    public Plan {
        changes = List.copyOf(changes);
        deployments = Set.copyOf(deployments);
    }

    static Plan rejected(RejectReason reason, String detail, String path) {
        return new Plan(Outcome.Rejected, reason, detail, List.of(), Set.of(), null, null, 0, path);
    }
}
