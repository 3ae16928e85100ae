package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static java.util.Comparator.comparing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Injected faults answer as each service does, in each wire protocol (REST-JSON, query, JSON), so the SDK
 * classifies them as it would AWS's answers: throttling and 5xx retried, 4xx not.
 */
class FaultInjectionTest extends TestBedTestBase {

    private static final List<SdkClient> CLIENTS = new ArrayList<>();

    private static ApiGatewayClient apiGateway;
    private static ApiGatewayClient apiGatewayWithoutRetries;
    private static ApiGatewayV2Client apiGatewayV2;
    private static ApiGatewayV2Client apiGatewayV2WithoutRetries;
    private static ElasticLoadBalancingV2Client elb;
    private static ElasticLoadBalancingV2Client elbWithoutRetries;
    private static CloudWatchClient cloudWatch;
    private static CloudWatchClient cloudWatchWithoutRetries;
    private static EcsClient ecs;
    private static EcsClient ecsWithoutRetries;
    private static ServiceQuotasClient serviceQuotas;
    private static ServiceQuotasClient serviceQuotasWithoutRetries;
    private static SqsClient sqs;
    private static SqsClient sqsWithoutRetries;
    private static Ec2Client ec2;

    @BeforeAll
    static void clients() {
        apiGateway = keep(AwsClients.create(ApiGatewayClient.builder()));
        apiGatewayWithoutRetries = keep(ApiGatewayClient.builder().overrideConfiguration(noRetries()).build());
        apiGatewayV2 = keep(AwsClients.create(ApiGatewayV2Client.builder()));
        apiGatewayV2WithoutRetries = keep(ApiGatewayV2Client.builder().overrideConfiguration(noRetries()).build());
        elb = keep(AwsClients.create(ElasticLoadBalancingV2Client.builder()));
        elbWithoutRetries = keep(ElasticLoadBalancingV2Client.builder().overrideConfiguration(noRetries()).build());
        cloudWatch = keep(AwsClients.create(CloudWatchClient.builder()));
        cloudWatchWithoutRetries = keep(CloudWatchClient.builder().overrideConfiguration(noRetries()).build());
        ecs = keep(AwsClients.create(EcsClient.builder()));
        ecsWithoutRetries = keep(EcsClient.builder().overrideConfiguration(noRetries()).build());
        serviceQuotas = keep(AwsClients.create(ServiceQuotasClient.builder()));
        serviceQuotasWithoutRetries = keep(ServiceQuotasClient.builder().overrideConfiguration(noRetries()).build());
        sqs = keep(AwsClients.create(SqsClient.builder()));
        sqsWithoutRetries = keep(SqsClient.builder().overrideConfiguration(noRetries()).build());
        ec2 = keep(AwsClients.create(Ec2Client.builder()));
    }

    private static <C extends SdkClient> C keep(C client) {
        CLIENTS.add(client);
        return client;
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.forEach(SdkClient::close);
    }

    /** What the SDK makes of one injected fault: the exception class, HTTP status and error code. */
    record Answer(Fault fault, Class<? extends AwsServiceException> type, int status, String code) {
    }

    @Test
    void apiGatewayRestApisAnswerTooManyRequestsInternalFailureAndBadRequest() {
        assertAnswers("apigateway", "GetRestApis", apiGatewayWithoutRetries::getRestApis, apiGateway::getRestApis,
                new Answer(Fault.THROTTLING, software.amazon.awssdk.services.apigateway.model.TooManyRequestsException.class,
                        429, "TooManyRequestsException"),
                new Answer(Fault.SERVER_ERROR, ApiGatewayException.class, 500, "InternalFailure"),
                new Answer(Fault.CLIENT_ERROR, software.amazon.awssdk.services.apigateway.model.BadRequestException.class,
                        400, "BadRequestException"));
    }

