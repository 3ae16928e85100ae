package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool listener and target group family (options 3 and 4): the service's listener on a shared pool NLB and,
 * for option 4, the {@code alb}-type target group it forwards to, versus the listeners and target groups the
 * service owns.
 */
final class PoolListenerPlanner {

    private PoolListenerPlanner() {
    }

    /** Where option 3 and 4 put the service on the pool, or why not. */
    record SharedPlacement(Placement.NoRoom refusal, LoadBalancer nlb, String vpcLinkId, int port,
                           Optional<LoadBalancerListener> kept, Optional<TargetGroup> keptTargetGroup) {
    }

    /** Places the service on the pool; the listener and target group changes are added to {@code changes}. */
    static SharedPlacement place(String serviceArn, Target.Present present, Pattern.SharedNlb onPool,
                                 PoolLandscape landscape, List<LoadBalancerListener> ownedListeners,
                                 List<TargetGroup> ownedTargetGroups, Planner.Settings settings,
                                 List<Change> changes) {
        RouteSpec route = present.route();
        Map<String, String> tags = Ownership.tags(serviceArn, route.apiId(), route.stage(), route.path());
        Change.TargetRef listenerTarget;
        Optional<TargetGroup> keptTargetGroup = Optional.empty();
        switch (onPool) {
            case Pattern.SharedNlbToAlb viaAlb -> {
                String name = Ownership.targetGroupName(serviceArn, viaAlb.alb().arn(), viaAlb.albPort(),
                        present.vpcId());
                keptTargetGroup = ownedTargetGroups.stream().filter(group -> group.name().equals(name)).findFirst();
                listenerTarget = keptTargetGroup
                        .<Change.TargetRef>map(group -> new Change.ExistingTargetGroup(group.arn()))
                        .orElse(new Change.PlannedTargetGroup(name));
                if (keptTargetGroup.isEmpty()) {
                    changes.add(new Change.CreateTargetGroup(name, present.vpcId(), viaAlb.albPort(), tags));
                }
                String alb = TargetGroup.target(viaAlb.alb().arn(), viaAlb.albPort());
                if (keptTargetGroup.map(group -> !group.targets().contains(alb)).orElse(true)) {
                    changes.add(new Change.RegisterTarget(listenerTarget, viaAlb.alb().arn(), viaAlb.albPort()));
                }
            }
            case Pattern.SharedNlbToTargetGroup direct ->
                    listenerTarget = new Change.ExistingTargetGroup(direct.targetGroup().arn());
        }
        List<Placement.Candidate> candidates = Placement.candidates(landscape, present.pool(), present.vpcId());
        Optional<LoadBalancerListener> kept = candidates.stream()
                .flatMap(candidate -> ownedListeners.stream()
                        .filter(listener -> listener.loadBalancerArn().equals(candidate.nlb().arn())))
                .filter(listener -> listenerTarget instanceof Change.ExistingTargetGroup existing
                        && listener.targetGroupArns().equals(List.of(existing.arn())))
                .findFirst();
        if (kept.isPresent()) {
            Placement.Candidate candidate = candidates.stream()
                    .filter(c -> c.nlb().arn().equals(kept.get().loadBalancerArn())).findFirst().orElseThrow();
            if (!kept.get().tags().entrySet().containsAll(tags.entrySet())) {
                changes.add(new Change.TagListener(kept.get().arn(), tags));
            }
            return new SharedPlacement(null, candidate.nlb(), candidate.vpcLink().id(), kept.get().port(), kept,
                    keptTargetGroup);
        }
        Placement.Result result = Placement.place(landscape, present.pool(), present.vpcId(), settings.ports(),
                settings.listenerLimit());
        return switch (result) {
            case Placement.NoRoom noRoom -> new SharedPlacement(noRoom, null, null, 0, Optional.empty(),
                    Optional.empty());
            case Placement.Placed placed -> {
                changes.add(new Change.CreateListener(placed.nlb().arn(), placed.port(), listenerTarget, tags));
                yield new SharedPlacement(null, placed.nlb(), placed.vpcLink().id(), placed.port(), Optional.empty(),
                        keptTargetGroup);
            }
        };
    }

    /** Deletes of the listeners and target groups the service owns but the plan does not keep, listeners first. */
    static List<Change> deletesBut(List<LoadBalancerListener> ownedListeners, List<TargetGroup> ownedTargetGroups,
                                   Optional<LoadBalancerListener> keptListener, Optional<TargetGroup> keptGroup) {
        List<Change> changes = new ArrayList<>();
        ownedListeners.stream().filter(listener -> keptListener.map(k -> !k.arn().equals(listener.arn())).orElse(true))
                .forEach(listener -> changes.add(
                        new Change.DeleteListener(listener.arn(), listener.loadBalancerArn(), listener.port())));
        ownedTargetGroups.stream().filter(group -> keptGroup.map(k -> !k.arn().equals(group.arn())).orElse(true))
                .forEach(group -> changes.add(new Change.DeleteTargetGroup(group.arn(), group.name())));
        return changes;
    }
}
