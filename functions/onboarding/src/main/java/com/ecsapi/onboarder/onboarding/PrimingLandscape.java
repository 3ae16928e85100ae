package com.ecsapi.onboarder.onboarding;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.apigateway.model.GetExportResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetStagesResponse;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinksResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;

import java.time.Instant;
import java.util.List;

/**
 * The answers of a sample account for SnapStart priming: the service the priming's events name, opted in with
 * {@code apigw:path}, behind its own IP target group in a VPC whose pool NLB has a REST VPC link and no listener yet,
 * and a REST API with its stage. On them the priming's batch onboards the service (pattern, placement, port, the
 * listener, resources, methods and integrations, the deployment), so the adapters and the reconciler run the paths
 * of a real onboarding; the writes get the endpoint's filled answers.
 */
final class PrimingLandscape {

    private static final String CLUSTER = "arn:aws:ecs:us-east-1:111122223333:cluster/priming";
    private static final String SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/priming/priming";
    private static final String API_ID = "a1b2c3d4e5";
    private static final String VPC = "vpc-0123456789abcdef0";
    private static final String SUBNET = "subnet-0123456789abcdef0";
    private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/pool-a/"
            + "0123456789abcdef";
    private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/"
            + "priming/0123456789abcdef";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123Z");

    /**
     * The events about the sample service, as the queue delivers them: its creation as CloudTrail reports it (the
     * events' most common kind), then an ECS service action.
     */
    static final List<String> EVENTS = List.of("{\"version\":\"0\",\"id\":\"priming\","
            + "\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.ecs\",\"account\":\"111122223333\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{"
            + "\"eventVersion\":\"1.09\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"eventSource\":\"ecs.amazonaws.com\","
            + "\"eventName\":\"CreateService\",\"awsRegion\":\"us-east-1\",\"requestParameters\":{\"cluster\":\""
            + CLUSTER + "\",\"serviceName\":\"priming\",\"desiredCount\":1,\"enableECSManagedTags\":false,"
            + "\"tags\":[{\"key\":\"apigw:path\",\"value\":\"/priming\"}]},\"responseElements\":{\"service\":"
            + "{\"serviceArn\":\"" + SERVICE + "\",\"clusterArn\":\"" + CLUSTER + "\"}},"
            + "\"recipientAccountId\":\"111122223333\"}}",
            "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"ECS Service Action\",\"source\":\"aws.ecs\","
            + "\"account\":\"111122223333\",\"region\":\"us-east-1\",\"resources\":[\"" + SERVICE + "\"],"
            + "\"detail\":{\"eventName\":\"SERVICE_STEADY_STATE\",\"clusterArn\":\"" + CLUSTER + "\"}}");

    private PrimingLandscape() {
    }

    static List<SdkPojo> answers() {
        return List.of(
                DescribeServicesResponse.builder().services(service -> service.serviceArn(SERVICE)
                        .serviceName("priming").clusterArn(CLUSTER).status("ACTIVE").createdAt(CREATED)
                        .tags(Tag.builder().key("apigw:path").value("/priming").build(),
                                Tag.builder().key("apigw:api").value(API_ID).build())
                        .loadBalancers(lb -> lb.targetGroupArn(TARGET_GROUP).containerName("app")
                                .containerPort(8080))
                        .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc.subnets(SUBNET))))
                        .build(),
                DescribeLoadBalancersResponse.builder().loadBalancers(lb -> lb.loadBalancerArn(NLB)
                        .loadBalancerName("pool-a").type("network").scheme("internal").vpcId(VPC)
                        .dnsName("pool-a-0123456789abcdef.elb.us-east-1.amazonaws.com").createdTime(CREATED)
                        .availabilityZones(zone -> zone.zoneName("us-east-1a").subnetId(SUBNET))).build(),
                DescribeTargetGroupsResponse.builder().targetGroups(group -> group.targetGroupArn(TARGET_GROUP)
                        .targetGroupName("priming").protocol("TCP").port(8080).vpcId(VPC).targetType("ip")).build(),
                DescribeTagsResponse.builder().tagDescriptions(description -> description.resourceArn(NLB)
                        .tags(tag -> tag.key("apigw:pool").value("default"))).build(),
                DescribeListenersResponse.builder().build(),
                GetVpcLinksResponse.builder().items(link -> link.id("link01").name("pool-a").status("AVAILABLE")
                        .targetArns(NLB)).build(),
                GetResourcesResponse.builder().items(resource -> resource.id("root01").path("/")).build(),
                GetStagesResponse.builder().item(stage -> stage.stageName("prod").deploymentId("dep01")
                        .createdDate(CREATED)).build(),
                GetExportResponse.builder().contentType("application/json")
                        .body(SdkBytes.fromUtf8String("{\"openapi\":\"3.0.1\",\"paths\":{\"/\":{}}}")).build());
    }
}
