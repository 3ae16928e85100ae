package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.util.List;

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
