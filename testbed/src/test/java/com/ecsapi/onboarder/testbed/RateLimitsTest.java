package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.testbed.MotoServer.BucketUse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS's per-account control-plane token buckets, each shown through the real SDK clients without retries (so every
 * throttled answer is visible): a bucket's burst passes, the next call is throttled as AWS throttles it, buckets
 * are independent, a competing client's share is taken off each, and the refill rate holds. The burst tests slow
 * the refill down ({@link #FROZEN}) so that no token comes back while they run.
 */
class RateLimitsTest extends TestBedTestBase {

    private static final double FROZEN = 1e-6;

    private static Ec2Client ec2;
    private static ElasticLoadBalancingV2Client elb;
    private static ElasticLoadBalancingV2Client elbWithRetries;
    private static ApiGatewayClient apiGateway;
    private static ApiGatewayV2Client apiGatewayV2;

    @BeforeAll
    static void clients() {
        ec2 = AwsClients.create(Ec2Client.builder());
        elb = ElasticLoadBalancingV2Client.builder().overrideConfiguration(noRetries()).build();
        elbWithRetries = AwsClients.create(ElasticLoadBalancingV2Client.builder());
        apiGateway = ApiGatewayClient.builder().overrideConfiguration(noRetries()).build();
        apiGatewayV2 = ApiGatewayV2Client.builder().overrideConfiguration(noRetries()).build();
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        elb.close();
        elbWithRetries.close();
        apiGateway.close();
        apiGatewayV2.close();
    }

    /** Calls {@code call} {@code times} times; each must pass. */
    private static void passes(int times, Executable call) throws Throwable {
        for (int i = 0; i < times; i++) {
            call.execute();
        }
    }

    private static void assertRestApiThrottled(Executable call) {
        TooManyRequestsException error = assertThrows(TooManyRequestsException.class, call);
        assertAwsError(error, 429, "TooManyRequestsException");
        assertEquals("Too Many Requests", error.awsErrorDetails().errorMessage());
        assertTrue(error.isThrottlingException());
    }

    /** A REST API AWS would deploy: its root has a method with an integration. */
    private static String deployableRestApi() {
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        String rootId = apiGateway.getResources(r -> r.restApiId(apiId)).items().get(0).id();
        apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(rootId).httpMethod("GET").authorizationType("NONE"));
        apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(rootId).httpMethod("GET").type("MOCK"));
        return apiId;
    }

    private static Map<String, BucketUse> use() {
        return moto.rateLimitUse().stream().collect(Collectors.toMap(BucketUse::name, Function.identity()));
    }

    @Test
    void atTimeScaleOneTheBucketsAreAwssOwn() {
        moto.enforceRateLimits(0, 1);

        Map<String, BucketUse> use = use();

        Map<String, List<Double>> sizes = use.values().stream().collect(Collectors.toMap(BucketUse::name,
                bucket -> List.of(bucket.capacity(), bucket.refillPerSecond())));
        assertEquals(Map.of(
                "apigateway:CreateDeployment", List.of(1.0, 0.2),
                "apigateway:CreateResource", List.of(5.0, 5.0),
                "apigateway:DeleteResource", List.of(5.0, 5.0),
                "apigateway:GetResources", List.of(5.0, 2.5),
                "apigateway:CreateVpcLinkV2", List.of(1.0, 1 / 15.0),
                "apigateway:other", List.of(40.0, 10.0),
                "elasticloadbalancing:Describe", List.of(40.0, 10.0),
                "elasticloadbalancing:write", List.of(20.0, 3.0)), sizes);
    }

    @Test
    void createDeploymentPassesOnceEveryFiveSecondsAndIsAnsweredWithTooManyRequests() {
        String apiId = deployableRestApi();
        moto.enforceRateLimits(0, FROZEN);

        apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
        assertRestApiThrottled(() -> apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod")));

        BucketUse deployments = use().get("apigateway:CreateDeployment");
        assertEquals(new BucketUse("apigateway:CreateDeployment", 1, 0.2 * FROZEN, 1, 1), deployments);
        assertEquals(1, apiGateway.getDeployments(r -> r.restApiId(apiId)).items().size(), "a throttled call does nothing");
    }

    @Test
    void theHttpApiAnswersWithItsOwnTooManyRequestsShapeAndSharesTheDeploymentBucket() {
        String restApiId = deployableRestApi();
        String httpApiId = apiGatewayV2.createApi(r -> r.name("http").protocolType(ProtocolType.HTTP)).apiId();
        apiGatewayV2.createStage(r -> r.apiId(httpApiId).stageName("prod"));
        moto.enforceRateLimits(0, FROZEN);
        apiGateway.createDeployment(r -> r.restApiId(restApiId).stageName("prod"));

        var error = assertThrows(software.amazon.awssdk.services.apigatewayv2.model.TooManyRequestsException.class,
                () -> apiGatewayV2.createDeployment(r -> r.apiId(httpApiId).stageName("prod")));

        assertAwsError(error, 429, "TooManyRequestsException");
        assertEquals("RateLimit", error.limitType());
        assertEquals("Too Many Requests", error.awsErrorDetails().errorMessage());
    }

    @Test
    void createResourceAndDeleteResourceHaveBucketsOfFivePerSecondEach() throws Throwable {
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        String rootId = apiGateway.getResources(r -> r.restApiId(apiId)).items().get(0).id();
        String[] ids = new String[5];
        moto.enforceRateLimits(0, FROZEN);

        for (int i = 0; i < 5; i++) {
            int part = i;
            ids[i] = apiGateway.createResource(r -> r.restApiId(apiId).parentId(rootId).pathPart("p" + part)).id();
        }
        assertRestApiThrottled(() -> apiGateway.createResource(r -> r.restApiId(apiId).parentId(rootId).pathPart("p5")));
        for (String id : ids) {
            apiGateway.deleteResource(r -> r.restApiId(apiId).resourceId(id));
        }
        assertRestApiThrottled(() -> apiGateway.deleteResource(r -> r.restApiId(apiId).resourceId(rootId)));

        assertEquals(5, use().get("apigateway:CreateResource").admitted());
        assertEquals(new BucketUse("apigateway:DeleteResource", 5, 5 * FROZEN, 5, 1), use().get("apigateway:DeleteResource"));
    }

    @Test
    void getResourcesPassesFiveTimesEveryTwoSeconds() throws Throwable {
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        moto.enforceRateLimits(0, FROZEN);

        passes(5, () -> apiGateway.getResources(r -> r.restApiId(apiId)));
        assertRestApiThrottled(() -> apiGateway.getResources(r -> r.restApiId(apiId)));

        assertEquals(new BucketUse("apigateway:GetResources", 5, 2.5 * FROZEN, 5, 1), use().get("apigateway:GetResources"));
        assertEquals(0, use().get("apigateway:other").admitted());
    }

    @Test
    void everyOtherApiGatewayCallOfBothApisSharesTenPerSecondWithABurstOfForty() throws Throwable {
        String apiId = apiGateway.createRestApi(r -> r.name("central")).id();
        moto.enforceRateLimits(0, FROZEN);

        passes(20, () -> apiGateway.getRestApi(r -> r.restApiId(apiId)));
        passes(20, () -> apiGatewayV2.getApis(r -> { }));
        var error = assertThrows(software.amazon.awssdk.services.apigatewayv2.model.TooManyRequestsException.class,
                () -> apiGatewayV2.getVpcLinks(r -> { }));
        assertRestApiThrottled(() -> apiGateway.getStages(r -> r.restApiId(apiId)));

        assertAwsError(error, 429, "TooManyRequestsException");
        BucketUse other = use().get("apigateway:other");
        assertEquals(40, other.admitted());
        assertEquals(2, other.throttled());
        assertEquals(40, other.capacity());
    }

    @Test
    void elbWritesHaveABucketOfTwentyRefilledAtThreePerSecondApartFromTheDescribes() throws Throwable {
        Nlb nlb = networkLoadBalancer(ec2, elbWithRetries, "pool-a");
        moto.enforceRateLimits(0, FROZEN);

        passes(20, () -> elb.addTags(r -> r.resourceArns(nlb.targetGroupArn()).tags(t -> t.key("k").value("v"))));
        ElasticLoadBalancingV2Exception error = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.addTags(r -> r.resourceArns(nlb.targetGroupArn()).tags(t -> t.key("k").value("v"))));
        elb.describeTargetGroups(r -> r.targetGroupArns(nlb.targetGroupArn()));

        assertAwsError(error, 400, "Throttling");
        assertTrue(error.isThrottlingException());
        assertEquals(new BucketUse("elasticloadbalancing:write", 20, 3 * FROZEN, 20, 1), use().get("elasticloadbalancing:write"));
        assertEquals(1, use().get("elasticloadbalancing:Describe").admitted());
    }

    @Test
    void elbDescribeCallsShareABucketOfFortyRefilledAtTenPerSecond() throws Throwable {
        moto.enforceRateLimits(0, FROZEN);

        passes(40, () -> elb.describeLoadBalancers());
        ElasticLoadBalancingV2Exception error = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.describeTargetGroups());

        assertAwsError(error, 400, "Throttling");
        assertEquals(new BucketUse("elasticloadbalancing:Describe", 40, 10 * FROZEN, 40, 1),
                use().get("elasticloadbalancing:Describe"));
    }

    @Test
    void aCompetingClientTakingNinetyPercentLeavesATenthOfEachBucketAndAtLeastOneToken() throws Throwable {
        String apiId = deployableRestApi();
        moto.enforceRateLimits(0.9, FROZEN);

        passes(4, () -> apiGateway.getRestApi(r -> r.restApiId(apiId)));
        assertRestApiThrottled(() -> apiGateway.getRestApi(r -> r.restApiId(apiId)));
        apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));

        Map<String, BucketUse> use = use();
        assertEquals(4, use.get("apigateway:other").capacity(), 1e-9);
        assertEquals(1, use.get("apigateway:CreateDeployment").capacity(), "one token stays");
        assertEquals(10 * 0.1 * FROZEN, use.get("apigateway:other").refillPerSecond(), 1e-15);
    }

    @Test
    void aBucketRefillsAtItsRateTimesTheTimeScale() {
        String apiId = deployableRestApi();
        moto.enforceRateLimits(0.9, 100);
        long started = System.nanoTime();
        double seconds = 0;
        while (seconds < 1.5) {
            try {
                apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            } catch (TooManyRequestsException throttled) {
                // counted by the test bed
            }
            seconds = (System.nanoTime() - started) / 1e9;
        }

        BucketUse deployments = use().get("apigateway:CreateDeployment");
        double refill = 0.2 * 0.1 * 100;
        assertEquals(refill, deployments.refillPerSecond(), 1e-9);
        assertTrue(deployments.admitted() <= 1 + refill * seconds + 1, deployments + " in " + seconds + " s");
        assertTrue(deployments.admitted() >= refill * seconds - 1, deployments + " in " + seconds + " s");
        assertTrue(deployments.throttled() > 0, "the bucket ran dry: " + deployments);
        assertTrue(deployments.minimumSeconds() <= seconds, deployments.minimumSeconds() + " > " + seconds);
    }

    @Test
    void offNothingIsThrottledAndNoBucketIsReported() throws Throwable {
        String apiId = deployableRestApi();
        moto.enforceRateLimits(0.9, 1);
        moto.stopRateLimits();

        passes(3, () -> apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod")));

        assertEquals(List.of(), moto.rateLimitUse());
    }
}
