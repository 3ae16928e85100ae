package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** API Gateway REST API reads and writes: resources with their methods, VPC links, deployments. */
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

    /** {@code ANY} with an HTTP_PROXY integration through a VPC link; {@code greedy} maps the proxy path parameter. */
    public RestMethod putProxyMethod(String apiId, String resourceId, boolean putMethod, String operationName,
                                     String uri, String vpcLinkId, String integrationTarget, boolean greedy) {
        if (putMethod) {
            apiGateway.putMethod(request -> request.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                    .authorizationType("NONE").operationName(operationName)
                    .requestParameters(greedy ? Map.of(PROXY_REQUEST, true) : Map.of()));
        }
        apiGateway.putIntegration(request -> request.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri(uri)
                .connectionType(ConnectionType.VPC_LINK).connectionId(vpcLinkId).integrationTarget(integrationTarget)
                .requestParameters(greedy ? Map.of("integration.request.path.proxy", PROXY_REQUEST) : Map.of())
                .cacheKeyParameters(greedy ? List.of(PROXY_REQUEST) : List.of()));
        return new RestMethod("ANY", operationName, "HTTP_PROXY", uri, "VPC_LINK", vpcLinkId, integrationTarget);
    }

    public void deleteResource(String apiId, String resourceId) {
        try {
            apiGateway.deleteResource(request -> request.restApiId(apiId).resourceId(resourceId));
        } catch (NotFoundException e) {
            // already gone, e.g. with its parent
        }
    }

    /**
     * Deploys the API's current resources to an existing stage; empty when the stage does not exist (a
     * CreateDeployment naming an unknown stage would create it).
     */
    public Optional<String> deploy(String apiId, String stage, String description) {
        try {
            apiGateway.getStage(request -> request.restApiId(apiId).stageName(stage));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(apiGateway.createDeployment(request -> request.restApiId(apiId).stageName(stage)
                .description(description)).id());
    }

    /** The names of the API's stages; empty when the API does not exist. */
    public Set<String> stageNames(String apiId) {
        try {
            Set<String> names = new TreeSet<>();
            apiGateway.getStages(request -> request.restApiId(apiId)).item().forEach(stage -> names.add(stage.stageName()));
            return names;
        } catch (NotFoundException e) {
            return Set.of();
        }
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
