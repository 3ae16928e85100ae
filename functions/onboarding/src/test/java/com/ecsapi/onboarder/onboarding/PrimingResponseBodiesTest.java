package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.PrimingEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The priming endpoint's answers are the bodies AWS would send, in each protocol the functions' clients speak: the
 * SDK's own unmarshallers read every nested shape, list, map and timestamp out of them.
 */
class PrimingResponseBodiesTest {

    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00.123Z");

    @Test
    void queryProtocolXmlWithMemberListsAndIsoTimestamps() throws Exception {
        LoadBalancer lb = through(endpoint -> endpoint.create(ElasticLoadBalancingV2Client.builder()
                .region(Region.US_EAST_1)), elb -> elb.describeLoadBalancers(r -> { }).loadBalancers().get(0));

        assertEquals(SAMPLE_TIME, lb.createdTime());
        assertEquals("priming", lb.availabilityZones().get(0).loadBalancerAddresses().get(0).ipAddress());
        assertEquals(List.of("priming"), lb.securityGroups());
    }

    @Test
    void jsonRpcWithNestedShapesAndEpochSecondTimestamps() throws Exception {
        Service service = through(endpoint -> endpoint.create(EcsClient.builder().region(Region.US_EAST_1)),
                ecs -> ecs.describeServices(r -> r.services("priming")).services().get(0));

        assertEquals(SAMPLE_TIME, service.createdAt());
        assertEquals("priming", service.tags().get(0).key());
        assertEquals(1, service.deployments().get(0).runningCount());
        assertEquals(SAMPLE_TIME, service.deployments().get(0).updatedAt());
    }

    @Test
    void restJsonWithMapsAndARawPayload() throws Exception {
        GetResourcesResponse resources = through(endpoint -> endpoint.create(ApiGatewayClient.builder()
                .region(Region.US_EAST_1)), apiGateway -> apiGateway.getResources(r -> r.restApiId("priming")));
        Integration integration = resources.items().get(0).resourceMethods().get("priming").methodIntegration();
        String export = through(endpoint -> endpoint.create(ApiGatewayClient.builder().region(Region.US_EAST_1)),
                apiGateway -> apiGateway.getExport(r -> r.restApiId("priming").stageName("prod")
                        .exportType("oas30")).body().asUtf8String());

        assertTrue(integration.connectionId().startsWith("priming-connectionId-"), integration.connectionId());
        assertEquals(Map.of("priming", "priming"), integration.requestParameters());
        assertEquals("{}", export, "the export is the body itself");
    }

    @Test
    void restJsonTimestampsInTheFormatTheFieldDeclares() throws Exception {
        Instant created = through(endpoint -> endpoint.create(ApiGatewayV2Client.builder().region(Region.US_EAST_1)),
                apiGatewayV2 -> apiGatewayV2.getApi(r -> r.apiId("priming")).createdDate());
        Double quota = through(endpoint -> endpoint.create(ServiceQuotasClient.builder().region(Region.US_EAST_1)),
                serviceQuotas -> serviceQuotas.getServiceQuota(r -> r.serviceCode("ec2").quotaCode("L-1"))
                        .quota().value());

        assertEquals(SAMPLE_TIME, created, "ISO 8601 (the field's format), not epoch seconds");
        assertEquals(1.0, quota);
    }

    private static <C, T> T through(java.util.function.Function<PrimingEndpoint, C> client,
                                    java.util.function.Function<C, T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        try (PrimingEndpoint endpoint = PrimingEndpoint.start()) {
            C built = client.apply(endpoint);
            endpoint.call(() -> {
                result.set(call.apply(built));
                return null;
            });
            assertEquals(Map.of(), endpoint.failed());
        }
        return result.get();
    }
}
