package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP-route family (options 1 and 1b): the service's integration and its two routes ({@code ANY} on the path
 * and on the greedy path below it) versus what {@code owner} has in one HTTP API.
 */
final class HttpRoutePlanner {

    private HttpRoutePlanner() {
    }

    /**
     * The integration put first (created, or rewritten when it differs), then the routes created or pointed at it
     * again, then the deletes of the owner's other routes and extra integrations.
     */
    static List<Change> changes(HttpApi api, RouteSpec route, String owner, String uri, String vpcLinkId,
                                String serverName) {
        List<Change> changes = new ArrayList<>();
        List<HttpIntegration> owned = api.integrations().stream().filter(i -> owner.equals(i.description())).toList();
        Optional<HttpIntegration> kept = owned.stream().findFirst();
        boolean same = kept.filter(i -> "HTTP_PROXY".equals(i.integrationType()) && uri.equals(i.uri())
                && "VPC_LINK".equals(i.connectionType()) && vpcLinkId.equals(i.connectionId())
                && Objects.equals(serverName, i.serverNameToVerify())).isPresent();
        if (!same) {
            changes.add(new Change.PutHttpIntegration(api.id(), kept.map(HttpIntegration::id).orElse(null), uri,
                    vpcLinkId, serverName, owner));
        }
        Set<String> keys = new LinkedHashSet<>(List.of("ANY " + route.path(),
                "ANY " + route.path() + HttpPlanner.GREEDY));
        String target = kept.map(i -> "integrations/" + i.id()).orElse(null);
        for (String key : keys) {
            Optional<HttpRoute> existing = api.routes().stream()
                    .filter(r -> owner.equals(r.operationName()) && r.routeKey().equals(key)).findFirst();
            if (existing.isEmpty()) {
                changes.add(new Change.CreateHttpRoute(api.id(), key, owner, owner));
            } else if (target == null || !target.equals(existing.get().target())) {
                changes.add(new Change.RetargetHttpRoute(api.id(), existing.get().id(), key, owner));
            }
        }
        api.routes().stream().filter(r -> owner.equals(r.operationName()) && !keys.contains(r.routeKey()))
                .forEach(r -> changes.add(new Change.DeleteHttpRoute(api.id(), r.id(), r.routeKey())));
        owned.stream().skip(1).forEach(i -> changes.add(new Change.DeleteHttpIntegration(api.id(), i.id())));
        return changes;
    }
}
