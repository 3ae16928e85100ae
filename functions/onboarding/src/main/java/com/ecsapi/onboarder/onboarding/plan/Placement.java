package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a new listener goes. Candidates are the pool's NLBs in the service's VPC that an AVAILABLE VPC link
 * targets, in name order; the first one that is not cordoned ({@code apigw:cordon=true}) and is below the
 * listener quota gets the lowest free port of the range: no listener on it, and no route of a known API or deployed
 * stage pointing at it. Same landscape, same answer. A cordoned NLB stays a candidate for what a service already
 * has on it ({@link #candidates}): cordoning closes it to new services only.
 */
public final class Placement {

    public record Candidate(LoadBalancer nlb, VpcLink vpcLink) {
    }

    public sealed interface Result {
    }

    public record Placed(LoadBalancer nlb, VpcLink vpcLink, int port) implements Result {
    }

    public record NoRoom(RejectReason reason, String detail) implements Result {
    }

    private Placement() {
    }

    public static List<Candidate> candidates(PoolLandscape landscape, String pool, String vpcId) {
        return landscape.poolNlbs().stream()
                .filter(LoadBalancer::network)
                .filter(nlb -> pool.equals(nlb.tags().get(PoolTag.KEY)))
                .filter(nlb -> nlb.vpcId().equals(vpcId))
                .sorted(Comparator.comparing(LoadBalancer::name).thenComparing(LoadBalancer::arn))
                .flatMap(nlb -> vpcLink(landscape, nlb).map(link -> new Candidate(nlb, link)).stream())
                .toList();
    }

    public static Result place(PoolLandscape landscape, String pool, String vpcId, PortRange range, int listenerLimit) {
        List<Candidate> candidates = candidates(landscape, pool, vpcId);
        if (candidates.isEmpty()) {
            return new NoRoom(RejectReason.NoPoolNlb, "no NLB of pool '" + pool + "' in " + vpcId
                    + " is targeted by an AVAILABLE VPC link");
        }
        long cordoned = candidates.stream().filter(candidate -> PoolTag.cordoned(candidate.nlb().tags())).count();
        for (Candidate candidate : candidates) {
            if (PoolTag.cordoned(candidate.nlb().tags())) {
                continue;
            }
            List<LoadBalancerListener> listeners = landscape.listeners(candidate.nlb().arn());
            if (listeners.size() >= listenerLimit || landscape.fullNlbs().contains(candidate.nlb().arn())) {
                continue;
            }
            Set<Integer> taken = listeners.stream().map(LoadBalancerListener::port).collect(Collectors.toCollection(HashSet::new));
            taken.addAll(landscape.routedPorts().getOrDefault(candidate.nlb().dnsName(), Set.of()));
            for (int port = range.min(); port <= range.max(); port++) {
                if (!taken.contains(port)) {
                    return new Placed(candidate.nlb(), candidate.vpcLink(), port);
                }
            }
        }
        String where = "pool '" + pool + "' in " + vpcId;
        if (cordoned == candidates.size()) {
            return new NoRoom(RejectReason.CapacityExhausted, where + " takes no new service: all " + cordoned
                    + " NLB(s) cordoned (" + PoolTag.CORDON_KEY + "=true)");
        }
        String closed = cordoned > 0 ? cordoned + " NLB(s) cordoned (" + PoolTag.CORDON_KEY + "=true), " : "";
        return new NoRoom(RejectReason.CapacityExhausted, where + " is full: " + closed
                + (candidates.size() - cordoned) + " NLB(s) each at " + listenerLimit
                + " listeners or without a free port in " + range.min() + ".." + range.max());
    }

    /** The AVAILABLE VPC link targeting this NLB, lowest id first. */
    static Optional<VpcLink> vpcLink(PoolLandscape landscape, LoadBalancer nlb) {
        return landscape.vpcLinks().stream()
                .filter(VpcLink::available)
                .filter(link -> link.targetArns().contains(nlb.arn()))
                .min(Comparator.comparing(VpcLink::id));
    }
}
