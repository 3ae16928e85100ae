package com.ecsapi.onboarder.onboarding.plan;

import java.util.Map;

/** A change as the AWS call(s) that carry it out, for dry runs: {@code service:Operation parameter=value ...}. */
public final class ChangeText {

    private ChangeText() {
    }

    public static String of(Change change) {
        return switch (change) {
            case Change.CreateTargetGroup c -> "elasticloadbalancing:CreateTargetGroup Name=" + c.name()
                    + " Protocol=TCP Port=" + c.albPort() + " VpcId=" + c.vpcId() + " TargetType=alb" + tags(c.tags());
            case Change.CreateBridgeTargetGroup c -> "elasticloadbalancing:CreateTargetGroup Name=" + c.name()
                    + " Protocol=" + c.protocol() + " Port=" + c.port() + " VpcId=" + c.vpcId() + " TargetType="
                    + c.targetType() + tags(c.tags());
            case Change.RegisterTarget c -> "elasticloadbalancing:RegisterTargets TargetGroupArn="
                    + targetGroup(c.targetGroup()) + " Targets=[" + c.targetId() + ":" + c.port() + "]";
            case Change.CreateListener c -> "elasticloadbalancing:CreateListener LoadBalancerArn=" + c.nlbArn()
                    + " Protocol=TCP Port=" + c.port() + " DefaultActions=forward:" + targetGroup(c.target())
                    + tags(c.tags());
            case Change.TagListener c -> "elasticloadbalancing:AddTags ResourceArns=" + c.listenerArn() + tags(c.tags());
            case Change.CreateResource c -> "apigateway:CreateResource restApiId=" + c.apiId() + " path=" + c.path();
            case Change.PutProxyMethod c -> (c.putMethod() ? "apigateway:PutMethod restApiId=" + c.apiId() + " path="
                    + c.path() + " httpMethod=ANY authorizationType=NONE operationName=" + c.operationName() + "; " : "")
                    + "apigateway:PutIntegration restApiId=" + c.apiId() + " path=" + c.path()
                    + " httpMethod=ANY type=HTTP_PROXY integrationHttpMethod=ANY uri=" + c.uri()
                    + " connectionType=VPC_LINK connectionId=" + c.vpcLinkId()
                    + (c.integrationTarget() == null ? "" : " integrationTarget=" + c.integrationTarget())
                    + (c.greedy() ? " requestParameters={integration.request.path.proxy=method.request.path.proxy}" : "");
            case Change.CreateVpcLink c -> "apigateway:CreateVpcLink name=" + c.name() + " targetArns=[" + c.nlbArn()
                    + "]" + tags(c.tags());
            case Change.DeleteResource c -> "apigateway:DeleteResource restApiId=" + c.apiId() + " resourceId="
                    + c.resourceId() + " (" + c.path() + ")";
            case Change.DeleteMethod c -> "apigateway:DeleteMethod restApiId=" + c.apiId() + " resourceId="
                    + c.resourceId() + " httpMethod=" + c.httpMethod() + " (" + c.path() + ")";
            case Change.DeleteListener c -> "elasticloadbalancing:DeleteListener ListenerArn=" + c.listenerArn()
                    + " (port " + c.port() + ")";
            case Change.DeleteTargetGroup c -> "elasticloadbalancing:DeleteTargetGroup TargetGroupArn=" + c.arn();
            case Change.PutHttpIntegration c -> "apigateway:" + (c.integrationId() == null ? "CreateIntegration"
                    : "UpdateIntegration integrationId=" + c.integrationId()) + " apiId=" + c.apiId()
                    + " IntegrationType=HTTP_PROXY IntegrationMethod=ANY IntegrationUri=" + c.uri()
                    + " ConnectionType=VPC_LINK ConnectionId=" + c.vpcLinkId()
                    + (c.serverName() == null ? "" : " TlsConfig.ServerNameToVerify=" + c.serverName())
                    + " Description=" + c.description();
            case Change.CreateHttpRoute c -> "apigateway:CreateRoute apiId=" + c.apiId() + " RouteKey=" + c.routeKey()
                    + " Target=integrations/<" + c.integrationDescription() + "> OperationName=" + c.operationName();
            case Change.RetargetHttpRoute c -> "apigateway:UpdateRoute apiId=" + c.apiId() + " routeId=" + c.routeId()
                    + " (" + c.routeKey() + ") Target=integrations/<" + c.integrationDescription() + ">";
            case Change.DeleteHttpRoute c -> "apigateway:DeleteRoute apiId=" + c.apiId() + " routeId=" + c.routeId()
                    + " (" + c.routeKey() + ")";
            case Change.DeleteHttpIntegration c -> "apigateway:DeleteIntegration apiId=" + c.apiId()
                    + " integrationId=" + c.integrationId();
        };
    }

    private static String targetGroup(Change.TargetRef target) {
        return switch (target) {
            case Change.ExistingTargetGroup existing -> existing.arn();
            case Change.PlannedTargetGroup planned -> "<target group " + planned.name() + ">";
        };
    }

    private static String tags(Map<String, String> tags) {
        return tags.isEmpty() ? "" : " Tags=" + tags;
    }
}
