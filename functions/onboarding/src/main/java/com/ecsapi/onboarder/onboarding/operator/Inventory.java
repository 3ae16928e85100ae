package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every onboarded route, followed from the API to the ECS service, and what drifted: one pure function of a
 * {@link Landscape}. The pattern of a route is read off what exists (its integration and what that reaches), not
 * decided again: the explain tool shows the decision.
 */
public record Inventory(List<Route> routes, List<Drift> drifts) {

    private static final java.util.regex.Pattern HOST_AND_PORT =
            java.util.regex.Pattern.compile("^[a-zA-Z]+://([^/:]+):(\\d+)");
    private static final String GREEDY = "/{proxy+}";

    public Inventory {
        routes = List.copyOf(routes);
        drifts = List.copyOf(drifts);
    }

    /** The routes and drifts concerning one service. */
    public Inventory forService(String serviceArn) {
        return new Inventory(routes.stream().filter(route -> serviceArn.equals(route.service())).toList(),
                drifts.stream().filter(drift -> serviceArn.equals(drift.service())).toList());
    }

    public static Inventory of(Landscape landscape) {
        Facts facts = new Facts(landscape);
        List<Route> routes = new ArrayList<>();
        landscape.restApis().keySet().stream().sorted().forEach(apiId -> routes.addAll(restRoutes(facts, apiId)));
        landscape.httpApis().keySet().stream().sorted().forEach(apiId -> routes.addAll(httpRoutes(facts, apiId)));
        List<Drift> drifts = new ArrayList<>();
        routes.forEach(route -> drifts.addAll(route.drift()));
        drifts.addAll(unreferenced(facts, routes));
        return new Inventory(routes, drifts);
    }

    /**
     * The load balancers whose listeners the inventory needs: the pool NLBs, and every load balancer a route of
     * these APIs points at (by DNS name, integration target or listener ARN) or an onboarder target group targets.
     */
    public static Set<String> loadBalancersToRead(List<LoadBalancer> loadBalancers, Map<String, List<RestResource>> restApis,
                                                  Map<String, List<DeployedStage>> restStages,
                                                  Map<String, HttpApi> httpApis, List<TargetGroup> ownTargetGroups) {
        Set<String> arns = new TreeSet<>();
        loadBalancers.stream().filter(lb -> lb.tags().containsKey(PoolTag.KEY)).map(LoadBalancer::arn).forEach(arns::add);
        Stream<RestMethod> methods = Stream.concat(
                restApis.values().stream().flatMap(List::stream).flatMap(resource -> resource.methods().values().stream()),
                restStages.values().stream().flatMap(List::stream)
                        .flatMap(stage -> stage.methodsByPath().values().stream())
                        .flatMap(byMethod -> byMethod.values().stream()));
        methods.filter(method -> Ownership.ownerOf(method).isPresent()).forEach(method -> {
            if (method.integrationTarget() != null) {
                arns.add(method.integrationTarget());
            }
            hostAndPort(method.uri()).flatMap(hostPort -> byDnsName(loadBalancers, hostPort.host()))
                    .ifPresent(lb -> arns.add(lb.arn()));
        });
        httpApis.values().stream().flatMap(api -> api.integrations().stream()).map(HttpIntegration::uri)
                .filter(uri -> uri != null && uri.contains(":listener/")).map(Inventory::loadBalancerArnOf)
                .forEach(arns::add);
        ownTargetGroups.stream().flatMap(group -> group.targets().stream())
                .map(target -> target.substring(0, target.lastIndexOf(':'))).filter(id -> id.startsWith("arn:"))
                .forEach(arns::add);
        return arns;
    }

    /** {@code ...:listener/app/name/lb-id/listener-id} names its load balancer {@code ...:loadbalancer/app/name/lb-id}. */
    static String loadBalancerArnOf(String listenerArn) {
        String arn = listenerArn.replace(":listener/", ":loadbalancer/");
        return arn.substring(0, arn.lastIndexOf('/'));
    }

