package com.ecsapi.onboarder.onboarding.plan;

/** The desired state of one service, from its tags and what stands behind it. */
public sealed interface Target {

    /** The service should have no route (deleted, or not opted in): remove whatever it owns. */
    record Absent(String why) implements Target {
    }

    /** The service should be reachable on {@code route} through a listener in {@code pool}. */
    record Present(RouteSpec route, String pool, Pattern pattern, String vpcId) implements Target {
    }

    /** The service asks for something that cannot be given; nothing is changed. */
    record Refused(RejectReason reason, String detail, String path) implements Target {
    }
}
