package com.ecsapi.onboarder.onboarding.operator;

/** A way what exists differs from what the onboarder means to keep; {@code service} is the owner concerned. */
public record Drift(Kind kind, String object, String service, String detail) {

    public enum Kind {
        /** A route's port or load balancer forwards to another service than the route's owner. */
        ForeignTarget,
        /** A stage serves a route whose service is deleted, draining or no longer opted in. */
        ServiceGone,
        /** An onboarder-owned listener, target group or integration that no route points at. */
        Unreferenced,
        /** A route pointing at a load balancer or port that nothing listens on. */
        Dangling
    }
}
