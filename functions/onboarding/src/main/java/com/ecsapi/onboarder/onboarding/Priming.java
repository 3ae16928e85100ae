package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.PrimingCalls;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * SnapStart priming of OnboardingFunction and ReconcileSweepFunction: in the {@code beforeCheckpoint} hook, every
 * AWS operation the two handlers call runs once through its client up to the wire ({@link PrimingCalls}: marshalling,
 * endpoint rules, signing; nothing is sent, reads and writes alike), and an event is parsed, so the snapshot holds
 * those classes loaded and initialised instead of the first event after a restore paying for them.
 */
final class Priming implements Resource {

    private static final String SAMPLE_EVENT = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"ECS Service "
            + "Action\",\"source\":\"aws.ecs\",\"account\":\"111122223333\",\"region\":\"us-east-1\",\"resources\":"
            + "[\"arn:aws:ecs:us-east-1:111122223333:service/priming/priming\"],\"detail\":{\"eventName\":"
            + "\"SERVICE_STEADY_STATE\",\"clusterArn\":\"arn:aws:ecs:us-east-1:111122223333:cluster/priming\"}}";
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/priming/0";

    private final EcsClient ecsClient;
    private final ElasticLoadBalancingV2Client elbClient;
    private final ApiGatewayClient apiGatewayClient;
    private final ApiGatewayV2Client apiGatewayV2Client;
    private final ServiceQuotasClient serviceQuotasClient;
    private final SqsClient sqsClient;
    private final StructuredLog log;

    Priming(EcsClient ecs, ElasticLoadBalancingV2Client elb, ApiGatewayClient apiGateway, ApiGatewayV2Client apiGatewayV2,
            ServiceQuotasClient serviceQuotas, SqsClient sqs, StructuredLog log) {
        this.ecsClient = ecs;
        this.elbClient = elb;
        this.apiGatewayClient = apiGateway;
        this.apiGatewayV2Client = apiGatewayV2;
        this.serviceQuotasClient = serviceQuotas;
        this.sqsClient = sqs;
        this.log = log;
    }

