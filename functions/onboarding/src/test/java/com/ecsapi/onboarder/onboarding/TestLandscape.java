package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Builds the AWS landscape of a test in the emulator, and the events and read-backs the tests use. */
final class TestLandscape {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    record Vpc(String id, String subnetId, String securityGroupId) {
    }

    record Nlb(String arn, String dnsName) {
    }

    final Ec2Client ec2 = AwsClients.create(Ec2Client.builder());
    final ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
    final ApiGatewayClient apiGateway = AwsClients.create(ApiGatewayClient.builder());
    final EcsClient ecs = AwsClients.create(EcsClient.builder());
    final ApiGatewayV2Client apiGatewayV2 = AwsClients.create(ApiGatewayV2Client.builder());
    final ServiceDiscoveryClient cloudMap = AwsClients.create(ServiceDiscoveryClient.builder());
    private int counter;

    Vpc vpc(String cidrPrefix) {
        String vpcId = ec2.createVpc(request -> request.cidrBlock(cidrPrefix + ".0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(request -> request.vpcId(vpcId).cidrBlock(cidrPrefix + ".1.0/24")
                .availabilityZone("us-east-1a")).subnet().subnetId();
        String groupId = ec2.createSecurityGroup(request -> request.vpcId(vpcId).groupName("sg-" + vpcId)
                .description("services")).groupId();
        return new Vpc(vpcId, subnetId, groupId);
    }

    /** An internal NLB in {@code pool} (no pool tag when {@code pool} is null). */
    Nlb nlb(Vpc vpc, String name, String pool) {
        var lb = elb.createLoadBalancer(request -> {
            request.name(name).subnets(vpc.subnetId()).type(LoadBalancerTypeEnum.NETWORK).scheme("internal");
            if (pool != null) {
                request.tags(tag -> tag.key("apigw:pool").value(pool));
            }
        }).loadBalancers().get(0);
        return new Nlb(lb.loadBalancerArn(), lb.dnsName());
    }

    /** A service's own NLB (no pool tag) with a TCP listener on {@code port} forwarding to its target group. */
    Nlb dedicatedNlb(Vpc vpc, String name, String targetGroupArn, int port) {
        Nlb nlb = nlb(vpc, name, null);
        elb.createListener(request -> request.loadBalancerArn(nlb.arn()).protocol(ProtocolEnum.TCP).port(port)
                .defaultActions(action -> action.type("forward").targetGroupArn(targetGroupArn)));
        return nlb;
    }

    /** id -> target ARNs of every REST VPC link. */
    Map<String, List<String>> vpcLinks() {
        Map<String, List<String>> links = new TreeMap<>();
        apiGateway.getVpcLinks(request -> request.limit(500)).items().forEach(link -> links.put(link.id(), link.targetArns()));
        return links;
    }

    /** The ids of every REST and HTTP API. */
    List<String> apiIds() {
        List<String> ids = new ArrayList<>();
        apiGateway.getRestApis(request -> request.limit(500)).items().forEach(api -> ids.add(api.id()));
        apiGatewayV2.getApis(request -> { }).items().forEach(api -> ids.add(api.apiId()));
        return ids;
    }

    String vpcLink(Nlb nlb) {
        return apiGateway.createVpcLink(request -> request.name("link-" + (++counter)).targetArns(nlb.arn())).id();
    }

    /** A REST API with a hand-made {@code GET /} and the stage deployed once (a stage needs a deployment). */
    String restApi(String name, String stage) {
        String apiId = apiGateway.createRestApi(request -> request.name(name)).id();
        String rootId = apiGateway.getResources(request -> request.restApiId(apiId)).items().get(0).id();
        apiGateway.putMethod(request -> request.restApiId(apiId).resourceId(rootId).httpMethod("GET")
                .authorizationType("NONE"));
        apiGateway.putIntegration(request -> request.restApiId(apiId).resourceId(rootId).httpMethod("GET")
                .type("MOCK"));
        apiGateway.createDeployment(request -> request.restApiId(apiId).stageName(stage));
        return apiId;
    }

    /** An HTTP API with one stage. */
    String httpApi(String name, String stage, boolean autoDeploy) {
        String id = apiGatewayV2.createApi(request -> request.name(name).protocolType("HTTP")).apiId();
        apiGatewayV2.createStage(request -> request.apiId(id).stageName(stage).autoDeploy(autoDeploy));
        return id;
    }

    /** A VPC link V2 in the VPC's subnet. */
    String vpcLinkV2(Vpc vpc) {
        return apiGatewayV2.createVpcLink(request -> request.name("link-v2-" + (++counter)).subnetIds(vpc.subnetId())
                .securityGroupIds(vpc.securityGroupId())).vpcLinkId();
    }

    /** A Cloud Map service in a private DNS namespace of the VPC; returns its ARN. */
    String cloudMapService(Vpc vpc, String name) {
        cloudMap.createPrivateDnsNamespace(request -> request.name(name + ".local").vpc(vpc.id()));
        String namespaceId = cloudMap.listNamespaces(request -> { }).namespaces().stream()
                .filter(namespace -> namespace.name().equals(name + ".local")).findFirst().orElseThrow().id();
        return cloudMap.createService(request -> request.name(name).namespaceId(namespaceId)
                .dnsConfig(dns -> dns.dnsRecords(record -> record.type("A").ttl(10L)))).service().arn();
    }

    /** An ECS service without load balancer, registered in Cloud Map. */
    String cloudMapEcsService(String cluster, String name, String registryArn, Vpc vpc, Map<String, String> tags) {
        return ecs.createService(request -> request.cluster(cluster).serviceName(name).desiredCount(0)
                .serviceRegistries(registry -> registry.registryArn(registryArn))
                .networkConfiguration(network -> network.awsvpcConfiguration(vpcConfig -> vpcConfig
                        .subnets(vpc.subnetId()).securityGroups(vpc.securityGroupId())))
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()))
                .service().serviceArn();
    }

