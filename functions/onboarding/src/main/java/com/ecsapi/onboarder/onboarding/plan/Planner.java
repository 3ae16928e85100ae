package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciler's brain: desired state versus the objects a service owns (found by ownership marks) gives
 * the ordered list of changes. Creates come first (parents before children), deletes last (children before
 * parents), so a moved route is never down in between.
 */
public final class Planner {

    /**
     * {@code listenerLimit}: the listeners-per-NLB quota in force; {@code vpcLinkLimit}: the VPC-links (V1) per
     * Region quota in force (read only when the onboarder may create VPC links).
     */
    public record Settings(PortRange ports, int listenerLimit, String defaultStage, int vpcLinkLimit) {
    }

    private Planner() {
    }

    /**
     * @param apis the resources of every REST API the service may own objects in (its target API, and the APIs
     *             its listeners' tags name); a target API missing from the map does not exist
     */
    public static Plan plan(String serviceArn, Target target, PoolLandscape landscape,
                            Map<String, List<RestResource>> apis, Settings settings) {
        return plan(serviceArn, target, landscape, apis, settings, Leaving.NONE);
    }

    /** The same, for a drain step that moves the service off {@code leaving}'s NLB. */
    public static Plan plan(String serviceArn, Target target, PoolLandscape landscape,
                            Map<String, List<RestResource>> apis, Settings settings, Leaving leaving) {
        List<LoadBalancerListener> ownedListeners = landscape.allListeners().stream()
                .filter(listener -> serviceArn.equals(listener.tags().get(Ownership.SERVICE_TAG)))
                .sorted(Comparator.comparing(LoadBalancerListener::loadBalancerArn).thenComparing(LoadBalancerListener::port))
                .toList();
        List<TargetGroup> ownedTargetGroups = landscape.ownTargetGroups().stream()
                .filter(group -> serviceArn.equals(group.tags().get(Ownership.SERVICE_TAG)))
                .toList();
        return switch (target) {
            case Target.Refused refused -> Plan.rejected(refused.reason(), refused.detail(), refused.path());
            case Target.Absent absent -> remove(serviceArn, absent, ownedListeners, ownedTargetGroups, apis, settings);
            case Target.Present present -> place(serviceArn, present, landscape, ownedListeners, ownedTargetGroups,
                    apis, settings, leaving);
        };
    }

    /**
     * One plan from the REST side ({@link #plan}) and the HTTP API side ({@link HttpPlanner#plan}): the side the
     * target pattern lives on decides; the other contributes only the removal of what the service owned there
     * (after the new route stands). While a service waits (Pending) or is refused, nothing else changes.
     */
    public static Plan combine(Target target, Plan rest, Plan http) {
        return switch (target) {
            case Target.Refused refused -> rest;
            case Target.Absent absent -> combine(rest, http, Outcome.Skipped, Outcome.Deregistered);
            case Target.Present present -> present.pattern().onHttpApi()
                    ? combine(http, rest, Outcome.Unchanged, Outcome.Onboarded)
                    : combine(rest, http, Outcome.Unchanged, Outcome.Onboarded);
        };
    }

    /** {@code primary}'s changes, then {@code secondary}'s: {@code changed} if there are any, else {@code none}. */
    private static Plan combine(Plan primary, Plan secondary, Outcome none, Outcome changed) {
        if (primary.outcome() == Outcome.Rejected || primary.outcome() == Outcome.Pending) {
            return primary;
        }
        List<Change> changes = new ArrayList<>(primary.changes());
        changes.addAll(secondary.changes());
        Set<ApiStage> deployments = new LinkedHashSet<>(primary.deployments());
        deployments.addAll(secondary.deployments());
        return new Plan(changes.isEmpty() ? none : changed, primary.grounds(), changes, deployments, primary.endpoint(),
                primary.path() != null ? primary.path() : secondary.path());
    }

