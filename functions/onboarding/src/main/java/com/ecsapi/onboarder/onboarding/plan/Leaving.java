package com.ecsapi.onboarder.onboarding.plan;

import java.util.Set;

/**
 * A drain step's instruction to the planner: move the service's listener off the cordoned NLB {@code nlbArn};
 * {@code servedPorts}: the ports on that NLB the service's deployed stages still route to. The old listener (and
 * its target group) stays until no stage serves it any more, so the route is never down: the next step removes it.
 */
public record Leaving(String nlbArn, Set<Integer> servedPorts) {

    /** An ordinary reconcile: no NLB to leave. */
    public static final Leaving NONE = new Leaving("", Set.of());

    public Leaving {
        servedPorts = Set.copyOf(servedPorts);
    }
}
