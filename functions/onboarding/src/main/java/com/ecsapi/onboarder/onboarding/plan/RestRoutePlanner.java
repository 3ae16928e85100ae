package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The REST-route family: the service's route (its resource, the ancestors, the greedy {@code {proxy+}} below it,
 * and {@code ANY} with an HTTP_PROXY integration on both) versus the resources it owns in REST APIs.
 */
final class RestRoutePlanner {

    private RestRoutePlanner() {
    }

    /** The route's path, its ancestors and its greedy child: what the service keeps in the route's API. */
    static Set<String> paths(RouteSpec route) {
        Set<String> paths = new HashSet<>(withAncestors(route.path()));
        paths.add(greedyPath(route));
        return paths;
    }

    /**
     * The creates and rewrites that make {@code route} in {@code tree} serve {@code uri} through the VPC link:
     * missing resources parents first, then the methods that differ.
     */
    static List<Change> creates(RestTree tree, RouteSpec route, String serviceArn, String uri, String vpcLinkId,
                                String integrationTarget) {
        List<Change> changes = new ArrayList<>();
        String operationName = Ownership.operationName(serviceArn);
        String greedyPath = greedyPath(route);
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
        return changes;
    }

    /**
     * Deletes of the service's routes in every API of {@code apis} but {@code keep} in {@code keptApi} (null:
     * none); every API with a delete gets a deployment of the stage {@code stageOf} names for it.
     */
    static void deleteEverywhere(Map<String, List<RestResource>> apis, String serviceArn, String keptApi,
                                 Set<String> keep, UnaryOperator<String> stageOf, List<Change> changes,
                                 Set<ApiStage> deployments) {
        apis.forEach((apiId, resources) -> {
            List<Change> deletes = deletes(apiId, new RestTree(resources), serviceArn,
                    apiId.equals(keptApi) ? keep : Set.of());
            if (!deletes.isEmpty()) {
                changes.addAll(deletes);
                deployments.add(new ApiStage(apiId, stageOf.apply(apiId)));
            }
        });
    }

    private static String greedyPath(RouteSpec route) {
        return route.path() + "/" + RestTree.GREEDY;
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
    private static List<Change> deletes(String apiId, RestTree tree, String serviceArn, Set<String> keep) {
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

    /** {@code /a/b} -> {@code /a}, {@code /a/b}. */
    private static List<String> withAncestors(String path) {
        List<String> paths = new ArrayList<>(RestTree.ancestors(path));
        paths.add(path);
        return paths;
    }
}
