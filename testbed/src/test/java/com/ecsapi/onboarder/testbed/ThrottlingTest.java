package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Throttling as AWS answers it, so the SDK's adaptive retry is exercised against the test bed. */
class ThrottlingTest extends TestBedTestBase {

    private static Ec2Client ec2;
    private static ElasticLoadBalancingV2Client elb;
    private static ElasticLoadBalancingV2Client elbWithoutRetries;
    private static ApiGatewayClient apiGateway;
    private static ApiGatewayClient apiGatewayWithoutRetries;

    @BeforeAll
    static void clients() {
        ec2 = AwsClients.create(Ec2Client.builder());
        elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
        apiGateway = AwsClients.create(ApiGatewayClient.builder());
        elbWithoutRetries = ElasticLoadBalancingV2Client.builder().overrideConfiguration(noRetries()).build();
        apiGatewayWithoutRetries = ApiGatewayClient.builder().overrideConfiguration(noRetries()).build();
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        elb.close();
        apiGateway.close();
        elbWithoutRetries.close();
        apiGatewayWithoutRetries.close();
    }

    @Test
    void elbThrottlesWithTheQueryProtocolsThrottlingError() {
        moto.throttleNext("DescribeLoadBalancers", 1);

        ElasticLoadBalancingV2Exception error = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elbWithoutRetries.describeLoadBalancers());

        assertAwsError(error, 400, "Throttling");
        assertTrue(error.isThrottlingException());
        assertEquals(0, elbWithoutRetries.describeLoadBalancers().loadBalancers().size(), "only the next call throttled");
    }

    @Test
    void apiGatewayThrottlesWithTooManyRequests() {
        moto.throttleNext("apigateway:CreateRestApi", 1);

        TooManyRequestsException error = assertThrows(TooManyRequestsException.class,
                () -> apiGatewayWithoutRetries.createRestApi(r -> r.name("central")));

        assertAwsError(error, 429, "TooManyRequestsException");
        assertTrue(error.isThrottlingException());
        assertEquals(0, apiGateway.getRestApis().items().size(), "a throttled call changes nothing");
    }

    @Test
    void theSdkRetriesThrottledCallsUntilTheySucceed() {
        Nlb nlb = networkLoadBalancer(ec2, elb, "pool-a");
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        moto.clearCallCounts();
        moto.throttleNext("CreateListener", 2);
        moto.throttleNext("GetResources", 2);

        elb.createListener(r -> r.loadBalancerArn(nlb.arn()).protocol(ProtocolEnum.TCP).port(10000)
                .defaultActions(a -> a.type("forward").targetGroupArn(nlb.targetGroupArn())));
        assertEquals(1, apiGateway.getResources(r -> r.restApiId(apiId)).items().size());

        assertEquals(3, moto.callCounts().get("elasticloadbalancing:CreateListener"));
        assertEquals(3, moto.callCounts().get("apigateway:GetResources"));
        assertEquals(1, elb.describeListeners(r -> r.loadBalancerArn(nlb.arn())).listeners().size());
    }

    @Test
    void elbDescribeCallsShareABucketOf40RefilledAt10PerSecond() {
        moto.enforceElbDescribeRateLimit(true);
        long started = System.nanoTime();
        for (int call = 1; call <= 40; call++) {
            elbWithoutRetries.describeLoadBalancers();
        }
        int succeeded = 40;
        AwsServiceException throttled = null;
        while (throttled == null && succeeded < 400) {
            try {
                elbWithoutRetries.describeTargetGroups();
                succeeded++;
            } catch (AwsServiceException e) {
                throttled = e;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        if (throttled == null) {
            fail("400 Describe calls in " + seconds + " s were never throttled");
        }
        assertAwsError(throttled, 400, "Throttling");
        assertTrue(succeeded <= 40 + 10 * seconds + 1, succeeded + " calls succeeded in " + seconds + " s");
    }

    @Test
    void withoutTheRateLimitDescribeCallsAreNotThrottled() {
        for (int call = 1; call <= 100; call++) {
            elbWithoutRetries.describeLoadBalancers();
        }

        assertEquals(100, moto.callCounts().get("elasticloadbalancing:DescribeLoadBalancers"));
    }
}
