package com.ecsapi.onboarder.onboarding.plan;

import java.util.List;
import java.util.Set;

/**
 * The decision for one service and the ordered changes that carry it out. {@code grounds} says why the plan is
 * what it is; {@code endpoint} is what the route goes through after the plan and {@code path} its path (null
 * when there is none).
 */
public record Plan(Outcome outcome, Grounds grounds, List<Change> changes, Set<ApiStage> deployments,
                   Endpoint endpoint, String path) {

    public Plan {
        changes = List.copyOf(changes);
        deployments = Set.copyOf(deployments);
    }

    /** Why a plan is what it is, one kind per kind of outcome. */
    public sealed interface Grounds {

        /** Rejected: nothing is changed. */
        record Refused(RejectReason reason, String detail) implements Grounds {
        }

        /** Onboarded or Unchanged: the route stands as {@code pattern} places it. */
        record Placed(Pattern pattern) implements Grounds {
        }

        /** Pending: the dedicated NLB has no AVAILABLE VPC link yet. */
        record Waiting(Pattern.DedicatedNlbAwaitingVpcLink pattern) implements Grounds {
        }

        /** Deregistered or Skipped: why the service has no route here (null when the other API side decides). */
        record Removed(String why) implements Grounds {
        }
    }

    /**
     * The load balancer (null for Cloud Map) and the VPC link (null while one is being created) the route goes
     * through, and the listener port (0 for Cloud Map).
     */
    public record Endpoint(String loadBalancerArn, String vpcLinkId, int port) {
    }

    static Plan rejected(RejectReason reason, String detail, String path) {
        return new Plan(Outcome.Rejected, new Grounds.Refused(reason, detail), List.of(), Set.of(), null, path);
    }

    /** The reason of a refusal, else null. */
    public RejectReason reason() {
        return grounds instanceof Grounds.Refused refused ? refused.reason() : null;
    }

    /** The grounds in one line, as the decision log prints them. */
    public String detail() {
        return switch (grounds) {
            case Grounds.Refused refused -> refused.detail();
            case Grounds.Placed placed -> placed.pattern().label();
            case Grounds.Waiting waiting -> waiting.pattern().why();
            case Grounds.Removed removed -> removed.why();
        };
    }

    public String nlbArn() {
        return endpoint == null ? null : endpoint.loadBalancerArn();
    }

    public String vpcLinkId() {
        return endpoint == null ? null : endpoint.vpcLinkId();
    }

    public int port() {
        return endpoint == null ? 0 : endpoint.port();
    }
}
