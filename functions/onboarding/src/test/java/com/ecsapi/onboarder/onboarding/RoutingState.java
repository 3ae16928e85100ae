package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that decides where a request goes, read from the emulator: listeners, target groups and their
 * targets, REST resources with their integrations, what each REST stage serves (its export), HTTP API routes and
 * integrations. {@link #text} names objects by their names instead of the ids the emulator made up, so two runs
 * of the same story compare equal; {@link #violations} lists what would route a request wrongly.
 */
final class RoutingState {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^[a-z]+://([^/:]+):(\\d+)");
    private static final String OWNER_PREFIX = "ecs-api-onboarder:";

    private final TestLandscape aws;
    private final List<LoadBalancer> loadBalancers;
    private final Map<String, List<Listener>> listeners = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final String text;
    private final List<String> violations;
    private final List<String> unreachable = new ArrayList<>();

    private RoutingState(TestLandscape aws) {
        this.aws = aws;
        loadBalancers = aws.elb.describeLoadBalancers().loadBalancers().stream()
                .sorted(Comparator.comparing(LoadBalancer::loadBalancerName)).toList();
        for (LoadBalancer lb : loadBalancers) {
            names.put(lb.loadBalancerArn(), "lb/" + lb.loadBalancerName());
            names.put(lb.dnsName(), "dns/" + lb.loadBalancerName());
            List<Listener> of = aws.elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
            listeners.put(lb.loadBalancerArn(), of);
            of.forEach(l -> names.put(l.listenerArn(), "listener/" + lb.loadBalancerName() + ":" + l.port()));
        }
        aws.elb.describeTargetGroups().targetGroups().forEach(group -> names.put(group.targetGroupArn(), "tg/"
                + (group.targetGroupName().startsWith("eao-") ? "eao" : group.targetGroupName())));
        aws.apiGateway.getVpcLinks(r -> r.limit(500)).items().forEach(link -> names.put(link.id(),
                "link/" + link.targetArns().stream().map(names::get).toList()));
        aws.apiGatewayV2.getVpcLinks(r -> { }).items().forEach(link -> names.put(link.vpcLinkId(), "linkv2/" + link.name()));
        aws.apiGateway.getRestApis(r -> r.limit(500)).items().forEach(api -> names.put(api.id(), "rest/" + api.name()));
        aws.apiGatewayV2.getApis(r -> { }).items().forEach(api -> names.put(api.apiId(), "http/" + api.name()));
        aws.cloudMap.listServices(r -> { }).services().forEach(service -> names.put(service.arn(), "cloudmap/" + service.name()));
        text = readText();
        violations = readViolations();
    }

    static RoutingState read(TestLandscape aws) {
        return new RoutingState(aws);
    }

    /** One line per listener, target group, REST method, stage route, HTTP route and integration, ids replaced. */
    String text() {
        return text;
    }

    /**
     * What would route a request wrongly: a REST stage serving other than what its API holds, or a route of a
     * stage or an API to a pool NLB port whose listener is missing or belongs to another service.
     */
    List<String> violations() {
        return violations;
    }

    /**
     * The routes, of an API or of what a stage serves, to a pool NLB port whose listener is missing or belongs to
     * another service: those a request would not get through. A stage that serves an older deployment whose
     * listeners still stand is not among them.
     */
    List<String> unreachable() {
        return unreachable;
    }

    private String readText() {
        List<String> lines = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers) {
            for (Listener listener : listeners.get(lb.loadBalancerArn())) {
                lines.add("listener " + lb.loadBalancerName() + ":" + listener.port() + " " + listener.protocolAsString()
                        + " -> " + listener.defaultActions().stream().map(a -> a.targetGroupArn()).toList()
                        + " " + tags(listener.listenerArn()));
            }
        }
        for (TargetGroup group : aws.elb.describeTargetGroups().targetGroups()) {
            lines.add("target group " + group.targetGroupArn() + " " + group.targetTypeAsString() + ":" + group.port()
                    + " on " + group.loadBalancerArns() + " targets " + aws.elb.describeTargetHealth(r -> r
                    .targetGroupArn(group.targetGroupArn())).targetHealthDescriptions().stream()
                    .map(d -> d.target().id() + ":" + d.target().port()).sorted().toList()
                    + " " + tags(group.targetGroupArn()));
        }
        for (var api : aws.apiGateway.getRestApis(r -> r.limit(500)).items()) {
            restMethods(api.id()).forEach(line -> lines.add("rest " + api.id() + " " + line));
            served(api.id()).forEach((stage, routes) -> routes.forEach(route ->
                    lines.add("stage " + api.id() + "/" + stage + " " + route)));
        }
        for (var api : aws.apiGatewayV2.getApis(r -> { }).items()) {
            Map<String, String> descriptions = new HashMap<>();
            for (Integration integration : aws.integrations(api.apiId())) {
                descriptions.put(integration.integrationId(), integration.description());
                lines.add("http " + api.apiId() + " integration " + integration.description() + " "
                        + integration.integrationTypeAsString() + " " + integration.integrationUri() + " "
                        + integration.connectionTypeAsString() + " " + integration.connectionId() + " "
                        + integration.tlsConfig());
            }
            aws.routes(api.apiId()).forEach((key, route) -> lines.add("http " + api.apiId() + " route " + key + " "
                    + route.operationName() + " -> " + descriptions.get(route.target().replace("integrations/", ""))));
        }
        String text = String.join("\n", new TreeSet<>(lines));
        List<String> ids = names.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String id : ids) {
            text = text.replace(id, names.get(id));
        }
        return text;
    }

    private List<String> readViolations() {
        List<String> violations = new ArrayList<>();
        for (var api : aws.apiGateway.getRestApis(r -> r.limit(500)).items()) {
            List<String> held = restMethods(api.id());
            served(api.id()).forEach((stage, routes) -> {
                if (!routes.equals(held)) {
                    violations.add("stage " + stage + " of " + api.name() + " serves " + routes + " but the API holds "
                            + held);
                }
            });
            List<String> routes = new ArrayList<>(held);
            served(api.id()).values().forEach(routes::addAll);
            routes.forEach(route -> wrongPort(route).ifPresent(wrong -> {
                unreachable.add(wrong);
                violations.add(wrong);
            }));
        }
        return violations;
    }

    /** "path METHOD owner TYPE uri connectionType connectionId" per method of the REST API. */
    private List<String> restMethods(String apiId) {
        List<String> lines = new ArrayList<>();
        for (var resource : aws.apiGateway.getResources(r -> r.restApiId(apiId).embed("methods").limit(500)).items()) {
            for (Map.Entry<String, Method> entry : resource.resourceMethods().entrySet()) {
                var integration = entry.getValue().methodIntegration();
                lines.add(route(resource.path(), entry.getKey(), entry.getValue().operationName(),
                        integration == null ? null : integration.typeAsString(),
                        integration == null ? null : integration.uri(),
                        integration == null ? null : integration.connectionTypeAsString(),
                        integration == null ? null : integration.connectionId()));
            }
        }
        return lines.stream().sorted().toList();
    }

    /** Stage name -> the same lines for what the stage serves (GetExport of the stage, with integrations). */
    private Map<String, List<String>> served(String apiId) {
        Map<String, List<String>> byStage = new TreeMap<>();
        for (var stage : aws.apiGateway.getStages(r -> r.restApiId(apiId)).item()) {
            JsonNode export = Json.parse(aws.apiGateway.getExport(r -> r.restApiId(apiId).stageName(stage.stageName())
                    .exportType("oas30").parameters(Map.of("extensions", "integrations")).accepts("application/json"))
                    .body().asUtf8String());
            List<String> lines = new ArrayList<>();
            Json.at(export, "paths").ifPresent(paths -> paths.asObject().forEach((path, methods) ->
                    methods.asObject().forEach((key, operation) -> {
                        String integration = "x-amazon-apigateway-integration";
                        lines.add(route(path, key.equals("x-amazon-apigateway-any-method") ? "ANY"
                                        : key.toUpperCase(Locale.ROOT), Json.text(operation, "operationId").orElse(null),
                                Json.text(operation, integration, "type").map(t -> t.toUpperCase(Locale.ROOT)).orElse(null),
                                Json.text(operation, integration, "uri").orElse(null),
                                Json.text(operation, integration, "connectionType").orElse(null),
                                Json.text(operation, integration, "connectionId").orElse(null)));
                    })));
            byStage.put(stage.stageName(), lines.stream().sorted().toList());
        }
        return byStage;
    }

    private static String route(String path, String method, String owner, String type, String uri, String connectionType,
                                String connectionId) {
        return String.join(" ", path, method, String.valueOf(owner), String.valueOf(type), String.valueOf(uri),
                String.valueOf(connectionType), String.valueOf(connectionId));
    }

    /** A route to a pool NLB's port must reach a listener its own service owns. */
    private java.util.Optional<String> wrongPort(String route) {
        String[] parts = route.split(" ");
        Matcher matcher = HOST_AND_PORT.matcher(parts[4]);
        if (!matcher.find()) {
            return java.util.Optional.empty();
        }
        String owner = parts[2].startsWith(OWNER_PREFIX) ? parts[2].substring(OWNER_PREFIX.length()) : parts[2];
        int port = Integer.parseInt(matcher.group(2));
        for (LoadBalancer lb : loadBalancers) {
            if (!lb.dnsName().equals(matcher.group(1)) || !tags(lb.loadBalancerArn()).containsKey("apigw:pool")) {
                continue;
            }
            Listener listener = listeners.get(lb.loadBalancerArn()).stream().filter(l -> l.port() == port).findFirst()
                    .orElse(null);
            if (listener == null) {
                return java.util.Optional.of(route + ": no listener on " + lb.loadBalancerName() + ":" + port);
            }
            String listenerOwner = tags(listener.listenerArn()).get("ecs-api-onboarder:service");
            if (!owner.equals(listenerOwner)) {
                return java.util.Optional.of(route + ": " + lb.loadBalancerName() + ":" + port + " is " + listenerOwner
                        + "'s");
            }
        }
        return java.util.Optional.empty();
    }

    private Map<String, String> tags(String arn) {
        Map<String, String> tags = new TreeMap<>();
        aws.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().forEach(d -> d.tags()
                .forEach((Tag tag) -> tags.put(tag.key(), tag.value())));
        return tags;
    }
}
