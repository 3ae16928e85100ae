package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.TlsConfigInput;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** API Gateway v2 reads and writes: HTTP APIs' routes and integrations, their deployments, VPC links V2. */
public final class HttpApis {

    private final ApiGatewayV2Client apiGateway;

    public HttpApis(ApiGatewayV2Client apiGateway) {
        this.apiGateway = apiGateway;
    }

    /** True when {@code apiId} names an HTTP API (a WebSocket API is not one). */
    public boolean isHttpApi(String apiId) {
        try {
            return "HTTP".equals(apiGateway.getApi(request -> request.apiId(apiId)).protocolTypeAsString());
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The API's routes and integrations; empty when it does not exist. */
    public Optional<HttpApi> api(String apiId) {
        try {
            List<HttpRoute> routes = pages(token -> {
                var page = apiGateway.getRoutes(request -> request.apiId(apiId).nextToken(token));
                return new Page<>(page.items(), page.nextToken());
            }).stream().map(HttpApis::toRoute).toList();
            List<HttpIntegration> integrations = pages(token -> {
                var page = apiGateway.getIntegrations(request -> request.apiId(apiId).nextToken(token));
                return new Page<>(page.items(), page.nextToken());
            }).stream().map(HttpApis::toIntegration).toList();
            return Optional.of(new HttpApi(apiId, routes, integrations));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every VPC link V2 with its subnets. */
    public List<VpcLinkV2> vpcLinks() {
        List<VpcLink> links = pages(token -> {
            var page = apiGateway.getVpcLinks(request -> request.nextToken(token));
            return new Page<>(page.items(), page.nextToken());
        });
        return links.stream().map(link -> new VpcLinkV2(link.vpcLinkId(), link.name(), link.vpcLinkStatusAsString(),
                link.subnetIds())).toList();
    }

    /** Creates ({@code integrationId} null) or rewrites an HTTP_PROXY integration through a VPC link V2. */
    public HttpIntegration putIntegration(String apiId, String integrationId, String uri, String vpcLinkId,
                                          String serverName, String description) {
        TlsConfigInput tls = serverName == null ? null : TlsConfigInput.builder().serverNameToVerify(serverName).build();
        String id;
        if (integrationId == null) {
            id = apiGateway.createIntegration(request -> request.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                    .integrationMethod("ANY").integrationUri(uri).connectionType(ConnectionType.VPC_LINK)
                    .connectionId(vpcLinkId).payloadFormatVersion("1.0").description(description).tlsConfig(tls))
                    .integrationId();
        } else {
            id = apiGateway.updateIntegration(request -> request.apiId(apiId).integrationId(integrationId)
                    .integrationType(IntegrationType.HTTP_PROXY).integrationMethod("ANY").integrationUri(uri)
                    .connectionType(ConnectionType.VPC_LINK).connectionId(vpcLinkId).description(description)
                    .tlsConfig(tls)).integrationId();
        }
        return new HttpIntegration(id, "HTTP_PROXY", uri, "VPC_LINK", vpcLinkId, serverName, description);
    }

    public HttpRoute createRoute(String apiId, String routeKey, String operationName, String integrationId) {
        String target = "integrations/" + integrationId;
        String id = apiGateway.createRoute(request -> request.apiId(apiId).routeKey(routeKey).target(target)
                .operationName(operationName)).routeId();
        return new HttpRoute(id, routeKey, target, operationName);
    }

    public void retargetRoute(String apiId, String routeId, String integrationId) {
        apiGateway.updateRoute(request -> request.apiId(apiId).routeId(routeId).target("integrations/" + integrationId));
    }

    public void deleteRoute(String apiId, String routeId) {
        try {
            apiGateway.deleteRoute(request -> request.apiId(apiId).routeId(routeId));
        } catch (NotFoundException e) {
            // already gone
        }
    }

    public void deleteIntegration(String apiId, String integrationId) {
        try {
            apiGateway.deleteIntegration(request -> request.apiId(apiId).integrationId(integrationId));
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /**
     * Makes the stage serve the API's current routes: nothing to do for an auto-deploy stage; a deployment
     * otherwise. Empty when the stage does not exist (nothing serves stale routes there).
     */
    public Optional<String> deploy(String apiId, String stageName, String description) {
        Boolean autoDeploy;
        try {
            autoDeploy = apiGateway.getStage(request -> request.apiId(apiId).stageName(stageName)).autoDeploy();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(autoDeploy)) {
            return Optional.of("auto-deploy");
        }
        return Optional.of(apiGateway.createDeployment(request -> request.apiId(apiId).stageName(stageName)
                .description(description)).deploymentId());
    }

    /** The names of the API's stages; empty when the API does not exist. */
    public Set<String> stageNames(String apiId) {
        try {
            Set<String> names = new TreeSet<>();
            pages(token -> {
                var page = apiGateway.getStages(request -> request.apiId(apiId).nextToken(token));
                return new Page<>(page.items(), page.nextToken());
            }).forEach(stage -> names.add(stage.stageName()));
            return names;
        } catch (NotFoundException e) {
            return Set.of();
        }
    }

    private record Page<T>(List<T> items, String nextToken) {
    }

    private static <T> List<T> pages(Function<String, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            Page<T> page = fetch.apply(token);
            all.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private static HttpRoute toRoute(Route route) {
        return new HttpRoute(route.routeId(), route.routeKey(), route.target(), route.operationName());
    }

    private static HttpIntegration toIntegration(Integration integration) {
        return new HttpIntegration(integration.integrationId(), integration.integrationTypeAsString(),
                integration.integrationUri(), integration.connectionTypeAsString(), integration.connectionId(),
                integration.tlsConfig() == null ? null : integration.tlsConfig().serverNameToVerify(),
                integration.description());
    }
}
