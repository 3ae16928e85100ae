package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotoServerTest extends TestBedTestBase {

    private static Ec2Client ec2;
    private static ServiceQuotasClient serviceQuotas;
    private static ApiGatewayClient apiGateway;
    private static ElasticLoadBalancingV2Client elbWithoutRetries;

    @BeforeAll
    static void clients() {
        ec2 = AwsClients.create(Ec2Client.builder());
        serviceQuotas = AwsClients.create(ServiceQuotasClient.builder());
        apiGateway = AwsClients.create(ApiGatewayClient.builder());
        elbWithoutRetries = ElasticLoadBalancingV2Client.builder().overrideConfiguration(noRetries()).build();
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        serviceQuotas.close();
        apiGateway.close();
        elbWithoutRetries.close();
    }

    @Test
    void servesOnALoopbackPortAndPointsTheSdkAtIt() {
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        assertTrue(moto.endpoint().getPort() > 0);
        assertEquals(moto.endpoint().toString(), System.getProperty("aws.endpointUrl"));
        assertEquals(moto.endpoint().toString(), moto.clientEnvironment().get("AWS_ENDPOINT_URL"));
        assertEquals("us-east-1", moto.clientEnvironment().get("AWS_REGION"));

        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();

        assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().size());
    }

    @Test
    void resetClearsMotoState() {
        ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16"));
        Filter byCidr = Filter.builder().name("cidr").values("10.2.0.0/16").build();
        assertEquals(1, ec2.describeVpcs(r -> r.filters(byCidr)).vpcs().size());

        moto.reset();

        assertEquals(0, ec2.describeVpcs(r -> r.filters(byCidr)).vpcs().size());
    }

    @Test
    void resetClearsTestBedState() {
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 35);
        moto.failServiceQuotas(true);
        moto.throttleNext("DescribeLoadBalancers", 5);
        moto.enforceElbDescribeRateLimit(true);
        ec2.describeVpcs();
        assertEquals(1, moto.callCounts().get("ec2:DescribeVpcs"));

        moto.reset();

        assertEquals(Map.of(), moto.callCounts());
        assertEquals(20.0, serviceQuotas.getServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F"))
                .quota().value(), "applied quota and failure gone");
        for (int call = 1; call <= 60; call++) {
            elbWithoutRetries.describeLoadBalancers();
        }
        assertEquals(60, moto.callCounts().get("elasticloadbalancing:DescribeLoadBalancers"),
                "neither throttled nor rate limited");
    }

    @Test
    void countsEveryRequestByServiceAndOperationAcrossProtocols() {
        ec2.describeVpcs();
        ec2.describeVpcs();
        serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F"));
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        String rootId = apiGateway.getResources(r -> r.restApiId(apiId)).items().get(0).id();
        apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(rootId).httpMethod("GET").authorizationType("NONE"));
        apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(rootId).httpMethod("GET").type("MOCK"));

        assertEquals(Map.of(
                "ec2:DescribeVpcs", 2,
                "servicequotas:GetAWSDefaultServiceQuota", 1,
                "apigateway:CreateRestApi", 1,
                "apigateway:GetResources", 1,
                "apigateway:PutMethod", 1,
                "apigateway:PutIntegration", 1), moto.callCounts());

        moto.clearCallCounts();

        assertEquals(Map.of(), moto.callCounts());
    }
}
