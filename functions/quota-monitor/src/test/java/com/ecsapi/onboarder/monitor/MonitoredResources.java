package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.AwsClients;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.List;

/** Builds what the monitor measures in the emulator: NLBs with listeners, VPC links, REST and HTTP APIs. */
final class MonitoredResources implements AutoCloseable {

    final Ec2Client ec2 = AwsClients.create(Ec2Client.builder());
    final ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
    final ApiGatewayClient restApis = AwsClients.create(ApiGatewayClient.builder());
    final ApiGatewayV2Client httpApis = AwsClients.create(ApiGatewayV2Client.builder());
    private final List<String> subnetIds;
    private final String vpcId;

    MonitoredResources() {
        List<Subnet> subnets = ec2.describeSubnets(request -> request.filters(filter -> filter
                .name("default-for-az").values("true"))).subnets();
        this.vpcId = subnets.getFirst().vpcId();
        this.subnetIds = subnets.stream().limit(2).map(Subnet::subnetId).toList();
    }

    /** An internal NLB with {@code listeners} TCP listeners (ports 10000...), in {@code pool} unless it is null. */
    LoadBalancer nlb(String name, int listeners, String pool) {
        List<Tag> tags = pool == null ? List.of() : List.of(Tag.builder().key("apigw:pool").value(pool).build());
        LoadBalancer nlb = elb.createLoadBalancer(request -> request.name(name)
                .type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnetIds).tags(tags)).loadBalancers().getFirst();
        listeners(nlb, listeners);
        return nlb;
    }

    /** {@code count} TCP listeners on ports 10000... to one target group. */
    void listeners(LoadBalancer nlb, int count) {
        if (count == 0) {
            return;
        }
        String targetGroupArn = elb.createTargetGroup(request -> request.name(nlb.loadBalancerName() + "-tg")
                .protocol(ProtocolEnum.TCP).port(8080).vpcId(vpcId).targetType(TargetTypeEnum.IP))
                .targetGroups().getFirst().targetGroupArn();
        for (int i = 0; i < count; i++) {
            int port = 10000 + i;
            elb.createListener(request -> request.loadBalancerArn(nlb.loadBalancerArn())
                    .protocol(ProtocolEnum.TCP).port(port)
                    .defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
        }
    }

    void deleteNlb(LoadBalancer nlb) {
        elb.describeListeners(request -> request.loadBalancerArn(nlb.loadBalancerArn())).listeners()
                .forEach(listener -> elb.deleteListener(request -> request.listenerArn(listener.listenerArn())));
        elb.deleteLoadBalancer(request -> request.loadBalancerArn(nlb.loadBalancerArn()));
    }

    void vpcLinksV1(int count, LoadBalancer target) {
        for (int i = 0; i < count; i++) {
            String name = "link-v1-" + i;
            restApis.createVpcLink(request -> request.name(name).targetArns(target.loadBalancerArn()));
        }
    }

    void vpcLinksV2(int count) {
        for (int i = 0; i < count; i++) {
            String name = "link-v2-" + i;
            httpApis.createVpcLink(request -> request.name(name).subnetIds(subnetIds));
        }
    }

    /** A REST API with {@code resources} resources in all, the root included. */
    String restApi(String name, int resources) {
        String apiId = restApis.createRestApi(request -> request.name(name)).id();
        String rootId = restApis.getResources(request -> request.restApiId(apiId)).items().getFirst().id();
        for (int i = 1; i < resources; i++) {
            String pathPart = "service" + i;
            restApis.createResource(request -> request.restApiId(apiId).parentId(rootId).pathPart(pathPart));
        }
        return apiId;
    }

    String httpApi(String name, int routes) {
        String apiId = httpApis.createApi(request -> request.name(name).protocolType(ProtocolType.HTTP)).apiId();
        for (int i = 0; i < routes; i++) {
            String routeKey = "ANY /service" + i + "/{proxy+}";
            httpApis.createRoute(request -> request.apiId(apiId).routeKey(routeKey));
        }
        return apiId;
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
        restApis.close();
        httpApis.close();
    }
}