    private static Plan remove(String serviceArn, Target.Absent absent, List<LoadBalancerListener> ownedListeners,
                               List<TargetGroup> ownedTargetGroups, Map<String, List<RestResource>> apis,
                               Settings settings) {
        List<Change> changes = new ArrayList<>();
        Set<ApiStage> deployments = new LinkedHashSet<>();
        RestRoutePlanner.deleteEverywhere(apis, serviceArn, null, Set.of(),
                apiId -> stageOf(apiId, ownedListeners, ownedTargetGroups, settings), changes, deployments);
        changes.addAll(PoolListenerPlanner.deletesBut(ownedListeners, ownedTargetGroups, Optional.empty(),
                Optional.empty()));
        String path = ownedListeners.stream().map(listener -> listener.tags().get(Ownership.PATH_TAG)).findFirst()
                .orElse(null);
        return new Plan(changes.isEmpty() ? Outcome.Skipped : Outcome.Deregistered,
                new Plan.Grounds.Removed(absent.why()), changes, deployments, null, path);
    }

    private static Plan place(String serviceArn, Target.Present present, PoolLandscape landscape,
                              List<LoadBalancerListener> ownedListeners, List<TargetGroup> ownedTargetGroups,
                              Map<String, List<RestResource>> apis, Settings settings, Leaving leaving) {
        RouteSpec route = present.route();
        List<RestResource> targetApi = apis.get(route.apiId());
        if (targetApi == null) {
            return Plan.rejected(RejectReason.NoApi, "REST API " + route.apiId() + " does not exist", route.path());
        }
        RestTree tree = new RestTree(targetApi);
        Optional<String> conflict = tree.conflict(route.path(), serviceArn);
        if (conflict.isPresent()) {
            return Plan.rejected(RejectReason.PathConflict, conflict.get(), route.path());
        }

        List<Change> changes = new ArrayList<>();
        Optional<LoadBalancerListener> kept = Optional.empty();
        Optional<TargetGroup> keptTargetGroup = Optional.empty();
        String host;
        String scheme = "http";
        String vpcLinkId;
        String integrationTarget = null;
        String nlbArn;
        int port;
        switch (present.pattern()) {
            case Pattern.DedicatedNlb dedicated -> {
                nlbArn = dedicated.nlb().arn();
                host = dedicated.nlb().dnsName();
                vpcLinkId = dedicated.vpcLink().id();
                port = dedicated.listenerPort();
            }
            case Pattern.RestApiVpcLinkV2 direct -> {
                nlbArn = direct.loadBalancer().arn();
                host = direct.tlsServerName() == null ? direct.loadBalancer().dnsName() : direct.tlsServerName();
                scheme = direct.tlsServerName() == null ? "http" : "https";
                vpcLinkId = direct.vpcLink().id();
                integrationTarget = direct.loadBalancer().arn();
                port = direct.listener().port();
            }
            case Pattern.DedicatedNlbAwaitingVpcLink awaiting -> {
                return awaitVpcLink(serviceArn, awaiting, landscape, route, settings);
            }
            case Pattern.OnHttpApi ignored -> {
                return remove(serviceArn, new Target.Absent("the service's route is on an HTTP API"), ownedListeners,
                        ownedTargetGroups, apis, settings);
            }
            case Pattern.Unsupported unsupported -> {
                return Plan.rejected(unsupported.reason(), unsupported.detail(), route.path());
            }
            case Pattern.SharedNlb onPool -> {
                PoolListenerPlanner.SharedPlacement shared = PoolListenerPlanner.place(serviceArn, present, onPool,
                        landscape, ownedListeners, ownedTargetGroups, settings, leaving, changes);
                if (shared.refusal() != null) {
                    return Plan.rejected(shared.refusal().reason(), shared.refusal().detail(), route.path());
                }
                kept = shared.kept();
                keptTargetGroup = shared.keptTargetGroup();
                nlbArn = shared.nlb().arn();
                host = shared.nlb().dnsName();
                vpcLinkId = shared.vpcLinkId();
                port = shared.port();
            }
        }

        String uri = scheme + "://" + host + ":" + port + "/";
        List<Change> routeCreates = RestRoutePlanner.creates(tree, route, serviceArn, uri, vpcLinkId,
                integrationTarget);
        changes.addAll(routeCreates);
        Set<ApiStage> deployments = new LinkedHashSet<>();
        if (!routeCreates.isEmpty()) {
            deployments.add(new ApiStage(route.apiId(), route.stage()));
        }
        RestRoutePlanner.deleteEverywhere(apis, serviceArn, route.apiId(), RestRoutePlanner.paths(route),
                apiId -> apiId.equals(route.apiId()) ? route.stage()
                        : stageOf(apiId, ownedListeners, ownedTargetGroups, settings), changes, deployments);
        List<LoadBalancerListener> stillServed = PoolListenerPlanner.stillServed(ownedListeners, ownedTargetGroups,
                leaving);
        changes.addAll(PoolListenerPlanner.deletesBut(
                ownedListeners.stream().filter(listener -> !stillServed.contains(listener)).toList(),
                ownedTargetGroups.stream().filter(group -> stillServed.stream()
                        .noneMatch(listener -> listener.targetGroupArns().contains(group.arn()))).toList(),
                kept, keptTargetGroup));

        return new Plan(changes.isEmpty() ? Outcome.Unchanged : Outcome.Onboarded,
                new Plan.Grounds.Placed(present.pattern()), changes, deployments,
                new Plan.Endpoint(nlbArn, vpcLinkId, port), route.path());
    }

