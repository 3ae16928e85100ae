package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** API Gateway REST API rules AWS enforces and moto 5.2.1 does not. */
class RestApiRulesTest extends TestBedTestBase {

    private static ApiGatewayClient apiGateway;
    private String apiId;
    private String rootId;

    @BeforeAll
    static void clients() {
        apiGateway = AwsClients.create(ApiGatewayClient.builder());
    }

    @AfterAll
    static void closeClients() {
        apiGateway.close();
    }

    @BeforeEach
    void restApi() {
        apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        rootId = apiGateway.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    }

    @Test
    void aDuplicatePathUnderTheSameParentFailsWithConflict() {
        createResource(rootId, "orders");

        ConflictException error = assertThrows(ConflictException.class, () -> createResource(rootId, "orders"));

        assertAwsError(error, 409, "ConflictException");
        assertEquals(List.of("/", "/orders"), paths());
    }

    @Test
    void theSamePathPartUnderAnotherParentIsFree() {
        String orders = createResource(rootId, "orders");
        String payments = createResource(rootId, "payments");
        createResource(orders, "{proxy+}");

        createResource(payments, "{proxy+}");

        assertEquals(List.of("/", "/orders", "/orders/{proxy+}", "/payments", "/payments/{proxy+}"), paths());
    }

    @Test
    void anUnknownParentFailsWithNotFoundAndCreatesNothing() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> createResource("unknown123", "orders"));

        assertAwsError(error, 404, "NotFoundException");
        assertEquals(List.of("/"), paths());
    }

    @Test
    void aVpcLinkIntegrationKeepsItsConnectionId() {
        String vpcLinkId = vpcLink();
        String proxy = createResource(createResource(rootId, "orders"), "{proxy+}");
        apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").authorizationType("NONE"));

        String putAnswer = apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY")
                .uri("http://pool-a.elb.amazonaws.com:10000/{proxy}")
                .connectionType(ConnectionType.VPC_LINK).connectionId(vpcLinkId)).connectionId();

        assertEquals(vpcLinkId, putAnswer);
        assertEquals(vpcLinkId, apiGateway.getIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY"))
                .connectionId());
        assertEquals(vpcLinkId, apiGateway.getMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY"))
                .methodIntegration().connectionId());
    }

    @Test
    void deletingAResourceDeletesItsChildren() {
        String orders = createResource(rootId, "orders");
        createResource(createResource(orders, "{proxy+}"), "deeper");
        createResource(rootId, "payments");

        apiGateway.deleteResource(r -> r.restApiId(apiId).resourceId(orders));

        assertEquals(List.of("/", "/payments"), paths());
    }

    @Test
    void deletingAnUnknownResourceFailsWithNotFound() {
        createResource(rootId, "orders");

        NotFoundException error = assertThrows(NotFoundException.class,
                () -> apiGateway.deleteResource(r -> r.restApiId(apiId).resourceId("unknown123")));

        assertAwsError(error, 404, "NotFoundException");
        assertEquals(List.of("/", "/orders"), paths());
    }

    @Test
    void aDeploymentIsRefusedWhileAnyMethodHasNoIntegration() {
        String orders = createResource(rootId, "orders");
        proxyMethod(orders, "ecs-api-onboarder:orders", "http://pool-a:10000/");
        String payments = createResource(rootId, "payments");
        apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(payments).httpMethod("ANY").authorizationType("NONE"));

        BadRequestException error = assertThrows(BadRequestException.class, () -> deploy("prod"));

        assertAwsError(error, 400, "BadRequestException");
        assertEquals("No integration defined for method", error.awsErrorDetails().errorMessage());
        assertEquals(0, apiGateway.getDeployments(r -> r.restApiId(apiId)).items().size());

        apiGateway.deleteMethod(r -> r.restApiId(apiId).resourceId(payments).httpMethod("ANY"));
        deploy("prod");
        assertEquals(1, apiGateway.getDeployments(r -> r.restApiId(apiId)).items().size());
    }

    @Test
    void aStageExportsWhatItsDeploymentServesNotTheApiAsItIsNow() {
        String orders = createResource(rootId, "orders");
        proxyMethod(orders, "ecs-api-onboarder:orders", "http://pool-a:10000/");
        deploy("prod");
        apiGateway.deleteResource(r -> r.restApiId(apiId).resourceId(orders));
        proxyMethod(createResource(rootId, "payments"), "ecs-api-onboarder:payments", "http://pool-a:10001/");

        assertEquals(Map.of("/orders", "ecs-api-onboarder:orders http_proxy http://pool-a:10000/ VPC_LINK link1"),
                served("prod"), "the stage still serves the removed /orders, and not yet /payments");

        deploy("prod");

        assertEquals(Map.of("/payments", "ecs-api-onboarder:payments http_proxy http://pool-a:10001/ VPC_LINK link1"),
                served("prod"));
    }

    @Test
    void theExportOfAnUnknownStageIsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> apiGateway.getExport(r -> r
                .restApiId(apiId).stageName("prod").exportType("oas30")));

        assertAwsError(error, 404, "NotFoundException");
    }

    private void proxyMethod(String resourceId, String operationName, String uri) {
        apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("ANY").authorizationType("NONE")
                .operationName(operationName));
        apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri(uri)
                .connectionType(ConnectionType.VPC_LINK).connectionId("link1"));
    }

    private void deploy(String stage) {
        apiGateway.createDeployment(r -> r.restApiId(apiId).stageName(stage));
    }

    /** Path -> "operationId type uri connectionType connectionId" of the ANY methods the stage serves. */
    private Map<String, String> served(String stage) {
        JsonNode export = Json.parse(apiGateway.getExport(r -> r.restApiId(apiId).stageName(stage).exportType("oas30")
                .parameters(Map.of("extensions", "integrations")).accepts("application/json")).body().asUtf8String());
        Map<String, String> served = new TreeMap<>();
        export.field("paths").orElseThrow().asObject().forEach((path, methods) -> {
            JsonNode method = methods.field("x-amazon-apigateway-any-method").orElseThrow();
            JsonNode integration = method.field("x-amazon-apigateway-integration").orElseThrow();
            served.put(path, String.join(" ", method.field("operationId").orElseThrow().text(),
                    Json.text(integration, "type").orElseThrow(), Json.text(integration, "uri").orElseThrow(),
                    Json.text(integration, "connectionType").orElseThrow(),
                    Json.text(integration, "connectionId").orElseThrow()));
        });
        return served;
    }

    private String createResource(String parentId, String pathPart) {
        return apiGateway.createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(pathPart)).id();
    }

    private List<String> paths() {
        return apiGateway.getResources(r -> r.restApiId(apiId)).items().stream().map(Resource::path).sorted().toList();
    }

    private static String vpcLink() {
        try (Ec2Client ec2 = AwsClients.create(Ec2Client.builder());
             ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder())) {
            Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
            return apiGateway.createVpcLink(r -> r.name("pool-a").targetArns(nlb.arn())).id();
        }
    }
}
