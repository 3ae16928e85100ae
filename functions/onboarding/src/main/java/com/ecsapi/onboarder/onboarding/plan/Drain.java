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
 * resumes from whatever it finds. A listener that forwards to the service's own target group (option 3) cannot
 * simply be doubled (AWS puts a target group behind one load balancer only), so its service moves in four steps
 * through a bridge target group of ours ({@code PoolListenerPlanner}); a service with a bridge is finished first.
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
        Optional<Step> bridging = landscape.ownTargetGroups().stream()
                .filter(group -> nlbArn.equals(group.tags().get(Ownership.LEAVING_TAG)))
                .sorted(Comparator.comparing(TargetGroup::name))
                .findFirst()
                .map(group -> new Move(group.tags().get(Ownership.SERVICE_TAG), group.tags().get(Ownership.API_TAG),
                        landscape.allListeners().stream()
                                .filter(listener -> listener.targetGroupArns().equals(List.of(group.arn())))
                                .mapToInt(LoadBalancerListener::port).findFirst().orElse(0)));
        if (bridging.isPresent()) {
            return bridging.get();
        }
        Set<String> ours = landscape.ownTargetGroups().stream().map(TargetGroup::arn).collect(Collectors.toSet());
        List<LoadBalancerListener> owned = landscape.listeners(nlbArn).stream()
                .filter(listener -> listener.tags().containsKey(Ownership.SERVICE_TAG))
                .sorted(Comparator.comparingInt(LoadBalancerListener::port))
                .toList();
        return owned.stream()
                .filter(listener -> !listener.targetGroupArns().isEmpty() && ours.containsAll(listener.targetGroupArns()))
                .findFirst()
                .or(() -> owned.stream().filter(listener -> listener.targetGroupArns().size() == 1).findFirst())
                .<Step>map(listener -> new Move(listener.tags().get(Ownership.SERVICE_TAG),
                        listener.tags().get(Ownership.API_TAG), listener.port()))
                .orElseGet(() -> new Drained(owned.stream().map(listener -> "port " + listener.port() + " of "
                        + listener.tags().get(Ownership.SERVICE_TAG) + " forwards to "
                        + listener.targetGroupArns().size() + " target groups: nothing to move it with").toList()));
    }
}