    @Test
    void apiGatewayHttpApisAnswerTooManyRequestsInternalFailureAndBadRequest() {
        assertAnswers("apigateway", "GetApis", apiGatewayV2WithoutRetries::getApis, apiGatewayV2::getApis,
                new Answer(Fault.THROTTLING,
                        software.amazon.awssdk.services.apigatewayv2.model.TooManyRequestsException.class,
                        429, "TooManyRequestsException"),
                new Answer(Fault.SERVER_ERROR, ApiGatewayV2Exception.class, 500, "InternalFailure"),
                new Answer(Fault.CLIENT_ERROR, software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class,
                        400, "BadRequestException"));
    }

    @Test
    void elbAnswersThrottlingInternalFailureAndValidationError() {
        assertAnswers("elasticloadbalancing", "DescribeLoadBalancers", elbWithoutRetries::describeLoadBalancers,
                elb::describeLoadBalancers,
                new Answer(Fault.THROTTLING, ElasticLoadBalancingV2Exception.class, 400, "Throttling"),
                new Answer(Fault.SERVER_ERROR, ElasticLoadBalancingV2Exception.class, 500, "InternalFailure"),
                new Answer(Fault.CLIENT_ERROR, ElasticLoadBalancingV2Exception.class, 400, "ValidationError"));
    }

    @Test
    void cloudWatchAnswersThrottlingInternalServiceErrorAndInvalidParameterValue() {
        assertAnswers("monitoring", "DescribeAlarms", cloudWatchWithoutRetries::describeAlarms,
                cloudWatch::describeAlarms,
                new Answer(Fault.THROTTLING, CloudWatchException.class, 400, "Throttling"),
                new Answer(Fault.SERVER_ERROR, InternalServiceException.class, 500, "InternalServiceError"),
                new Answer(Fault.CLIENT_ERROR, InvalidParameterValueException.class, 400, "InvalidParameterValue"));
    }

    @Test
    void ecsAnswersThrottlingExceptionServerExceptionAndInvalidParameter() {
        assertAnswers("ecs", "ListClusters", ecsWithoutRetries::listClusters, ecs::listClusters,
                new Answer(Fault.THROTTLING, EcsException.class, 400, "ThrottlingException"),
                new Answer(Fault.SERVER_ERROR, ServerException.class, 500, "ServerException"),
                new Answer(Fault.CLIENT_ERROR, InvalidParameterException.class, 400, "InvalidParameterException"));
    }

    @Test
    void serviceQuotasAnswerTooManyRequestsServiceExceptionAndIllegalArgument() {
        assertAnswers("servicequotas", "GetAWSDefaultServiceQuota",
                () -> serviceQuotasWithoutRetries.getAWSDefaultServiceQuota(r -> r.serviceCode("apigateway")
                        .quotaCode("L-A4C7274F")),
                () -> serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F")),
                new Answer(Fault.THROTTLING, software.amazon.awssdk.services.servicequotas.model.TooManyRequestsException.class,
                        400, "TooManyRequestsException"),
                new Answer(Fault.SERVER_ERROR, ServiceException.class, 500, "ServiceException"),
                new Answer(Fault.CLIENT_ERROR,
                        software.amazon.awssdk.services.servicequotas.model.IllegalArgumentException.class, 400,
                        "IllegalArgumentException"));
    }

    @Test
    void sqsAnswersRequestThrottledInternalFailureAndInvalidParameterValue() {
        assertAnswers("sqs", "ListQueues", sqsWithoutRetries::listQueues, sqs::listQueues,
                new Answer(Fault.THROTTLING, RequestThrottledException.class, 400, "RequestThrottled"),
                new Answer(Fault.SERVER_ERROR, SqsException.class, 500, "InternalFailure"),
                new Answer(Fault.CLIENT_ERROR, SqsException.class, 400, "InvalidParameterValue"));
    }