    private static List<Route> restRoutes(Facts facts, String apiId) {
        Map<String, RestMethod> held = new LinkedHashMap<>();
        facts.landscape.restApis().get(apiId).stream().filter(resource -> isBasePath(resource.path()))
                .sorted(Comparator.comparing(RestResource::path))
                .forEach(resource -> ownedAny(resource.methods()).ifPresent(method -> held.put(resource.path(), method)));
        Map<String, RestMethod> routed = new LinkedHashMap<>(held);
        Map<String, List<String>> servedBy = new LinkedHashMap<>();
        for (DeployedStage stage : facts.landscape.restStages().getOrDefault(apiId, List.of())) {
            stage.methodsByPath().entrySet().stream().filter(entry -> isBasePath(entry.getKey()))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> ownedAny(entry.getValue()).ifPresent(method -> {
                        routed.putIfAbsent(entry.getKey(), method);
                        servedBy.computeIfAbsent(entry.getKey(), path -> new ArrayList<>()).add(stage.name());
                    }));
        }
        List<Route> routes = new ArrayList<>();
        routed.keySet().stream().sorted().forEach(path -> {
            RestMethod method = routed.get(path);
            String owner = Ownership.ownerOf(method).orElseThrow();
            Hop hop = restHop(facts, method, owner);
            List<String> stages = servedBy.getOrDefault(path, List.of()).stream().sorted().toList();
            routes.add(route(facts, apiId, "REST", path, stages, held.containsKey(path), hop, method.connectionId(),
                    owner));
        });
        return routes;
    }

    private static List<Route> httpRoutes(Facts facts, String apiId) {
        HttpApi api = facts.landscape.httpApis().get(apiId);
        Map<String, HttpIntegration> integrations = api.integrations().stream()
                .collect(Collectors.toMap(HttpIntegration::id, integration -> integration, (a, b) -> a));
        List<String> stages = List.copyOf(new TreeSet<>(facts.landscape.httpStages().getOrDefault(apiId, Set.of())));
        List<Route> routes = new ArrayList<>();
        api.routes().stream().filter(route -> route.path() != null && isBasePath(route.path()))
                .sorted(Comparator.comparing(HttpRoute::path)).forEach(route -> ownerOfMark(route.operationName())
                        .ifPresent(owner -> {
                            HttpIntegration integration = route.target() == null ? null
                                    : integrations.get(route.target().substring(route.target().indexOf('/') + 1));
                            Hop hop = httpHop(facts, integration, owner, apiId + " " + route.routeKey());
                            routes.add(route(facts, apiId, "HTTP", route.path(), stages, true, hop,
                                    integration == null ? null : integration.connectionId(), owner));
                        }));
        return routes;
    }

    private static Route route(Facts facts, String apiId, String apiKind, String path, List<String> stages,
                               boolean inApi, Hop hop, String vpcLink, String owner) {
        String state = facts.state(owner);
        List<Drift> drift = new ArrayList<>(hop.drift());
        String object = apiId + " ANY " + path;
        if (!state.equals("ACTIVE") && !stages.isEmpty()) {
            drift.add(new Drift(Drift.Kind.ServiceGone, object, owner, "stage(s) " + String.join(",", stages)
                    + " serve the route of " + name(owner) + ", which is " + state));
        }
        return new Route(apiId, apiKind, path, stages, inApi, hop.pattern(), vpcLink,
                hop.loadBalancer() == null ? null : hop.loadBalancer().name(), hop.port(), hop.target(), owner, state,
                drift);
    }

    /** What a route reaches: its pattern, load balancer and port, target and the drift found on the way. */
    private record Hop(String pattern, LoadBalancer loadBalancer, int port, String target, LoadBalancerListener listener,
                       List<Drift> drift) {
    }

    private static Hop restHop(Facts facts, RestMethod method, String owner) {
        String object = "route to " + name(owner) + " via " + method.uri();
        Optional<HostPort> hostPort = hostAndPort(method.uri());
        if (hostPort.isEmpty()) {
            return dangling(object, owner, "the integration uri " + method.uri() + " names no host and port");
        }
        int port = hostPort.get().port();
        Optional<LoadBalancer> lb = method.integrationTarget() != null
                ? facts.loadBalancer(method.integrationTarget())
                : byDnsName(facts.landscape.loadBalancers(), hostPort.get().host());
        if (lb.isEmpty()) {
            return dangling(object, owner, "no load balancer is " + (method.integrationTarget() != null
                    ? method.integrationTarget() : hostPort.get().host()));
        }
        boolean pool = lb.get().tags().containsKey(PoolTag.KEY);
        Optional<LoadBalancerListener> listener = facts.listenerOn(lb.get().arn(), port);
        if (listener.isEmpty()) {
            return new Hop(method.integrationTarget() != null ? "rest-api-vpc-link-v2" : pool ? "option-3-shared-nlb"
                    : "option-2-dedicated-nlb", lb.get(), port, null, null, List.of(new Drift(Drift.Kind.Dangling,
                    object, owner, "no listener on " + lb.get().name() + ":" + port)));
        }
        List<Drift> drift = new ArrayList<>();
        String listenerOwner = listener.get().tags().get(Ownership.SERVICE_TAG);
        if (pool && !owner.equals(listenerOwner)) {
            drift.add(new Drift(Drift.Kind.ForeignTarget, listener.get().arn(), owner, "port " + port + " of "
                    + lb.get().name() + " is " + (listenerOwner == null ? "not the onboarder's"
                    : "owned by " + name(listenerOwner)) + ", but the route of " + name(owner) + " points at it"));
        }
        String pattern = method.integrationTarget() != null ? "rest-api-vpc-link-v2" : !pool ? "option-2-dedicated-nlb"
                : facts.ownTargetGroup(first(listener.get().targetGroupArns())).isPresent()
                ? "option-4-shared-nlb-to-alb" : "option-3-shared-nlb";
        Backend backend = facts.behind(listener.get());
        backend.service().filter(service -> !service.equals(owner)).ifPresent(other -> drift.add(new Drift(
                Drift.Kind.ForeignTarget, listener.get().arn(), owner, lb.get().name() + ":" + port + " forwards to "
                + backend.target() + " of " + name(other) + ", not to " + name(owner))));
        return new Hop(pattern, lb.get(), port, backend.target(), listener.get(), drift);
    }

    private static Hop httpHop(Facts facts, HttpIntegration integration, String owner, String object) {
        if (integration == null || integration.uri() == null) {
            return dangling(object, owner, "the route targets no integration");
        }
        String uri = integration.uri();
        if (uri.contains(":servicediscovery:")) {
            List<Drift> drift = new ArrayList<>();
            facts.serviceOfRegistry(uri).filter(service -> !service.equals(owner)).ifPresent(other -> drift.add(
                    new Drift(Drift.Kind.ForeignTarget, uri, owner, "Cloud Map service " + lastSegment(uri)
                            + " is registered by " + name(other) + ", not " + name(owner))));
            return new Hop("option-1b-http-api-cloud-map", null, 0, "cloudmap " + lastSegment(uri), null, drift);
        }
        Optional<LoadBalancerListener> listener = facts.listener(uri);
        if (listener.isEmpty()) {
            return dangling(object, owner, "listener " + uri + " does not exist");
        }
        LoadBalancer lb = facts.loadBalancer(listener.get().loadBalancerArn()).orElse(null);
        Backend backend = facts.behind(listener.get());
        List<Drift> drift = new ArrayList<>();
        backend.service().filter(service -> !service.equals(owner)).ifPresent(other -> drift.add(new Drift(
                Drift.Kind.ForeignTarget, uri, owner, "listener " + listener.get().port() + " forwards to "
                + backend.target() + " of " + name(other) + ", not to " + name(owner))));
        return new Hop("option-1-http-api-load-balancer", lb, listener.get().port(), backend.target(), listener.get(),
                drift);
    }

    private static Hop dangling(String object, String owner, String detail) {
        return new Hop("unknown", null, 0, null, null, List.of(new Drift(Drift.Kind.Dangling, object, owner, detail)));
    }

    /** Onboarder listeners, target groups and HTTP integrations that no route reaches. */
    private static List<Drift> unreferenced(Facts facts, List<Route> routes) {
        Set<String> reachedListeners = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.loadBalancer() != null) {
                facts.landscape.loadBalancers().stream().filter(lb -> lb.name().equals(route.loadBalancer()))
                        .flatMap(lb -> facts.listenerOn(lb.arn(), route.port()).stream())
                        .forEach(listener -> reachedListeners.add(listener.arn()));
            }
        }
        List<Drift> drifts = new ArrayList<>();
        facts.landscape.listeners().values().stream().flatMap(List::stream)
                .filter(listener -> listener.tags().containsKey(Ownership.SERVICE_TAG))
                .filter(listener -> !reachedListeners.contains(listener.arn()))
                .sorted(Comparator.comparing(LoadBalancerListener::arn))
                .forEach(listener -> drifts.add(new Drift(Drift.Kind.Unreferenced, listener.arn(),
                        listener.tags().get(Ownership.SERVICE_TAG), "listener " + facts.nameOf(listener.loadBalancerArn())
                        + ":" + listener.port() + " of " + name(listener.tags().get(Ownership.SERVICE_TAG))
                        + ": no route points at it")));
        Set<String> forwardedTo = facts.landscape.listeners().values().stream().flatMap(List::stream)
                .flatMap(listener -> listener.targetGroupArns().stream()).collect(Collectors.toSet());
        facts.landscape.ownTargetGroups().stream().filter(group -> !forwardedTo.contains(group.arn()))
                .sorted(Comparator.comparing(TargetGroup::name))
                .forEach(group -> drifts.add(new Drift(Drift.Kind.Unreferenced, group.arn(),
                        group.tags().get(Ownership.SERVICE_TAG), "target group " + group.name()
                        + ": no listener forwards to it")));
        facts.landscape.httpApis().values().stream().sorted(Comparator.comparing(HttpApi::id)).forEach(api -> {
            Set<String> targeted = api.routes().stream().map(HttpRoute::target).filter(java.util.Objects::nonNull)
                    .map(target -> target.substring(target.indexOf('/') + 1)).collect(Collectors.toSet());
            api.integrations().stream().filter(integration -> !targeted.contains(integration.id()))
                    .forEach(integration -> ownerOfMark(integration.description()).ifPresent(owner -> drifts.add(
                            new Drift(Drift.Kind.Unreferenced, api.id() + " integration " + integration.id(), owner,
                                    "integration " + integration.id() + " of " + name(owner) + " in " + api.id()
                                            + ": no route targets it"))));
        });
        return drifts;
    }

    /** What a listener forwards to: the target group (or the ALB behind an onboarder target group) and its service. */
    private record Backend(String target, Optional<String> service) {
    }

    /** The landscape indexed for the walk from a route to its service. */
    private static final class Facts {

        final Landscape landscape;
        final Map<String, EcsService> services = new LinkedHashMap<>();

        Facts(Landscape landscape) {
            this.landscape = landscape;
            landscape.services().forEach(service -> services.put(service.arn(), service));
        }

        String state(String serviceArn) {
            EcsService service = services.get(serviceArn);
            if (service == null) {
                return "not found";
            }
            if (service.active() && !service.tags().containsKey(TagContract.PATH_TAG)) {
                return "untagged";
            }
            return service.status();
        }

        Optional<LoadBalancer> loadBalancer(String arn) {
            return landscape.loadBalancers().stream().filter(lb -> lb.arn().equals(arn)).findFirst();
        }

        String nameOf(String loadBalancerArn) {
            return loadBalancer(loadBalancerArn).map(LoadBalancer::name).orElse(loadBalancerArn);
        }

        Optional<LoadBalancerListener> listenerOn(String loadBalancerArn, int port) {
            return landscape.listeners().getOrDefault(loadBalancerArn, List.of()).stream()
                    .filter(listener -> listener.port() == port).findFirst();
        }

        Optional<LoadBalancerListener> listener(String arn) {
            return landscape.listeners().getOrDefault(loadBalancerArnOf(arn), List.of()).stream()
                    .filter(listener -> listener.arn().equals(arn)).findFirst();
        }

        Optional<TargetGroup> ownTargetGroup(String arn) {
            return landscape.ownTargetGroups().stream().filter(group -> group.arn().equals(arn)).findFirst();
        }

        /** The active service (else any) whose load balancer settings name this target group. */
        Optional<String> serviceOfTargetGroup(String targetGroupArn) {
            return preferActive(services.values().stream().filter(s -> s.targetGroupArns().contains(targetGroupArn)));
        }

        Optional<String> serviceOfRegistry(String registryArn) {
            return preferActive(services.values().stream().filter(s -> s.registryArns().contains(registryArn)));
        }

        private static Optional<String> preferActive(Stream<EcsService> candidates) {
            return candidates.min(Comparator.comparing((EcsService s) -> !s.active())).map(EcsService::arn);
        }

        Backend behind(LoadBalancerListener listener) {
            String groupArn = first(listener.targetGroupArns());
            if (groupArn == null) {
                return new Backend(null, Optional.empty());
            }
            Optional<TargetGroup> own = ownTargetGroup(groupArn);
            if (own.isEmpty()) {
                return new Backend("tg " + lastButOneSegment(groupArn), serviceOfTargetGroup(groupArn));
            }
            String albTarget = first(own.get().targets());
            if (albTarget == null) {
                return new Backend("tg " + own.get().name() + " (no target)", Optional.empty());
            }
            String albArn = albTarget.substring(0, albTarget.lastIndexOf(':'));
            int albPort = Integer.parseInt(albTarget.substring(albTarget.lastIndexOf(':') + 1));
            Optional<String> service = listenerOn(albArn, albPort).map(alb -> first(alb.targetGroupArns()))
                    .flatMap(this::serviceOfTargetGroup);
            return new Backend("alb " + nameOf(albArn) + ":" + albPort, service);
        }
    }

    private record HostPort(String host, int port) {
    }

    private static Optional<HostPort> hostAndPort(String uri) {
        Matcher matcher = uri == null ? null : HOST_AND_PORT.matcher(uri);
        return matcher != null && matcher.find()
                ? Optional.of(new HostPort(matcher.group(1), Integer.parseInt(matcher.group(2)))) : Optional.empty();
    }

    private static Optional<LoadBalancer> byDnsName(Collection<LoadBalancer> loadBalancers, String host) {
        return loadBalancers.stream().filter(lb -> lb.dnsName() != null
                && lb.dnsName().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))).findFirst();
    }

    private static Optional<RestMethod> ownedAny(Map<String, RestMethod> methods) {
        return Optional.ofNullable(methods.get("ANY")).filter(method -> Ownership.ownerOf(method).isPresent());
    }

    private static Optional<String> ownerOfMark(String mark) {
        return mark != null && mark.startsWith(Ownership.OPERATION_PREFIX)
                ? Optional.of(mark.substring(Ownership.OPERATION_PREFIX.length())) : Optional.empty();
    }

    private static boolean isBasePath(String path) {
        return !path.equals("/") && !path.endsWith(GREEDY);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /** The service's name: the last part of its ARN. */
    static String name(String serviceArn) {
        return serviceArn == null ? "nobody" : lastSegment(serviceArn);
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** {@code ...:targetgroup/<name>/<id>}: the name. */
    private static String lastButOneSegment(String arn) {
        String head = arn.substring(0, arn.lastIndexOf('/'));
        return head.substring(head.lastIndexOf('/') + 1);
    }
}
