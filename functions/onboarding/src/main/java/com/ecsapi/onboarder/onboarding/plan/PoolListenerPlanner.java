package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import com.ecsapi.onboarder.pool.PoolTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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

    /**
     * Places the service on the pool; the listener and target group changes are added to {@code changes}. A listener
     * the service has on a candidate NLB is kept, one on an open NLB before one on a cordoned NLB (a service half-way
     * through a drain keeps its new listener); while {@code leaving} names an NLB (a drain step), a listener there is
     * not kept and option 4 gets a target group of its own on the new NLB. Option 3 forwards to the service's own
     * target group, which AWS puts behind one load balancer only, so it stays where it is.
     */
    static SharedPlacement place(String serviceArn, Target.Present present, Pattern.SharedNlb onPool,
                                 PoolLandscape landscape, List<LoadBalancerListener> ownedListeners,
                                 List<TargetGroup> ownedTargetGroups, Planner.Settings settings, Leaving leaving,
                                 List<Change> changes) {
        RouteSpec route = present.route();
        Map<String, String> tags = Ownership.tags(serviceArn, route.apiId(), route.stage(), route.path());
        if (onPool instanceof Pattern.SharedNlbToTargetGroup direct && !leaving.nlbArn().isEmpty()) {
            return bridged(serviceArn, present, direct.targetGroup(), landscape, ownedListeners, ownedTargetGroups,
                    settings, leaving, tags, changes);
        }
        String left = onPool instanceof Pattern.SharedNlbToAlb ? leaving.nlbArn() : "";
        List<Placement.Candidate> candidates = Placement.candidates(landscape, present.pool(), present.vpcId()).stream()
                .filter(candidate -> !candidate.nlb().arn().equals(left))
                .sorted(Comparator.comparing(candidate -> PoolTag.cordoned(candidate.nlb().tags())))
                .toList();
        Optional<Kept> kept = candidates.stream()
                .flatMap(candidate -> ownedListeners.stream()
                        .filter(listener -> listener.loadBalancerArn().equals(candidate.nlb().arn()))
                        .flatMap(listener -> keptTarget(onPool, serviceArn, present.vpcId(), listener, ownedTargetGroups)
                                .map(group -> new Kept(candidate, listener, group)).stream()))
                .findFirst();
        if (kept.isPresent()) {
            LoadBalancerListener listener = kept.get().listener();
            Optional<TargetGroup> keptTargetGroup = kept.get().targetGroup();
            keptTargetGroup.ifPresent(group -> registerAlb(onPool, new Change.ExistingTargetGroup(group.arn()),
                    Optional.of(group), changes));
            if (!listener.tags().entrySet().containsAll(tags.entrySet())) {
                changes.add(new Change.TagListener(listener.arn(), tags));
            }
            return new SharedPlacement(null, kept.get().candidate().nlb(), kept.get().candidate().vpcLink().id(),
                    listener.port(), Optional.of(listener), keptTargetGroup);
        }
        Placement.Result result = Placement.place(landscape, present.pool(), present.vpcId(), settings.ports(),
                settings.listenerLimit());
        if (result instanceof Placement.NoRoom noRoom) {
            return new SharedPlacement(noRoom, null, null, 0, Optional.empty(), Optional.empty());
        }
        Placement.Placed placed = (Placement.Placed) result;
        Change.TargetRef listenerTarget;
        Optional<TargetGroup> keptTargetGroup = Optional.empty();
        switch (onPool) {
            case Pattern.SharedNlbToAlb viaAlb -> {
                String name = left.isEmpty()
                        ? Ownership.targetGroupName(serviceArn, viaAlb.alb().arn(), viaAlb.albPort(), present.vpcId())
                        : Ownership.targetGroupName(serviceArn, viaAlb.alb().arn(), viaAlb.albPort(), present.vpcId(),
                        placed.nlb().arn());
                keptTargetGroup = ownedTargetGroups.stream().filter(group -> group.name().equals(name)).findFirst();
                listenerTarget = keptTargetGroup
                        .<Change.TargetRef>map(group -> new Change.ExistingTargetGroup(group.arn()))
                        .orElse(new Change.PlannedTargetGroup(name));
                if (keptTargetGroup.isEmpty()) {
                    changes.add(new Change.CreateTargetGroup(name, present.vpcId(), viaAlb.albPort(), tags));
                }
                registerAlb(onPool, listenerTarget, keptTargetGroup, changes);
            }
            case Pattern.SharedNlbToTargetGroup direct ->
                    listenerTarget = new Change.ExistingTargetGroup(direct.targetGroup().arn());
        }
        changes.add(new Change.CreateListener(placed.nlb().arn(), placed.port(), listenerTarget, tags));
        return new SharedPlacement(null, placed.nlb(), placed.vpcLink().id(), placed.port(), Optional.empty(),
                keptTargetGroup);
    }

    /**
     * An option-3 drain, one step per call, each from what exists: while the listener on the NLB being left holds
     * the service's own target group, a bridge (a target group of ours with the service's targets copied, behind a
     * listener on an open NLB) takes the route; once the old listener is gone, a listener on an open NLB forwards to
     * the service's own group again and takes the route; the bridge stays while a stage serves it (see
     * {@link #stillServed}).
     */
    private static SharedPlacement bridged(String serviceArn, Target.Present present, TargetGroup own,
                                           PoolLandscape landscape, List<LoadBalancerListener> ownedListeners,
                                           List<TargetGroup> ownedTargetGroups, Planner.Settings settings,
                                           Leaving leaving, Map<String, String> tags, List<Change> changes) {
        List<Placement.Candidate> open = Placement.candidates(landscape, present.pool(), present.vpcId()).stream()
                .filter(candidate -> !candidate.nlb().arn().equals(leaving.nlbArn()))
                .filter(candidate -> !PoolTag.cordoned(candidate.nlb().tags()))
                .toList();
        String bridgeName = Ownership.bridgeTargetGroupName(serviceArn, own.arn());
        Optional<TargetGroup> bridge = ownedTargetGroups.stream().filter(group -> group.name().equals(bridgeName))
                .findFirst();
        Optional<Kept> direct = onOpen(open, ownedListeners, List.of(own.arn()), Optional.empty());
        Optional<Kept> bridging = bridge.flatMap(group -> onOpen(open, ownedListeners, List.of(group.arn()),
                Optional.of(group)));
        boolean leftHoldsOwn = ownedListeners.stream().anyMatch(listener -> listener.loadBalancerArn()
                .equals(leaving.nlbArn()) && listener.targetGroupArns().equals(List.of(own.arn())));
        Optional<Kept> kept = direct.isPresent() ? direct : leftHoldsOwn ? bridging : Optional.empty();
        if (kept.isPresent()) {
            LoadBalancerListener listener = kept.get().listener();
            if (!listener.tags().entrySet().containsAll(tags.entrySet())) {
                changes.add(new Change.TagListener(listener.arn(), tags));
            }
            return new SharedPlacement(null, kept.get().candidate().nlb(), kept.get().candidate().vpcLink().id(),
                    listener.port(), Optional.of(listener), kept.get().targetGroup());
        }
        Placement.Result result = Placement.place(landscape, present.pool(), present.vpcId(), settings.ports(),
                settings.listenerLimit());
        if (result instanceof Placement.NoRoom noRoom) {
            return new SharedPlacement(noRoom, null, null, 0, Optional.empty(), Optional.empty());
        }
        Placement.Placed placed = (Placement.Placed) result;
        Change.TargetRef listenerTarget = new Change.ExistingTargetGroup(own.arn());
        Optional<TargetGroup> keptTargetGroup = Optional.empty();
        if (leftHoldsOwn) {
            keptTargetGroup = bridge;
            listenerTarget = bridge.<Change.TargetRef>map(group -> new Change.ExistingTargetGroup(group.arn()))
                    .orElse(new Change.PlannedTargetGroup(bridgeName));
            if (bridge.isEmpty()) {
                Map<String, String> bridgeTags = new LinkedHashMap<>(tags);
                bridgeTags.put(Ownership.BRIDGE_OF_TAG, own.arn());
                bridgeTags.put(Ownership.LEAVING_TAG, leaving.nlbArn());
                changes.add(new Change.CreateBridgeTargetGroup(bridgeName, own.vpcId(), own.protocol(), own.port(),
                        own.targetType(), bridgeTags));
            }
            List<String> copied = bridge.map(TargetGroup::targets).orElse(List.of());
            for (String target : leaving.servingTargets()) {
                if (!copied.contains(target)) {
                    int colon = target.lastIndexOf(':');
                    changes.add(new Change.RegisterTarget(listenerTarget, target.substring(0, colon),
                            Integer.parseInt(target.substring(colon + 1))));
                }
            }
        }
        changes.add(new Change.CreateListener(placed.nlb().arn(), placed.port(), listenerTarget, tags));
        return new SharedPlacement(null, placed.nlb(), placed.vpcLink().id(), placed.port(), Optional.empty(),
                keptTargetGroup);
    }

    private static Optional<Kept> onOpen(List<Placement.Candidate> open, List<LoadBalancerListener> ownedListeners,
                                         List<String> targetGroupArns, Optional<TargetGroup> group) {
        return open.stream().flatMap(candidate -> ownedListeners.stream()
                        .filter(listener -> listener.loadBalancerArn().equals(candidate.nlb().arn()))
                        .filter(listener -> listener.targetGroupArns().equals(targetGroupArns))
                        .map(listener -> new Kept(candidate, listener, group)))
                .findFirst();
    }

    private record Kept(Placement.Candidate candidate, LoadBalancerListener listener,
                        Optional<TargetGroup> targetGroup) {
    }

    /**
     * Whether {@code listener} forwards where the pattern wants: option 3 to the service's target group (no group
     * of ours to keep), option 4 to the service's own {@code alb}-type group for this ALB, its first or the one a
     * drain made for the listener's NLB.
     */
    private static Optional<Optional<TargetGroup>> keptTarget(Pattern.SharedNlb onPool, String serviceArn, String vpcId,
                                                              LoadBalancerListener listener,
                                                              List<TargetGroup> ownedTargetGroups) {
        return switch (onPool) {
            case Pattern.SharedNlbToTargetGroup direct ->
                    listener.targetGroupArns().equals(List.of(direct.targetGroup().arn()))
                            ? Optional.of(Optional.empty()) : Optional.empty();
            case Pattern.SharedNlbToAlb viaAlb -> {
                List<String> names = List.of(
                        Ownership.targetGroupName(serviceArn, viaAlb.alb().arn(), viaAlb.albPort(), vpcId),
                        Ownership.targetGroupName(serviceArn, viaAlb.alb().arn(), viaAlb.albPort(), vpcId,
                                listener.loadBalancerArn()));
                yield ownedTargetGroups.stream()
                        .filter(group -> names.contains(group.name()))
                        .filter(group -> listener.targetGroupArns().equals(List.of(group.arn())))
                        .findFirst().map(Optional::of);
            }
        };
    }

    /** Option 4: the ALB is registered in the group unless it already is. */
    private static void registerAlb(Pattern.SharedNlb onPool, Change.TargetRef group, Optional<TargetGroup> existing,
                                    List<Change> changes) {
        if (onPool instanceof Pattern.SharedNlbToAlb viaAlb) {
            String alb = TargetGroup.target(viaAlb.alb().arn(), viaAlb.albPort());
            if (existing.map(found -> !found.targets().contains(alb)).orElse(true)) {
                changes.add(new Change.RegisterTarget(group, viaAlb.alb().arn(), viaAlb.albPort()));
            }
        }
    }

    /**
     * The listeners a drain step keeps for now: those on the NLB being left, and an option-3 drain's bridge
     * listeners, whose port a deployed stage of the service still routes to. They go in a later step, once the stage
     * serves the new listener.
     */
    static List<LoadBalancerListener> stillServed(List<LoadBalancerListener> ownedListeners,
                                                  List<TargetGroup> ownedTargetGroups, Leaving leaving) {
        List<String> bridges = ownedTargetGroups.stream()
                .filter(group -> group.tags().containsKey(Ownership.BRIDGE_OF_TAG)).map(TargetGroup::arn).toList();
        return ownedListeners.stream()
                .filter(listener -> listener.loadBalancerArn().equals(leaving.nlbArn())
                        ? leaving.servedPorts().contains(listener.port())
                        : bridges.containsAll(listener.targetGroupArns()) && !listener.targetGroupArns().isEmpty()
                        && leaving.serves(listener.loadBalancerArn(), listener.port()))
                .toList();
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