    /**
     * Each fault armed alone: the client without retries shows the answer; the SDK's own client retries
     * throttling and 5xx (the second attempt succeeds) and gives up on a 4xx at once. Throttling goes last: after
     * it the adaptive client paces its calls for seconds.
     */
    private static void assertAnswers(String service, String operation, Runnable withoutRetries, Runnable withRetries,
                                      Answer... answers) {
        String key = service + ":" + operation;
        for (Answer expected : Stream.of(answers).sorted(comparing(Answer::fault).reversed()).toList()) {
            moto.failNthCall(service, operation, 1, expected.fault());
            AwsServiceException error = assertThrows(AwsServiceException.class, withoutRetries::run);
            assertInstanceOf(expected.type(), error, error.getClass().getName());
            assertAwsError(error, expected.status(), expected.code());
            assertEquals(expected.fault() == Fault.THROTTLING, error.isThrottlingException(), expected.toString());

            moto.failNthCall(service, operation, 1, expected.fault());
            moto.clearCallCounts();
            if (expected.fault() == Fault.CLIENT_ERROR) {
                assertThrows(expected.type(), withRetries::run);
                assertEquals(1, moto.callCounts().get(key), "a 4xx is not retried");
            } else {
                withRetries.run();
                assertEquals(2, moto.callCounts().get(key), expected.fault() + " is retried");
            }
        }
        assertEquals(2 * answers.length, moto.faultsFired());
        assertEquals(0, moto.faultsArmed(), "each fault is used up once fired");
        withoutRetries.run();
    }

    @Test
    void theNthCallFailsAndOnlyIt() {
        moto.failNthCall("elasticloadbalancing", "DescribeTargetGroups", 2, Fault.SERVER_ERROR);

        elbWithoutRetries.describeTargetGroups();
        assertEquals(1, moto.faultsArmed());
        assertThrows(ElasticLoadBalancingV2Exception.class, elbWithoutRetries::describeTargetGroups);
        elbWithoutRetries.describeTargetGroups();

        assertEquals(1, moto.faultsFired());
        assertEquals(0, moto.faultsArmed());
    }

    @Test
    void callsAreCountedFromWhenTheFaultIsArmedAndOtherOperationsDoNotCount() {
        elbWithoutRetries.describeTargetGroups();
        moto.failNthCall("elasticloadbalancing", "DescribeTargetGroups", 2, Fault.CLIENT_ERROR);

        elbWithoutRetries.describeLoadBalancers();
        elbWithoutRetries.describeTargetGroups();

        assertThrows(ElasticLoadBalancingV2Exception.class, elbWithoutRetries::describeTargetGroups);
    }

    @Test
    void twoFaultsOnOneOperationCountTheSameCalls() {
        moto.failNthCall("ecs", "ListClusters", 1, Fault.THROTTLING);
        moto.failNthCall("ecs", "ListClusters", 3, Fault.CLIENT_ERROR);

        assertAwsError(assertThrows(EcsException.class, ecsWithoutRetries::listClusters), 400, "ThrottlingException");
        ecsWithoutRetries.listClusters();
        assertAwsError(assertThrows(EcsException.class, ecsWithoutRetries::listClusters), 400,
                "InvalidParameterException");
        ecsWithoutRetries.listClusters();
    }

    @Test
    void threeFailuresInARowDefeatTheSdksRetriesAndTwoDoNot() {
        moto.failNextCalls("elasticloadbalancing", "DescribeLoadBalancers", 3, Fault.SERVER_ERROR);

        assertAwsError(assertThrows(ElasticLoadBalancingV2Exception.class, elb::describeLoadBalancers), 500,
                "InternalFailure");
        assertEquals(3, moto.callCounts().get("elasticloadbalancing:DescribeLoadBalancers"), "3 attempts");
        assertEquals(3, moto.faultsFired());

        moto.failNextCalls("elasticloadbalancing", "DescribeLoadBalancers", 2, Fault.THROTTLING);
        elb.describeLoadBalancers();
        assertEquals(6, moto.callCounts().get("elasticloadbalancing:DescribeLoadBalancers"));
    }

