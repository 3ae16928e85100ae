package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.PrimingEndpoint;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import org.joda.time.format.DateTimeFormatter;
import org.joda.time.format.ISODateTimeFormat;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of OnboardingFunction and ReconcileSweepFunction, all through a {@link PrimingEndpoint} (nothing
 * reaches AWS): every AWS operation the two handlers call, reads and writes alike, once; then the handlers' own wiring
 * ({@link Onboarder}) on the endpoint's clients, through the handlers' own entry code and a pacing of its own, on the
 * answers of a sample account ({@link PrimingLandscape}): a batch of two events that onboards its service, and a
 * sweep run, their logs and metrics discarded; and the planners on synthetic landscapes ({@link PlanningSample}),
 * for the patterns and refusals the sample account does not lead to.
 */
final class Priming extends PrimingHook {

    /** The sweep's event: the Lambda runtime reads its time with Joda-Time (of the function's jar, 90 classes). */
    private static final DateTimeFormatter SCHEDULED_EVENT_TIME = ISODateTimeFormat.dateTimeParser();
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/priming/0";
    /**
     * The priming's own pacing runs at this many times AWS's rates: its code runs as in an event, and it never
     * waits (a deployment per 5 s would make the 10 rounds take minutes).
     */
    private static final double UNPACED = 10_000;

    private final OnboarderConfig config;

    Priming(OnboarderConfig config) {
        this.config = config;
    }

    @Override
    protected void primeWith(PrimingEndpoint endpoint) {
        primeCalls(endpoint);
        Onboarder onboarder = onboarder(config, endpoint);
        PrintStream discarded = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        endpoint.answer(PrimingLandscape.answers());
        endpoint.call(() -> batch(onboarder, discarded));
        endpoint.call(() -> SweepHandler.sweep(onboarder, scheduled(), invocation(),
                StructuredLog.of(SweepHandler.class, discarded, Clock.systemUTC()), discarded));
        endpoint.answer(List.of());
        endpoint.call(() -> SCHEDULED_EVENT_TIME.parseDateTime("2026-01-01T00:00:00Z"));
        endpoint.call(() -> PlanningSample.plans(config));
    }

    /** The handlers' wiring on the endpoint's clients, with a pacing of its own that never waits. */
    static Onboarder onboarder(OnboarderConfig config, PrimingEndpoint endpoint) {
        return Onboarder.create(config.withControlPlaneRateScale(UNPACED), endpoint);
    }

    /** The sample batch through the handler's entry code, on {@code onboarder}'s clients. */
    static BatchOutcome batch(Onboarder onboarder, PrintStream out) {
        return OnboardingHandler.process(onboarder, batch(), invocation(), out);
    }

