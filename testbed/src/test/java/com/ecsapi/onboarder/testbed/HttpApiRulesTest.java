package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Deployment;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** API Gateway HTTP API rules AWS enforces and moto 5.2.1 does not. */
class HttpApiRulesTest extends TestBedTestBase {

    private static ApiGatewayV2Client apiGateway;

    @BeforeAll
    static void clients() {
        apiGateway = AwsClients.create(ApiGatewayV2Client.builder());
    }

    @AfterAll
    static void closeClients() {
        apiGateway.close();
    }

    @Test
    void aDuplicateRouteKeyFailsWithConflict() {
        String apiId = apiGateway.createApi(r -> r.name("central-http").protocolType(ProtocolType.HTTP)).apiId();
        apiGateway.createRoute(r -> r.apiId(apiId).routeKey("ANY /orders/{proxy+}"));

        ConflictException error = assertThrows(ConflictException.class,
                () -> apiGateway.createRoute(r -> r.apiId(apiId).routeKey("ANY /orders/{proxy+}")));

        assertAwsError(error, 409, "ConflictException");
        assertEquals(List.of("ANY /orders/{proxy+}"), routeKeys(apiId));
    }

    @Test
    void theSameRouteKeyInAnotherApiIsFree() {
        String first = apiGateway.createApi(r -> r.name("first").protocolType(ProtocolType.HTTP)).apiId();
        String second = apiGateway.createApi(r -> r.name("second").protocolType(ProtocolType.HTTP)).apiId();
        apiGateway.createRoute(r -> r.apiId(first).routeKey("ANY /orders"));

        apiGateway.createRoute(r -> r.apiId(second).routeKey("ANY /orders"));

        assertEquals(List.of("ANY /orders"), routeKeys(second));
    }

    @Test
    void httpApiDeploymentsAreCreatedForAnExistingStageAndListed() {
        String apiId = apiGateway.createApi(r -> r.name("central-http").protocolType(ProtocolType.HTTP)).apiId();
        apiGateway.createStage(r -> r.apiId(apiId).stageName("prod").autoDeploy(false));

        CreateDeploymentResponse created = apiGateway.createDeployment(r -> r.apiId(apiId).stageName("prod")
                .description("batch"));

        assertEquals(DeploymentStatus.DEPLOYED, created.deploymentStatus());
        assertEquals("batch", created.description());
        List<Deployment> listed = apiGateway.getDeployments(r -> r.apiId(apiId)).items();
        assertEquals(List.of(created.deploymentId()), listed.stream().map(Deployment::deploymentId).toList());
        assertEquals(1, moto.callCounts().get("apigateway:CreateDeployment"));
    }

    @Test
    void anHttpApiDeploymentToAnUnknownStageOrApiIsNotFound() {
        String apiId = apiGateway.createApi(r -> r.name("central-http").protocolType(ProtocolType.HTTP)).apiId();

        NotFoundException noStage = assertThrows(NotFoundException.class,
                () -> apiGateway.createDeployment(r -> r.apiId(apiId).stageName("missing")));
        NotFoundException noApi = assertThrows(NotFoundException.class,
                () -> apiGateway.createDeployment(r -> r.apiId("nosuchapi1").stageName("prod")));

        assertAwsError(noStage, 404, "NotFoundException");
        assertAwsError(noApi, 404, "NotFoundException");
        assertEquals(List.of(), apiGateway.getDeployments(r -> r.apiId(apiId)).items());
    }

    private static List<String> routeKeys(String apiId) {
        return apiGateway.getRoutes(r -> r.apiId(apiId)).items().stream().map(Route::routeKey).sorted().toList();
    }
}