    @Test
    void aFaultForEveryCallLastsUntilReset() {
        moto.inject(FaultInjection.of("monitoring", "PutMetricData", Fault.SERVER_ERROR).forEveryCall());

        for (int run = 1; run <= 3; run++) {
            assertThrows(InternalServiceException.class, () -> cloudWatch.putMetricData(r -> r.namespace("Test")
                    .metricData(d -> d.metricName("Usage").value(1.0))));
        }
        assertEquals(9, moto.faultsFired());
        assertEquals(1, moto.faultsArmed());

        moto.reset();

        assertEquals(0, moto.faultsArmed());
        assertEquals(0, moto.faultsFired());
        cloudWatch.putMetricData(r -> r.namespace("Test").metricData(d -> d.metricName("Usage").value(1.0)));
    }

    @Test
    void aFaultCanBeNarrowedToRequestsNamingOneResource() {
        Nlb first = networkLoadBalancer(ec2, elb, "pool-a");
        Nlb second = networkLoadBalancer(ec2, elb, "pool-b");
        moto.inject(FaultInjection.of("elasticloadbalancing", "DescribeListeners", Fault.THROTTLING)
                .whenRequestContains(second.arn()).forEveryCall());

        for (int call = 1; call <= 3; call++) {
            elbWithoutRetries.describeListeners(r -> r.loadBalancerArn(first.arn()));
        }
        assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elbWithoutRetries.describeListeners(r -> r.loadBalancerArn(second.arn())));

        assertEquals(1, moto.faultsFired());
    }

    @Test
    void aRestRouteTellsApiGatewayV1AndV2OperationsOfTheSameNameApart() {
        moto.failNthCall("apigateway", "GET /v2/vpclinks", 1, Fault.CLIENT_ERROR);

        apiGatewayWithoutRetries.getVpcLinks();
        assertThrows(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class,
                () -> apiGatewayV2WithoutRetries.getVpcLinks(r -> { }));

        moto.failNthCall("apigateway", "GetVpcLinks", 2, Fault.CLIENT_ERROR);
        apiGatewayV2WithoutRetries.getVpcLinks(r -> { });
        assertThrows(software.amazon.awssdk.services.apigateway.model.BadRequestException.class,
                apiGatewayWithoutRetries::getVpcLinks);
    }

    @Test
    void aRouteTemplateMatchesEveryIdInIt() {
        String first = apiGateway.createRestApi(r -> r.name("first")).id();
        String second = apiGateway.createRestApi(r -> r.name("second")).id();
        moto.failNextCalls("apigateway", "GET /restapis/{api}/resources", 2, Fault.SERVER_ERROR);

        for (String apiId : List.of(first, second)) {
            assertThrows(ApiGatewayException.class, () -> apiGatewayWithoutRetries.getResources(r -> r.restApiId(apiId)));
        }
        assertEquals(2, moto.faultsFired());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFailedWriteChangesNothing(Fault fault) {
        moto.failNthCall("apigateway", "CreateRestApi", 1, fault);

        assertThrows(ApiGatewayException.class, () -> apiGatewayWithoutRetries.createRestApi(r -> r.name("central")));

        assertEquals(0, apiGateway.getRestApis().items().size());
    }

    @Test
    void aFaultWithoutServiceFailsTheOperationOfAnyService() {
        moto.throttleNext("GetVpcLinks", 2);

        assertTrue(assertThrows(ApiGatewayException.class, apiGatewayWithoutRetries::getVpcLinks)
                .isThrottlingException());
        assertTrue(assertThrows(ApiGatewayV2Exception.class, () -> apiGatewayV2WithoutRetries.getVpcLinks(r -> { }))
                .isThrottlingException());
        assertEquals(0, moto.faultsArmed());
    }

    @Test
    void aFaultNeedsAnOperationAndCallsFromOne() {
        Consumer<Runnable> refused = build -> assertThrows(IllegalArgumentException.class, build::run);

        refused.accept(() -> FaultInjection.of("ecs", " ", Fault.THROTTLING));
        refused.accept(() -> FaultInjection.of("ecs", "ListClusters", Fault.THROTTLING).onCall(0));
        refused.accept(() -> FaultInjection.of("ecs", "ListClusters", Fault.THROTTLING).forCalls(0));
    }
}
