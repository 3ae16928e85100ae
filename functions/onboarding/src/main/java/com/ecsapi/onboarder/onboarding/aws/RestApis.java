package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API Gateway REST API reads and writes: resources with their methods, stages, VPC links, deployments. */
public final class RestApis {

    private static final String PROXY_REQUEST = "method.request.path.proxy";
    private final ApiGatewayClient apiGateway;

    public RestApis(ApiGatewayClient apiGateway) {
        this.apiGateway = apiGateway;
    }

    /** Every resource with its methods and integrations; empty when the API does not exist. */
    public Optional<List<RestResource>> resources(String apiId) {
        try {
            List<RestResource> resources = new ArrayList<>();
            apiGateway.getResourcesPaginator(request -> request.restApiId(apiId).embed("methods").limit(500))
                    .forEach(page -> page.items().forEach(resource -> resources.add(toResource(resource))));
            return Optional.of(resources);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public List<VpcLink> vpcLinks() {
        List<VpcLink> links = new ArrayList<>();
        apiGateway.getVpcLinksPaginator(request -> request.limit(500)).forEach(page -> page.items().forEach(link ->
                links.add(new VpcLink(link.id(), link.name(), link.statusAsString(), link.targetArns()))));
        return links;
    }

    /** A VPC link (V1) to one NLB; it starts PENDING and becomes AVAILABLE minutes later. */
    public VpcLink createVpcLink(String name, String nlbArn, Map<String, String> tags) {
        var link = apiGateway.createVpcLink(request -> request.name(name).targetArns(nlbArn).tags(tags)
                .description("created by ecs-api-onboarder for " + nlbArn));
        return new VpcLink(link.id(), link.name(), link.statusAsString(), link.targetArns());
    }

    public RestResource createResource(String apiId, String parentId, String path) {
        String pathPart = path.substring(path.lastIndexOf('/') + 1);
        var created = apiGateway.createResource(request -> request.restApiId(apiId).parentId(parentId).pathPart(pathPart));
        return new RestResource(created.id(), parentId, path, Map.of());
    }

    /** {@code ANY} without its integration yet; {@code greedy} declares the proxy path parameter. */
    public void putProxyMethod(String apiId, String resourceId, String operationName, boolean greedy) {
        apiGateway.putMethod(request -> request.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                .authorizationType("NONE").operationName(operationName)
                .requestParameters(greedy ? Map.of(PROXY_REQUEST, true) : Map.of()));
    }

    /** The HTTP_PROXY integration of {@code ANY} through a VPC link; {@code greedy} maps the proxy path parameter. */
    public RestMethod putProxyIntegration(String apiId, String resourceId, String operationName, String uri,
                                          String vpcLinkId, String integrationTarget, boolean greedy) {
        apiGateway.putIntegration(request -> request.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri(uri)
                .connectionType(ConnectionType.VPC_LINK).connectionId(vpcLinkId).integrationTarget(integrationTarget)
                .requestParameters(greedy ? Map.of("integration.request.path.proxy", PROXY_REQUEST) : Map.of())
                .cacheKeyParameters(greedy ? List.of(PROXY_REQUEST) : List.of()));
        return new RestMethod("ANY", operationName, "HTTP_PROXY", uri, "VPC_LINK", vpcLinkId, integrationTarget);
    }

    public void deleteMethod(String apiId, String resourceId, String httpMethod) {
        try {
            apiGateway.deleteMethod(request -> request.restApiId(apiId).resourceId(resourceId).httpMethod(httpMethod));
        } catch (NotFoundException e) {
            // already gone, e.g. with its resource
        }
    }

    /**
     * Every stage of the API with what it serves (GetStages, then GetExport of each stage with its integrations);
     * empty when the API does not exist.
     */
    public Optional<List<DeployedStage>> stages(String apiId) {
        try {
            List<DeployedStage> stages = new ArrayList<>();
            Map<String, Map<String, Map<String, RestMethod>>> byDeployment = new HashMap<>();
            for (var stage : apiGateway.getStages(request -> request.restApiId(apiId)).item()) {
                stages.add(new DeployedStage(stage.stageName(), byDeployment.computeIfAbsent(
                        stage.deploymentId(), id -> served(apiId, stage.stageName()))));
            }
            return Optional.of(stages);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Map<String, Map<String, RestMethod>> served(String apiId, String stage) {
        JsonNode export = Json.parse(apiGateway.getExport(request -> request.restApiId(apiId).stageName(stage)
                .exportType("oas30").parameters(Map.of("extensions", "integrations")).accepts("application/json"))
                .body().asUtf8String());
        Map<String, Map<String, RestMethod>> served = new LinkedHashMap<>();
        Json.at(export, "paths").filter(JsonNode::isObject).ifPresent(paths -> paths.asObject().forEach((path, node) -> {
            Map<String, RestMethod> methods = new LinkedHashMap<>();
            if (node.isObject()) {
                node.asObject().forEach((key, operation) -> httpMethod(key).ifPresent(name ->
                        methods.put(name, exportedMethod(name, operation))));
            }
            served.put(path, methods);
        }));
        return served;
    }

    /** An OpenAPI operation key as an API Gateway HTTP method; parameters, servers and other keys are none. */
    private static Optional<String> httpMethod(String key) {
        if (key.equals("x-amazon-apigateway-any-method")) {
            return Optional.of("ANY");
        }
        return List.of("get", "put", "post", "delete", "options", "head", "patch").contains(key)
                ? Optional.of(key.toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    private static RestMethod exportedMethod(String name, JsonNode operation) {
        String integration = "x-amazon-apigateway-integration";
        return new RestMethod(name, Json.text(operation, "operationId").orElse(null),
                Json.text(operation, integration, "type").map(type -> type.toUpperCase(Locale.ROOT)).orElse(null),
                Json.text(operation, integration, "uri").orElse(null),
                Json.text(operation, integration, "connectionType").orElse(null),
                Json.text(operation, integration, "connectionId").orElse(null),
                Json.text(operation, integration, "integrationTarget").orElse(null));
    }

    public void deleteResource(String apiId, String resourceId) {
        try {
            apiGateway.deleteResource(request -> request.restApiId(apiId).resourceId(resourceId));
        } catch (NotFoundException e) {
            // already gone, e.g. with its parent
        }
    }

    /**
     * Deploys the API's current resources to a stage; the caller makes sure it exists (a CreateDeployment naming
     * an unknown stage would create it).
     */
    public String deploy(String apiId, String stage, String description) {
        return apiGateway.createDeployment(request -> request.restApiId(apiId).stageName(stage)
                .description(description)).id();
    }

    private static RestResource toResource(Resource resource) {
        Map<String, RestMethod> methods = new LinkedHashMap<>();
        resource.resourceMethods().forEach((name, method) -> methods.put(name, toMethod(name, method)));
        return new RestResource(resource.id(), resource.parentId(), resource.path(), methods);
    }

    private static RestMethod toMethod(String name, Method method) {
        var integration = method.methodIntegration();
        return new RestMethod(name, method.operationName(),
                integration == null ? null : integration.typeAsString(),
                integration == null ? null : integration.uri(),
                integration == null ? null : integration.connectionTypeAsString(),
                integration == null ? null : integration.connectionId(),
                integration == null ? null : integration.integrationTarget());
    }
}
