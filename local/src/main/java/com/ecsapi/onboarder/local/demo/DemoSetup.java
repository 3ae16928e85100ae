package com.ecsapi.onboarder.local.demo;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's small but real setup, created through the SDK in the emulator: what a platform team and a product
 * team would have before the onboarder runs.
 *
 * @param service the ECS service as CreateService answered it (what the CloudTrail event carries)
 */
public record DemoSetup(String vpcId, List<String> subnetIds, String securityGroupId, LoadBalancer poolNlb,
                        String vpcLinkId, String restApiId, String stage, String clusterArn, String targetGroupArn,
                        String taskDefinitionArn, Service service, String queueUrl, String queueArn,
                        String alarmTopicArn) {

    public static final String POOL = "default";
    public static final String SERVICE_PATH = "/orders";
    public static final String STAGE = "prod";

    /** The clients the setup is built (and read back) with. */
    public record Clients(Ec2Client ec2, ElasticLoadBalancingV2Client elb, ApiGatewayClient apiGateway, EcsClient ecs,
                          SqsClient sqs, SnsClient sns) implements AutoCloseable {

        /** Default clients, redirected to the emulator by {@code MotoServer.useForThisJvm()}. */
        public static Clients create() {
            return new Clients(AwsClients.create(Ec2Client.builder()),
                    AwsClients.create(ElasticLoadBalancingV2Client.builder()),
                    AwsClients.create(ApiGatewayClient.builder()), AwsClients.create(EcsClient.builder()),
                    AwsClients.create(SqsClient.builder()), AwsClients.create(SnsClient.builder()));
        }

        @Override
        public void close() {
            ec2.close();
            elb.close();
            apiGateway.close();
            ecs.close();
            sqs.close();
            sns.close();
        }
    }

    /**
     * The file a user would pass with {@code --env-vars} (to {@code sam local invoke} or {@code bin/local-invoke})
     * to run the template's functions against this setup: in {@code Parameters}, for every function declaring
     * it, {@code LOCAL_AWS_ENDPOINT_URL} = the emulator; per function, its API, stage, pool, queue and alarm topic.
     */
    public String envVarsJson(URI emulatorEndpoint) {
        Map<String, Object> onboarding = new LinkedHashMap<>();
        onboarding.put("DEFAULT_API_ID", restApiId);
        onboarding.put("DEFAULT_STAGE", stage);
        onboarding.put("DEFAULT_POOL", POOL);
        onboarding.put("QUEUE_URL", queueUrl);
        onboarding.put("CLUSTERS", clusterArn);
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("ALARM_TOPIC_ARN", alarmTopicArn);
        monitor.put("ALARM_NAME_PREFIX", "local");
        monitor.put("MONITORED_API_IDS", restApiId);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("Parameters", Map.of(AwsClients.LOCAL_ENDPOINT_VARIABLE, emulatorEndpoint.toString()));
        file.put("OnboardingFunction", onboarding);
        file.put("ReconcileSweepFunction", onboarding);
        file.put("QuotaMonitorFunction", monitor);
        return Json.write(file);
    }

    public static DemoSetup create(Clients aws) {
        String vpcId = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<String> subnetIds = List.of(
                aws.ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
                        .subnet().subnetId(),
                aws.ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b"))
                        .subnet().subnetId());
        String securityGroupId = aws.ec2().createSecurityGroup(r -> r.vpcId(vpcId).groupName("orders-tasks")
                .description("ECS tasks of the orders service")).groupId();

        LoadBalancer nlb = aws.elb().createLoadBalancer(r -> r.name("apigw-pool-default-1")
                .type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnetIds)
                .tags(software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                        .key("apigw:pool").value(POOL).build())).loadBalancers().get(0);
        String vpcLinkId = aws.apiGateway().createVpcLink(r -> r.name("apigw-pool-default-1")
                .description("VPC link of the default pool NLB")
                .targetArns(nlb.loadBalancerArn())).id();

        String restApiId = aws.apiGateway().createRestApi(r -> r.name("platform-api")
                .description("The platform team's central REST API")
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))).id();
        String rootId = aws.apiGateway().getResources(r -> r.restApiId(restApiId)).items().stream()
                .filter(resource -> resource.path().equals("/")).findFirst().orElseThrow().id();
        aws.apiGateway().putMethod(r -> r.restApiId(restApiId).resourceId(rootId).httpMethod("GET")
                .authorizationType("NONE"));
        aws.apiGateway().putIntegration(r -> r.restApiId(restApiId).resourceId(rootId).httpMethod("GET")
                .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        aws.apiGateway().createDeployment(r -> r.restApiId(restApiId).stageName(STAGE)
                .description("initial deployment"));

        String clusterArn = aws.ecs().createCluster(r -> r.clusterName("demo")).cluster().clusterArn();
        String targetGroupArn = aws.elb().createTargetGroup(r -> r.name("orders-tg")
                .protocol(ProtocolEnum.TCP).port(8080).vpcId(vpcId).targetType(TargetTypeEnum.IP))
                .targetGroups().get(0).targetGroupArn();
        String taskDefinitionArn = aws.ecs().registerTaskDefinition(r -> r.family("orders")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("orders")
                        .image("public.ecr.aws/nginx/nginx:stable").essential(true)
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build()))
                .taskDefinition().taskDefinitionArn();
        Service created = aws.ecs().createService(r -> r.cluster(clusterArn).serviceName("orders")
                .taskDefinition(taskDefinitionArn)
                .desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                        .targetGroupArn(targetGroupArn).containerName("orders").containerPort(8080).build())
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnetIds)
                        .securityGroups(securityGroupId).assignPublicIp(AssignPublicIp.DISABLED)))
                .tags(Tag.builder().key("apigw:path").value(SERVICE_PATH).build())).service();
        Service service = created;
        if (!created.hasTags() || created.tags().isEmpty()) {
            // AWS answers CreateService with the service's tags (CloudTrail's responseElements carry them)
            service = created.toBuilder().tags(Tag.builder().key("apigw:path").value(SERVICE_PATH).build()).build();
        }

        String queueUrl = aws.sqs().createQueue(r -> r.queueName("local-onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String alarmTopicArn = aws.sns().createTopic(r -> r.name("local-alarms")).topicArn();

        return new DemoSetup(vpcId, subnetIds, securityGroupId, nlb, vpcLinkId, restApiId, STAGE, clusterArn,
                targetGroupArn, taskDefinitionArn, service, queueUrl, queueArn, alarmTopicArn);
    }
}
