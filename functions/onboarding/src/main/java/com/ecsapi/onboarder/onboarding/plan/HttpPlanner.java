package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.Ownership;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options 1 and 1b on HTTP APIs: desired state versus what the service owns there gives the changes. The
 * service owns the integrations whose {@code description} and the routes whose {@code operationName} are
 * {@code ecs-api-onboarder:<service ARN>}. Creates come first, deletes last.
 */
public final class HttpPlanner {

    static final String GREEDY = "/{proxy+}";
    private static final String ON_REST_API = "the service's route is on a REST API";

    private HttpPlanner() {
    }

    /** {@code apis}: the HTTP APIs the service may own objects in; a target API missing from it does not exist. */
    public static Plan plan(String serviceArn, Target target, Map<String, HttpApi> apis, String defaultStage) {
        return switch (target) {
            case Target.Refused refused -> Plan.rejected(refused.reason(), refused.detail(), refused.path());
            case Target.Absent absent -> remove(serviceArn, apis, null, defaultStage, absent.why());
            case Target.Present present -> switch (present.pattern()) {
                case Pattern.OnHttpApi onHttp -> place(serviceArn, present.route(), onHttp, apis, defaultStage);
                case Pattern.OnRestApi ignored -> remove(serviceArn, apis, null, defaultStage, ON_REST_API);
                case Pattern.Unsupported ignored -> remove(serviceArn, apis, null, defaultStage, ON_REST_API);
            };
        };
    }

    private static Plan place(String serviceArn, RouteSpec route, Pattern.OnHttpApi pattern, Map<String, HttpApi> apis,
                              String defaultStage) {
        HttpApi api = apis.get(route.apiId());
        if (api == null) {
            return Plan.rejected(RejectReason.NoApi, "HTTP API " + route.apiId() + " does not exist", route.path());
        }
        String owner = Ownership.operationName(serviceArn);
        Optional<String> conflict = conflict(api, route.path(), owner);
        if (conflict.isPresent()) {
            return Plan.rejected(RejectReason.PathConflict, conflict.get(), route.path());
        }
        String uri;
        String vpcLinkId;
        String serverName;
        String lbArn = null;
        int port = 0;
        switch (pattern) {
            case Pattern.HttpApiToLoadBalancer viaLb -> {
                uri = viaLb.listener().arn();
                vpcLinkId = viaLb.vpcLink().id();
                serverName = viaLb.tlsServerName();
                lbArn = viaLb.loadBalancer().arn();
                port = viaLb.listener().port();
            }
            case Pattern.HttpApiToCloudMap viaCloudMap -> {
                uri = viaCloudMap.registryArn();
                vpcLinkId = viaCloudMap.vpcLink().id();
                serverName = null;
            }
        }

        List<Change> changes = new ArrayList<>(HttpRoutePlanner.changes(api, route, owner, uri, vpcLinkId,
                serverName));
        Set<ApiStage> deployments = new LinkedHashSet<>();
        if (!changes.isEmpty()) {
            deployments.add(new ApiStage(api.id(), route.stage()));
        }
        Plan others = remove(serviceArn, apis, api.id(), defaultStage, null);
        changes.addAll(others.changes());
        deployments.addAll(others.deployments());
        return new Plan(changes.isEmpty() ? Outcome.Unchanged : Outcome.Onboarded, new Plan.Grounds.Placed(pattern),
                changes, deployments, new Plan.Endpoint(lbArn, vpcLinkId, port), route.path());
    }

    /** Removes what the service owns in every HTTP API but {@code except}: routes first, then integrations. */
    private static Plan remove(String serviceArn, Map<String, HttpApi> apis, String except, String defaultStage,
                               String why) {
        String owner = Ownership.operationName(serviceArn);
        List<Change> changes = new ArrayList<>();
        Set<ApiStage> deployments = new LinkedHashSet<>();
        String path = null;
        for (HttpApi api : apis.values()) {
            if (api.id().equals(except)) {
                continue;
            }
            int before = changes.size();
            for (HttpRoute route : api.routes()) {
                if (owner.equals(route.operationName())) {
                    changes.add(new Change.DeleteHttpRoute(api.id(), route.id(), route.routeKey()));
                    if (path == null && route.path() != null && !route.path().endsWith(GREEDY)) {
                        path = route.path();
                    }
                }
            }
            api.integrations().stream().filter(i -> owner.equals(i.description()))
                    .forEach(i -> changes.add(new Change.DeleteHttpIntegration(api.id(), i.id())));
            if (changes.size() > before) {
                deployments.add(new ApiStage(api.id(), defaultStage));
            }
        }
        return new Plan(changes.isEmpty() ? Outcome.Skipped : Outcome.Deregistered, new Plan.Grounds.Removed(why),
                changes, deployments, null, path);
    }

    /**
     * Why {@code path} cannot be given: a route of someone else on the path or below it, or a greedy route of
     * someone else above it other than the root catch-all (ours would take part of its traffic).
     */
    static Optional<String> conflict(HttpApi api, String path, String owner) {
        for (HttpRoute route : api.routes()) {
            String other = route.path();
            if (other == null || owner.equals(route.operationName())) {
                continue;
            }
            boolean onOrBelow = other.equals(path) || other.startsWith(path + "/");
            boolean greedyAbove = other.endsWith(GREEDY) && !other.equals(GREEDY)
                    && path.startsWith(other.substring(0, other.length() - GREEDY.length()) + "/");
            if (onOrBelow || greedyAbove) {
                return Optional.of("route " + route.routeKey() + " exists and is " + Optional.ofNullable(route.operationName())
                        .filter(name -> name.startsWith(Ownership.OPERATION_PREFIX))
                        .map(name -> "owned by " + name.substring(Ownership.OPERATION_PREFIX.length()))
                        .orElse("not made by the onboarder"));
            }
        }
        return Optional.empty();
    }
}