    /**
     * Registers the hooks with the CRaC runtime (Lambda's, when SnapStart publishes a version). The runtime holds
     * them weakly: the caller keeps this object.
     */
    Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        PrimingCalls calls = prime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("primedCalls", calls.primed().size());
        fields.put("failedCalls", calls.failed());
        if (calls.failed().isEmpty()) {
            log.info("SnapStart priming done", fields);
        } else {
            log.warn("SnapStart priming: some calls failed before the wire; the first events pay for them", fields);
        }
    }

    /** Nothing to restore: priming opened no connection and resolved no credentials. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    PrimingCalls prime() {
        EventParser.parse(SAMPLE_EVENT);
        PrimingCalls calls = new PrimingCalls();
        calls.call(o -> ecsClient.describeServices(r -> r.overrideConfiguration(o).cluster("priming").services("priming")
                .include(ServiceField.TAGS)));
        calls.call(o -> ecsClient.listClusters(r -> r.overrideConfiguration(o)));
        calls.call(o -> ecsClient.listServices(r -> r.overrideConfiguration(o).cluster("priming")));

        calls.call(o -> elbClient.describeLoadBalancers(r -> r.overrideConfiguration(o)));
        calls.call(o -> elbClient.describeListeners(r -> r.overrideConfiguration(o).loadBalancerArn(ARN)));
        calls.call(o -> elbClient.describeTags(r -> r.overrideConfiguration(o).resourceArns(ARN)));
        calls.call(o -> elbClient.describeTargetGroups(r -> r.overrideConfiguration(o).targetGroupArns(ARN)));
        calls.call(o -> elbClient.describeTargetHealth(r -> r.overrideConfiguration(o).targetGroupArn(ARN)));
        Tag tag = Tag.builder().key("priming").value("priming").build();
        calls.call(o -> elbClient.createListener(r -> r.overrideConfiguration(o).loadBalancerArn(ARN)
                .protocol(ProtocolEnum.TCP).port(10000).tags(tag)
                .defaultActions(action -> action.type("forward").targetGroupArn(ARN))));
        calls.call(o -> elbClient.createTargetGroup(r -> r.overrideConfiguration(o).name("priming")
                .protocol(ProtocolEnum.TCP).port(80).vpcId("vpc-priming").targetType(TargetTypeEnum.ALB).tags(tag)));
        calls.call(o -> elbClient.registerTargets(r -> r.overrideConfiguration(o).targetGroupArn(ARN)
                .targets(target -> target.id(ARN).port(80))));
        calls.call(o -> elbClient.addTags(r -> r.overrideConfiguration(o).resourceArns(ARN).tags(tag)));
        calls.call(o -> elbClient.deleteListener(r -> r.overrideConfiguration(o).listenerArn(ARN)));
        calls.call(o -> elbClient.deleteTargetGroup(r -> r.overrideConfiguration(o).targetGroupArn(ARN)));

        calls.call(o -> apiGatewayClient.getResources(r -> r.overrideConfiguration(o).restApiId("priming")
                .embed("methods").limit(500)));
        calls.call(o -> apiGatewayClient.getVpcLinks(r -> r.overrideConfiguration(o).limit(500)));
        calls.call(o -> apiGatewayClient.getStages(r -> r.overrideConfiguration(o).restApiId("priming")));
        calls.call(o -> apiGatewayClient.getStage(r -> r.overrideConfiguration(o).restApiId("priming").stageName("prod")));
        calls.call(o -> apiGatewayClient.getExport(r -> r.overrideConfiguration(o).restApiId("priming").stageName("prod")
                .exportType("oas30").accepts("application/json")));
        calls.call(o -> apiGatewayClient.createResource(r -> r.overrideConfiguration(o).restApiId("priming")
                .parentId("priming").pathPart("priming")));
        calls.call(o -> apiGatewayClient.putMethod(r -> r.overrideConfiguration(o).restApiId("priming")
                .resourceId("priming").httpMethod("ANY").authorizationType("NONE")
                .requestParameters(Map.of("method.request.path.proxy", true))));
        calls.call(o -> apiGatewayClient.putIntegration(r -> r.overrideConfiguration(o).restApiId("priming")
                .resourceId("priming").httpMethod("ANY").type("HTTP_PROXY").integrationHttpMethod("ANY")
                .connectionType("VPC_LINK").connectionId("priming").uri("http://priming:10000/{proxy}")
                .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy"))));
        calls.call(o -> apiGatewayClient.deleteMethod(r -> r.overrideConfiguration(o).restApiId("priming")
                .resourceId("priming").httpMethod("ANY")));
        calls.call(o -> apiGatewayClient.deleteResource(r -> r.overrideConfiguration(o).restApiId("priming")
                .resourceId("priming")));
        calls.call(o -> apiGatewayClient.createDeployment(r -> r.overrideConfiguration(o).restApiId("priming")
                .stageName("prod").description("priming")));

        calls.call(o -> apiGatewayV2Client.getApi(r -> r.overrideConfiguration(o).apiId("priming")));
        calls.call(o -> apiGatewayV2Client.getRoutes(r -> r.overrideConfiguration(o).apiId("priming")));
        calls.call(o -> apiGatewayV2Client.getIntegrations(r -> r.overrideConfiguration(o).apiId("priming")));
        calls.call(o -> apiGatewayV2Client.getVpcLinks(r -> r.overrideConfiguration(o)));
        calls.call(o -> apiGatewayV2Client.getStages(r -> r.overrideConfiguration(o).apiId("priming")));
        calls.call(o -> apiGatewayV2Client.getStage(r -> r.overrideConfiguration(o).apiId("priming").stageName("prod")));
        calls.call(o -> apiGatewayV2Client.createIntegration(r -> r.overrideConfiguration(o).apiId("priming")
                .integrationType("HTTP_PROXY").integrationMethod("ANY").integrationUri(ARN)
                .connectionType("VPC_LINK").connectionId("priming").payloadFormatVersion("1.0")
                .description("priming")));
        calls.call(o -> apiGatewayV2Client.updateIntegration(r -> r.overrideConfiguration(o).apiId("priming")
                .integrationId("priming").description("priming")));
        calls.call(o -> apiGatewayV2Client.createRoute(r -> r.overrideConfiguration(o).apiId("priming")
                .routeKey("ANY /priming").target("integrations/priming").operationName("priming")));
        calls.call(o -> apiGatewayV2Client.updateRoute(r -> r.overrideConfiguration(o).apiId("priming")
                .routeId("priming").target("integrations/priming")));
        calls.call(o -> apiGatewayV2Client.deleteRoute(r -> r.overrideConfiguration(o).apiId("priming")
                .routeId("priming")));
        calls.call(o -> apiGatewayV2Client.deleteIntegration(r -> r.overrideConfiguration(o).apiId("priming")
                .integrationId("priming")));
        calls.call(o -> apiGatewayV2Client.createDeployment(r -> r.overrideConfiguration(o).apiId("priming")
                .stageName("prod").description("priming")));

        calls.call(o -> serviceQuotasClient.getServiceQuota(r -> r.overrideConfiguration(o)
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));
        calls.call(o -> serviceQuotasClient.getAWSDefaultServiceQuota(r -> r.overrideConfiguration(o)
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));

        String queueUrl = "https://sqs.us-east-1.amazonaws.com/111122223333/priming.fifo";
        calls.call(o -> sqsClient.sendMessage(r -> r.overrideConfiguration(o).queueUrl(queueUrl).messageBody(SAMPLE_EVENT)
                .messageGroupId("priming").messageDeduplicationId("priming")));
        calls.call(o -> sqsClient.sendMessageBatch(r -> r.overrideConfiguration(o).queueUrl(queueUrl)
                .entries(entry -> entry.id("m0").messageBody(SAMPLE_EVENT).messageGroupId("priming")
                        .messageDeduplicationId("priming"))));
        calls.call(o -> sqsClient.changeMessageVisibilityBatch(r -> r.overrideConfiguration(o)
                .queueUrl(queueUrl).entries(entry -> entry.id("m0").receiptHandle("priming").visibilityTimeout(10))));
        return calls;
    }
}