    /**
     * Option 2 while the dedicated NLB has no AVAILABLE VPC link: create one (within the quota) or wait for the
     * PENDING one. Nothing else changes meanwhile, so a route the service has elsewhere keeps serving; a later
     * reconcile (the retry or the sweep) finishes once the link is AVAILABLE.
     */
    private static Plan awaitVpcLink(String serviceArn, Pattern.DedicatedNlbAwaitingVpcLink awaiting,
                                     PoolLandscape landscape, RouteSpec route, Settings settings) {
        if (awaiting.pendingLink() != null) {
            return new Plan(Outcome.Pending, new Plan.Grounds.Waiting(awaiting), List.of(), Set.of(),
                    new Plan.Endpoint(awaiting.nlb().arn(), awaiting.pendingLink().id(), awaiting.listenerPort()),
                    route.path());
        }
        if (landscape.vpcLinks().size() >= settings.vpcLinkLimit()) {
            return Plan.rejected(RejectReason.VpcLinkQuotaExhausted, "NLB " + awaiting.nlb().name()
                    + " needs a VPC link but " + landscape.vpcLinks().size() + " of " + settings.vpcLinkLimit()
                    + " VPC links (V1) per Region exist", route.path());
        }
        Change create = new Change.CreateVpcLink(Ownership.vpcLinkName(awaiting.nlb().name()), awaiting.nlb().arn(),
                Ownership.vpcLinkTags(serviceArn, awaiting.nlb().arn()));
        return new Plan(Outcome.Pending, new Plan.Grounds.Waiting(awaiting), List.of(create), Set.of(),
                new Plan.Endpoint(awaiting.nlb().arn(), null, awaiting.listenerPort()), route.path());
    }

    private static String stageOf(String apiId, List<LoadBalancerListener> listeners, List<TargetGroup> targetGroups,
                                  Settings settings) {
        return listeners.stream().map(LoadBalancerListener::tags)
                .filter(tags -> apiId.equals(tags.get(Ownership.API_TAG)))
                .map(tags -> tags.get(Ownership.STAGE_TAG)).filter(Objects::nonNull).findFirst()
                .or(() -> targetGroups.stream().map(TargetGroup::tags)
                        .filter(tags -> apiId.equals(tags.get(Ownership.API_TAG)))
                        .map(tags -> tags.get(Ownership.STAGE_TAG)).filter(Objects::nonNull).findFirst())
                .orElse(settings.defaultStage());
    }
}
