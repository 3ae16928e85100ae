package com.ecsapi.onboarder.onboarding.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A drain step's instruction to the planner: move the service's listener off the cordoned NLB {@code nlbArn};
 * {@code servedPorts}: the ports on that NLB the service's deployed stages still route to. The old listener (and
 * its target group) stays until no stage serves it any more, so the route is never down: the next step removes it.
 * For an option-3 service, {@code servedByNlb}: the ports the service's deployed stages route to on every pool NLB
 * (a bridge listener stays while they serve it), and {@code servingTargets}: the healthy and initial targets of the
 * service's own target group ({@code id:port}), which a new bridge copies.
 */
public record Leaving(String nlbArn, Set<Integer> servedPorts, Map<String, Set<Integer>> servedByNlb,
                      List<String> servingTargets) {

    /** An ordinary reconcile: no NLB to leave. */
    public static final Leaving NONE = new Leaving("", Set.of());

    public Leaving {
        servedPorts = Set.copyOf(servedPorts);
        servedByNlb = Map.copyOf(servedByNlb);
        servingTargets = List.copyOf(servingTargets);
    }

    public Leaving(String nlbArn, Set<Integer> servedPorts) {
        this(nlbArn, servedPorts, Map.of(), List.of());
    }

    boolean serves(String nlbArn, int port) {
        return servedByNlb.getOrDefault(nlbArn, Set.of()).contains(port);
    }
}