    /** routeKey -> route of an HTTP API. */
    Map<String, Route> routes(String apiId) {
        Map<String, Route> routes = new TreeMap<>();
        apiGatewayV2.getRoutes(request -> request.apiId(apiId)).items().forEach(route -> routes.put(route.routeKey(), route));
        return routes;
    }

    List<Integration> integrations(String apiId) {
        return apiGatewayV2.getIntegrations(request -> request.apiId(apiId)).items();
    }

    String cluster(String name) {
        return ecs.createCluster(request -> request.clusterName(name)).cluster().clusterArn();
    }

    String tcpTargetGroup(Vpc vpc, String name) {
        return elb.createTargetGroup(request -> request.name(name).protocol(ProtocolEnum.TCP).port(8080)
                .vpcId(vpc.id()).targetType("ip")).targetGroups().get(0).targetGroupArn();
    }

    /** An ALB with an HTTP listener on 80 forwarding to the service's target group; returns {alb, tg}. */
    String[] albWithTargetGroup(Vpc vpc, String name) {
        String albArn = elb.createLoadBalancer(request -> request.name(name).subnets(vpc.subnetId())
                .type(LoadBalancerTypeEnum.APPLICATION).scheme("internal")).loadBalancers().get(0).loadBalancerArn();
        String tgArn = elb.createTargetGroup(request -> request.name(name + "-tg").protocol(ProtocolEnum.HTTP).port(8080)
                .vpcId(vpc.id()).targetType("ip")).targetGroups().get(0).targetGroupArn();
        elb.createListener(request -> request.loadBalancerArn(albArn).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(action -> action.type("forward").targetGroupArn(tgArn)));
        return new String[]{albArn, tgArn};
    }

    String service(String cluster, String name, String targetGroupArn, Vpc vpc, Map<String, String> tags) {
        return ecs.createService(request -> request.cluster(cluster).serviceName(name).desiredCount(0)
                .loadBalancers(lb -> lb.targetGroupArn(targetGroupArn).containerName("app").containerPort(8080))
                .networkConfiguration(network -> network.awsvpcConfiguration(vpcConfig -> vpcConfig
                        .subnets(vpc.subnetId()).securityGroups(vpc.securityGroupId())))
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()))
                .service().serviceArn();
    }

    // ---- events ----

    static String createServiceEvent(String serviceArn, String clusterArn) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("serviceArn", serviceArn);
        service.put("clusterArn", clusterArn);
        return cloudTrail("CreateService", Map.of("cluster", clusterArn,
                "serviceName", serviceArn.substring(serviceArn.lastIndexOf('/') + 1)), Map.of("service", service), null);
    }

    static String deleteServiceEvent(String serviceArn, String clusterArn) {
        return cloudTrail("DeleteService", Map.of("cluster", clusterArn, "service", serviceArn), null, null);
    }

    static String tagEvent(String eventName, String resourceArn) {
        return cloudTrail(eventName, Map.of("resourceArn", resourceArn), Map.of(), null);
    }

    static String failedCreateEvent(String clusterArn, String name) {
        return cloudTrail("CreateService", Map.of("cluster", clusterArn, "serviceName", name), null,
                "InvalidParameterException");
    }

    private static String cloudTrail(String eventName, Map<String, Object> request, Map<String, Object> response,
                                     String errorCode) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventVersion", "1.09");
        detail.put("eventSource", "ecs.amazonaws.com");
        detail.put("eventName", eventName);
        detail.put("awsRegion", REGION);
        detail.put("recipientAccountId", ACCOUNT);
        detail.put("requestParameters", request);
        detail.put("responseElements", response);
        if (errorCode != null) {
            detail.put("errorCode", errorCode);
            detail.put("errorMessage", "something was wrong");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "AWS API Call via CloudTrail");
        event.put("source", "aws.ecs");
        event.put("account", ACCOUNT);
        event.put("region", REGION);
        event.put("resources", List.of());
        event.put("detail", detail);
        return Json.write(event);
    }

    static SQSEvent batch(String... bodies) {
        return batch(List.of(bodies));
    }

    static SQSEvent batch(List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setBody(body);
            message.setAttributes(Map.of("ApproximateReceiveCount", "1", "MessageGroupId", "ecs-services"));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    // ---- read-backs ----

    List<Listener> listeners(Nlb nlb) {
        return elb.describeListeners(request -> request.loadBalancerArn(nlb.arn())).listeners();
    }

    Map<String, String> tags(String arn) {
        Map<String, String> tags = new TreeMap<>();
        elb.describeTags(request -> request.resourceArns(arn)).tagDescriptions().get(0).tags()
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    /** path -> resource, with methods embedded. */
    Map<String, Resource> resources(String apiId) {
        Map<String, Resource> byPath = new TreeMap<>();
        apiGateway.getResources(request -> request.restApiId(apiId).embed("methods").limit(500)).items()
                .forEach(resource -> byPath.put(resource.path(), resource));
        return byPath;
    }

    int deployments(String apiId) {
        return apiGateway.getDeployments(request -> request.restApiId(apiId).limit(500)).items().size();
    }
}
