package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources of one REST API as a tree, with the ownership questions the planner asks. */
final class RestTree {

    static final String GREEDY = "{proxy+}";

    private final Map<String, RestResource> byPath = new HashMap<>();
    private final Map<String, List<RestResource>> childrenById = new HashMap<>();

    RestTree(List<RestResource> resources) {
        for (RestResource resource : resources) {
            byPath.put(resource.path(), resource);
            if (resource.parentId() != null) {
                childrenById.computeIfAbsent(resource.parentId(), id -> new ArrayList<>()).add(resource);
            }
        }
    }

    Optional<RestResource> at(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    List<RestResource> children(RestResource resource) {
        return childrenById.getOrDefault(resource.id(), List.of());
    }

    List<RestResource> descendants(RestResource resource) {
        List<RestResource> all = new ArrayList<>();
        for (RestResource child : children(resource)) {
            all.add(child);
            all.addAll(descendants(child));
        }
        return all;
    }

    /** Resources carrying a method owned by {@code serviceArn}. */
    List<RestResource> ownedBy(String serviceArn) {
        return byPath.values().stream()
                .filter(resource -> resource.methods().values().stream()
                        .anyMatch(method -> Ownership.ownerOf(method).filter(serviceArn::equals).isPresent()))
                .toList();
    }

    /**
     * Why {@code path} cannot be given to {@code serviceArn}: a proper ancestor serves requests (its methods
     * would be shadowed or would shadow ours), or the path or something below it exists and is not the
     * service's own {@code ANY /path} and {@code ANY /path/{proxy+}}.
     */
    Optional<String> conflict(String path, String serviceArn) {
        for (String ancestor : ancestors(path)) {
            RestResource resource = byPath.get(ancestor);
            if (resource != null && !resource.methods().isEmpty()) {
                return Optional.of(ancestor + " has methods " + resource.methods().keySet() + describeOwner(resource));
            }
        }
        RestResource resource = byPath.get(path);
        if (resource == null) {
            return Optional.empty();
        }
        List<RestResource> subtree = new ArrayList<>();
        subtree.add(resource);
        subtree.addAll(descendants(resource));
        for (RestResource member : subtree) {
            if (!member.path().equals(path) && !member.path().equals(path + "/" + GREEDY)) {
                return Optional.of(member.path() + " exists below " + path);
            }
            for (RestMethod method : member.methods().values()) {
                if (Ownership.ownerOf(method).filter(serviceArn::equals).isEmpty()) {
                    return Optional.of(member.path() + " " + method.httpMethod() + " exists and is "
                            + Ownership.ownerOf(method).map(owner -> "owned by " + owner).orElse("not made by the onboarder"));
                }
            }
        }
        return Optional.empty();
    }

    private static String describeOwner(RestResource resource) {
        return resource.methods().values().stream().map(Ownership::ownerOf).flatMap(Optional::stream).findFirst()
                .map(owner -> " owned by " + owner).orElse(" not made by the onboarder");
    }

    /** {@code /a/b/c} -> {@code /a}, {@code /a/b} (root excluded). */
    static List<String> ancestors(String path) {
        List<String> ancestors = new ArrayList<>();
        int slash = path.indexOf('/', 1);
        while (slash > 0) {
            ancestors.add(path.substring(0, slash));
            slash = path.indexOf('/', slash + 1);
        }
        return ancestors;
    }

    static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
