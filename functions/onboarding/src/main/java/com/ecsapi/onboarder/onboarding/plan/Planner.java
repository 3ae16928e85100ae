package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
                    apis, settings);
        };
    }

    /**
     * One plan from the REST side ({@link #plan}) and the HTTP API side ({@link HttpPlanner#plan}): the side the
     * target pattern lives on decides; the other contributes only the removal of what the service owned there
     * (after the new route stands). While a service waits (Pending) or is refused, nothing else changes.
     */
    public static Plan combine(Target target, Plan rest, Plan http) {
        boolean onHttp = target instanceof Target.Present present && present.pattern().onHttpApi();
        Plan primary = onHttp ? http : rest;
        Plan secondary = onHttp ? rest : http;
        if (target instanceof Target.Refused || primary.outcome() == Outcome.Rejected
                || primary.outcome() == Outcome.Pending) {
            return primary;
        }
        List<Change> changes = new ArrayList<>(primary.changes());
        changes.addAll(secondary.changes());
        Set<ApiStage> deployments = new LinkedHashSet<>(primary.deployments());
        deployments.addAll(secondary.deployments());
        Outcome outcome;
        if (target instanceof Target.Absent) {
            outcome = changes.isEmpty() ? Outcome.Skipped : Outcome.Deregistered;
        } else {
            outcome = changes.isEmpty() ? Outcome.Unchanged : Outcome.Onboarded;
        }
        return new Plan(outcome, primary.reason(), primary.detail(), changes, deployments, primary.nlbArn(),
                primary.vpcLinkId(), primary.port(), primary.path() != null ? primary.path() : secondary.path());
    }

    private static Plan remove(String serviceArn, Target.Absent absent, List<LoadBalancerListener> ownedListeners,
                               List<TargetGroup> ownedTargetGroups, Map<String, List<RestResource>> apis,
                               Settings settings) {
        List<Change> changes = new ArrayList<>();
        Set<ApiStage> deployments = new LinkedHashSet<>();
        apis.forEach((apiId, resources) -> {
            List<Change> deletes = deleteRoutes(apiId, new RestTree(resources), serviceArn, Set.of());
            if (!deletes.isEmpty()) {
                changes.addAll(deletes);
                deployments.add(new ApiStage(apiId, stageOf(apiId, ownedListeners, ownedTargetGroups, settings)));
            }
        });
        ownedListeners.forEach(listener -> changes.add(
                new Change.DeleteListener(listener.arn(), listener.loadBalancerArn(), listener.port())));
        ownedTargetGroups.forEach(group -> changes.add(new Change.DeleteTargetGroup(group.arn(), group.name())));
        String path = ownedListeners.stream().map(listener -> listener.tags().get(Ownership.PATH_TAG)).findFirst()
                .orElse(null);
        return new Plan(changes.isEmpty() ? Outcome.Skipped : Outcome.Deregistered, null, absent.why(), changes,
                deployments, null, null, 0, path);
    }

    private static Plan place(String serviceArn, Target.Present present, PoolLandscape landscape,
                              List<LoadBalancerListener> ownedListeners, List<TargetGroup> ownedTargetGroups,
                              Map<String, List<RestResource>> apis, Settings settings) {
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
        Map<String, String> tags = Ownership.tags(serviceArn, route.apiId(), route.stage(), route.path());
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
                SharedPlacement shared = placeOnPool(serviceArn, present, onPool, landscape, ownedListeners,
                        ownedTargetGroups, tags, settings, changes);
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

        int listenerChanges = changes.size();
        String uri = scheme + "://" + host + ":" + port + "/";
        String operationName = Ownership.operationName(serviceArn);
        String greedyPath = route.path() + "/" + RestTree.GREEDY;
        for (String path : withAncestors(route.path())) {
            if (tree.at(path).isEmpty()) {
                changes.add(new Change.CreateResource(route.apiId(), path));
            }
        }
        if (tree.at(greedyPath).isEmpty()) {
            changes.add(new Change.CreateResource(route.apiId(), greedyPath));
        }
        putMethodIfDifferent(tree, route.apiId(), route.path(), operationName, uri, vpcLinkId, integrationTarget,
                false, changes);
        putMethodIfDifferent(tree, route.apiId(), greedyPath, operationName, uri + "{proxy}", vpcLinkId,
                integrationTarget, true, changes);
        Set<ApiStage> deployments = new LinkedHashSet<>();
        if (changes.size() > listenerChanges) {
            deployments.add(new ApiStage(route.apiId(), route.stage()));
        }

        Set<String> keep = new HashSet<>(withAncestors(route.path()));
        keep.add(greedyPath);
        apis.forEach((apiId, resources) -> {
            List<Change> deletes = deleteRoutes(apiId, new RestTree(resources), serviceArn,
                    apiId.equals(route.apiId()) ? keep : Set.of());
            if (!deletes.isEmpty()) {
                changes.addAll(deletes);
                deployments.add(apiId.equals(route.apiId()) ? new ApiStage(apiId, route.stage())
                        : new ApiStage(apiId, stageOf(apiId, ownedListeners, ownedTargetGroups, settings)));
            }
        });
        Optional<LoadBalancerListener> keptListener = kept;
        ownedListeners.stream().filter(listener -> keptListener.map(k -> !k.arn().equals(listener.arn())).orElse(true))
                .forEach(listener -> changes.add(
                        new Change.DeleteListener(listener.arn(), listener.loadBalancerArn(), listener.port())));
        Optional<TargetGroup> keptGroup = keptTargetGroup;
        ownedTargetGroups.stream().filter(group -> keptGroup.map(k -> !k.arn().equals(group.arn())).orElse(true))
                .forEach(group -> changes.add(new Change.DeleteTargetGroup(group.arn(), group.name())));

        return new Plan(changes.isEmpty() ? Outcome.Unchanged : Outcome.Onboarded, null,
                present.pattern().label(), changes, deployments, nlbArn, vpcLinkId, port, route.path());
    }

    /** Where option 3 and 4 put the service on the pool, or why not; listener changes are added to {@code changes}. */
    private record SharedPlacement(Placement.NoRoom refusal, LoadBalancer nlb, String vpcLinkId, int port,
                                   Optional<LoadBalancerListener> kept, Optional<TargetGroup> keptTargetGroup) {
    }

    private static SharedPlacement placeOnPool(String serviceArn, Target.Present present, Pattern.SharedNlb onPool,
                                               PoolLandscape landscape,
                                               List<LoadBalancerListener> ownedListeners, List<TargetGroup> ownedTargetGroups,
                                               Map<String, String> tags, Settings settings, List<Change> changes) {
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

    /**
     * Option 2 while the dedicated NLB has no AVAILABLE VPC link: create one (within the quota) or wait for the
     * PENDING one. Nothing else changes meanwhile, so a route the service has elsewhere keeps serving; a later
     * reconcile (the retry or the sweep) finishes once the link is AVAILABLE.
     */
    private static Plan awaitVpcLink(String serviceArn, Pattern.DedicatedNlbAwaitingVpcLink awaiting,
                                     PoolLandscape landscape, RouteSpec route, Settings settings) {
        if (awaiting.pendingLink() != null) {
            return new Plan(Outcome.Pending, null, awaiting.why(), List.of(), Set.of(), awaiting.nlb().arn(),
                    awaiting.pendingLink().id(), awaiting.listenerPort(), route.path());
        }
        if (landscape.vpcLinks().size() >= settings.vpcLinkLimit()) {
            return Plan.rejected(RejectReason.VpcLinkQuotaExhausted, "NLB " + awaiting.nlb().name()
                    + " needs a VPC link but " + landscape.vpcLinks().size() + " of " + settings.vpcLinkLimit()
                    + " VPC links (V1) per Region exist", route.path());
        }
        Change create = new Change.CreateVpcLink(Ownership.vpcLinkName(awaiting.nlb().name()), awaiting.nlb().arn(),
                Ownership.vpcLinkTags(serviceArn, awaiting.nlb().arn()));
        return new Plan(Outcome.Pending, null, awaiting.why(), List.of(create), Set.of(), awaiting.nlb().arn(), null,
                awaiting.listenerPort(), route.path());
    }

    private static void putMethodIfDifferent(RestTree tree, String apiId, String path, String operationName,
                                             String uri, String vpcLinkId, String integrationTarget, boolean greedy,
                                             List<Change> changes) {
        Optional<RestMethod> current = tree.at(path).map(resource -> resource.methods().get("ANY"));
        boolean same = current.filter(method -> operationName.equals(method.operationName())
                && "HTTP_PROXY".equals(method.integrationType())
                && uri.equals(method.uri())
                && "VPC_LINK".equals(method.connectionType())
                && vpcLinkId.equals(method.connectionId())
                && Objects.equals(integrationTarget, method.integrationTarget())).isPresent();
        if (!same) {
            changes.add(new Change.PutProxyMethod(apiId, path, current.isEmpty(), operationName, uri, vpcLinkId,
                    integrationTarget, greedy));
        }
    }

    /**
     * Deletes of the service's resources outside {@code keep}, children first, then of the ancestors they leave
     * empty (no methods, no other children): those were made for the route. A resource with something foreign
     * on or below it is left, so nothing the service does not own is deleted with it, and only the service's
     * methods on it are deleted (first); an empty {@code {proxy+}} below it is nothing foreign (a roll-back
     * leftover), and goes with it. A method of the service without integration is the service's like any other:
     * it goes, so no deployment of the API is refused for it.
     */
    private static List<Change> deleteRoutes(String apiId, RestTree tree, String serviceArn, Set<String> keep) {
        Set<String> doomed = new HashSet<>();
        for (RestResource owned : tree.ownedBy(serviceArn)) {
            if (!keep.contains(owned.path())) {
                doomed.add(owned.path());
            }
        }
        List<Change> methodDeletes = new ArrayList<>();
        for (String path : List.copyOf(doomed).stream().sorted().toList()) {
            RestResource resource = tree.at(path).orElseThrow();
            boolean foreign = !isOwnedBy(resource, serviceArn) || tree.descendants(resource).stream()
                    .anyMatch(descendant -> !isOwnedBy(descendant, serviceArn) && !isEmptyGreedyLeaf(tree, descendant));
            if (foreign) {
                doomed.remove(path);
                resource.methods().values().stream()
                        .filter(method -> Ownership.ownerOf(method).filter(serviceArn::equals).isPresent())
                        .forEach(method -> methodDeletes.add(
                                new Change.DeleteMethod(apiId, resource.id(), path, method.httpMethod())));
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String path : List.copyOf(doomed)) {
                String parent = RestTree.parentPath(path);
                if (parent.equals("/") || doomed.contains(parent) || keep.contains(parent)) {
                    continue;
                }
                RestResource resource = tree.at(parent).orElse(null);
                if (resource != null && resource.methods().isEmpty()
                        && tree.children(resource).stream().allMatch(child -> doomed.contains(child.path()))) {
                    doomed.add(parent);
                    grew = true;
                }
            }
        }
        List<Change> deletes = new ArrayList<>(methodDeletes);
        doomed.stream()
                .sorted(Comparator.comparingInt(RestTree::depth).reversed().thenComparing(Comparator.naturalOrder()))
                .forEach(path -> deletes.add(new Change.DeleteResource(apiId, tree.at(path).orElseThrow().id(), path)));
        return deletes;
    }

    /** A {@code {proxy+}} with nothing on or below it, as a failed roll-back leaves it: it serves nothing. */
    private static boolean isEmptyGreedyLeaf(RestTree tree, RestResource resource) {
        return resource.methods().isEmpty() && resource.path().endsWith("/" + RestTree.GREEDY)
                && tree.children(resource).isEmpty();
    }

    private static boolean isOwnedBy(RestResource resource, String serviceArn) {
        return !resource.methods().isEmpty() && resource.methods().values().stream()
                .allMatch(method -> Ownership.ownerOf(method).filter(serviceArn::equals).isPresent());
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

    /** {@code /a/b} -> {@code /a}, {@code /a/b}. */
    static List<String> withAncestors(String path) {
        List<String> paths = new ArrayList<>(RestTree.ancestors(path));
        paths.add(path);
        return paths;
    }
}