    /** The batch as the Lambda runtime hands it to the handler. */
    private static SQSEvent batch() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : PrimingLandscape.EVENTS) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("priming-" + messages.size());
            message.setReceiptHandle("priming");
            message.setBody(body);
            message.setAttributes(Map.of("ApproximateReceiveCount", "1", "MessageGroupId", SweepHandler.MESSAGE_GROUP));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static ScheduledEvent scheduled() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId("priming");
        return event;
    }

    /** Each operation once, with the shapes of the handlers' requests. */
    private static void primeCalls(PrimingEndpoint endpoint) {
        EcsClient ecs = endpoint.create(EcsClient.builder());
        ElasticLoadBalancingV2Client elb = endpoint.create(ElasticLoadBalancingV2Client.builder());
        ApiGatewayClient apiGateway = endpoint.create(ApiGatewayClient.builder());
        ApiGatewayV2Client apiGatewayV2 = endpoint.create(ApiGatewayV2Client.builder());
        ServiceQuotasClient serviceQuotas = endpoint.create(ServiceQuotasClient.builder());
        SqsClient sqs = endpoint.create(SqsClient.builder());
        EventBridgeClient eventBridge = endpoint.create(EventBridgeClient.builder());
        endpoint.call(() -> ecs.describeServices(r -> r.cluster("priming").services("priming")
                .include(ServiceField.TAGS)));
        endpoint.call(() -> ecs.listClusters(r -> { }));
        endpoint.call(() -> ecs.listServices(r -> r.cluster("priming")));

        endpoint.call(() -> elb.describeLoadBalancers(r -> { }));
        endpoint.call(() -> elb.describeListeners(r -> r.loadBalancerArn(ARN)));
        endpoint.call(() -> elb.describeTags(r -> r.resourceArns(ARN)));
        endpoint.call(() -> elb.describeTargetGroups(r -> r.targetGroupArns(ARN)));
        endpoint.call(() -> elb.describeTargetHealth(r -> r.targetGroupArn(ARN)));
        Tag tag = Tag.builder().key("priming").value("priming").build();
        endpoint.call(() -> elb.createListener(r -> r.loadBalancerArn(ARN)
                .protocol(ProtocolEnum.TCP).port(10000).tags(tag)
                .defaultActions(action -> action.type("forward").targetGroupArn(ARN))));
        endpoint.call(() -> elb.createTargetGroup(r -> r.name("priming")
                .protocol(ProtocolEnum.TCP).port(80).vpcId("vpc-priming").targetType(TargetTypeEnum.ALB).tags(tag)));
        endpoint.call(() -> elb.registerTargets(r -> r.targetGroupArn(ARN)
                .targets(target -> target.id(ARN).port(80))));
        endpoint.call(() -> elb.addTags(r -> r.resourceArns(ARN).tags(tag)));
        endpoint.call(() -> elb.deleteListener(r -> r.listenerArn(ARN)));
        endpoint.call(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(ARN)));

        endpoint.call(() -> apiGateway.getResources(r -> r.restApiId("priming")
                .embed("methods").limit(500)));
        endpoint.call(() -> apiGateway.getVpcLinks(r -> r.limit(500)));
        endpoint.call(() -> apiGateway.getStages(r -> r.restApiId("priming")));
        endpoint.call(() -> apiGateway.getStage(r -> r.restApiId("priming").stageName("prod")));
        endpoint.call(() -> apiGateway.getExport(r -> r.restApiId("priming").stageName("prod")
                .exportType("oas30").accepts("application/json")));
        endpoint.call(() -> apiGateway.createResource(r -> r.restApiId("priming")
                .parentId("priming").pathPart("priming")));
        endpoint.call(() -> apiGateway.putMethod(r -> r.restApiId("priming")
                .resourceId("priming").httpMethod("ANY").authorizationType("NONE")
                .requestParameters(Map.of("method.request.path.proxy", true))));
        endpoint.call(() -> apiGateway.putIntegration(r -> r.restApiId("priming")
                .resourceId("priming").httpMethod("ANY").type("HTTP_PROXY").integrationHttpMethod("ANY")
                .connectionType("VPC_LINK").connectionId("priming").uri("http://priming:10000/{proxy}")
                .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy"))));
        endpoint.call(() -> apiGateway.deleteMethod(r -> r.restApiId("priming")
                .resourceId("priming").httpMethod("ANY")));
        endpoint.call(() -> apiGateway.deleteResource(r -> r.restApiId("priming")
                .resourceId("priming")));
        endpoint.call(() -> apiGateway.createDeployment(r -> r.restApiId("priming")
                .stageName("prod").description("priming")));

        endpoint.call(() -> apiGatewayV2.getApi(r -> r.apiId("priming")));
        endpoint.call(() -> apiGatewayV2.getRoutes(r -> r.apiId("priming")));
        endpoint.call(() -> apiGatewayV2.getIntegrations(r -> r.apiId("priming")));
        endpoint.call(() -> apiGatewayV2.getVpcLinks(r -> { }));
        endpoint.call(() -> apiGatewayV2.getStages(r -> r.apiId("priming")));
        endpoint.call(() -> apiGatewayV2.getStage(r -> r.apiId("priming").stageName("prod")));
        endpoint.call(() -> apiGatewayV2.createIntegration(r -> r.apiId("priming")
                .integrationType("HTTP_PROXY").integrationMethod("ANY").integrationUri(ARN)
                .connectionType("VPC_LINK").connectionId("priming").payloadFormatVersion("1.0")
                .description("priming")));
        endpoint.call(() -> apiGatewayV2.updateIntegration(r -> r.apiId("priming")
                .integrationId("priming").description("priming")));
        endpoint.call(() -> apiGatewayV2.createRoute(r -> r.apiId("priming")
                .routeKey("ANY /priming").target("integrations/priming").operationName("priming")));
        endpoint.call(() -> apiGatewayV2.updateRoute(r -> r.apiId("priming")
                .routeId("priming").target("integrations/priming")));
        endpoint.call(() -> apiGatewayV2.deleteRoute(r -> r.apiId("priming")
                .routeId("priming")));
        endpoint.call(() -> apiGatewayV2.deleteIntegration(r -> r.apiId("priming")
                .integrationId("priming")));
        endpoint.call(() -> apiGatewayV2.createDeployment(r -> r.apiId("priming")
                .stageName("prod").description("priming")));

        endpoint.call(() -> serviceQuotas.getServiceQuota(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));
        endpoint.call(() -> serviceQuotas.getAWSDefaultServiceQuota(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));

        String queueUrl = "https://sqs.us-east-1.amazonaws.com/111122223333/priming.fifo";
        // SendMessage (parking in the dead-letter queue, rare) is left out: the SDK checks the MD5 of the body it
        // sent against the answer's, which an empty success cannot give
        endpoint.call(() -> sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                .entries(entry -> entry.id("m0").messageBody(PrimingLandscape.EVENTS.get(0)).messageGroupId("priming")
                        .messageDeduplicationId("priming"))));
        endpoint.call(() -> sqs.changeMessageVisibilityBatch(r -> r
                .queueUrl(queueUrl).entries(entry -> entry.id("m0").receiptHandle("priming").visibilityTimeout(10))));

        endpoint.call(() -> eventBridge.putEvents(r -> r.entries(entry -> entry.eventBusName("default")
                .source("priming").detailType("priming").detail("{}").resources(ARN))));
    }
}
