package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The next step of draining a cordoned pool NLB, from what is on it now: one service at a time, lowest port first.
 * A step reconciles that service with the NLB to leave ({@link Leaving}): the first step gives it a new listener on
 * an open NLB and points its route there (the batch deploys the stage), the next one, once the stage serves the
 * new listener, removes the old one. So after any step, or any failure in one, the route is served, and a drain
 * resumes from whatever it finds. A listener that forwards to the service's own target group (option 3) stays:
 * AWS puts a target group behind one load balancer only, so it cannot move without a gap.
 */
public final class Drain {

    public sealed interface Step {
    }

    /** Not an NLB to drain; nothing moves. {@code reason} is the parking reason. */
    public record Refused(String reason, String detail) implements Step {
    }

    /** Reconcile {@code serviceArn} (its route is in {@code apiId}) off the NLB. */
    public record Move(String serviceArn, String apiId, int port) implements Step {
    }

    /** Nothing left that can move; {@code staying}: what stays on the NLB, and why. */
    public record Drained(List<String> staying) implements Step {
    }

    private Drain() {
    }

    /**
     * The pool NLBs a sweep starts (or resumes) a drain of: cordoned, tagged {@code apigw:drain=true}, and with a
     * service that can still move.
     */
    public static List<String> requested(PoolLandscape landscape) {
        return landscape.poolNlbs().stream()
                .filter(nlb -> PoolTag.drainRequested(nlb.tags()))
                .filter(nlb -> next(nlb.arn(), landscape) instanceof Move)
                .map(LoadBalancer::arn)
                .toList();
    }

    public static Step next(String nlbArn, PoolLandscape landscape) {
        Optional<LoadBalancer> nlb = landscape.poolNlbs().stream().filter(found -> found.arn().equals(nlbArn)).findFirst();
        if (nlb.isEmpty()) {
            return new Refused("NotPoolNlb", nlbArn + " is not an NLB of a pool (tag " + PoolTag.KEY + ")");
        }
        if (!PoolTag.cordoned(nlb.get().tags())) {
            return new Refused("NotCordoned", nlb.get().name() + " is not cordoned: tag it " + PoolTag.CORDON_KEY
                    + "=true first, so that nothing new lands on it while it drains");
        }
        Set<String> ours = landscape.ownTargetGroups().stream().map(TargetGroup::arn).collect(Collectors.toSet());
        List<LoadBalancerListener> owned = landscape.listeners(nlbArn).stream()
                .filter(listener -> listener.tags().containsKey(Ownership.SERVICE_TAG))
                .sorted(Comparator.comparingInt(LoadBalancerListener::port))
                .toList();
        return owned.stream()
                .filter(listener -> !listener.targetGroupArns().isEmpty() && ours.containsAll(listener.targetGroupArns()))
                .findFirst()
                .<Step>map(listener -> new Move(listener.tags().get(Ownership.SERVICE_TAG),
                        listener.tags().get(Ownership.API_TAG), listener.port()))
                .orElseGet(() -> new Drained(owned.stream().map(listener -> "port " + listener.port() + " of "
                        + listener.tags().get(Ownership.SERVICE_TAG) + " forwards to the service's own target group,"
                        + " which AWS puts behind one load balancer only: it cannot move without a gap").toList()));
    }
}
