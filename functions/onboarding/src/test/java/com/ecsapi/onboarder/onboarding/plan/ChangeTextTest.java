package com.ecsapi.onboarder.onboarding.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangeTextTest {

    @Test
    void changesReadAsTheAwsCallsThatMakeThem() {
        assertEquals("elasticloadbalancing:CreateListener LoadBalancerArn=arn:nlb Protocol=TCP Port=10000"
                + " DefaultActions=forward:arn:tg Tags={k=v}", ChangeText.of(new Change.CreateListener("arn:nlb", 10000,
                new Change.ExistingTargetGroup("arn:tg"), Map.of("k", "v"))));
        assertEquals("apigateway:PutMethod restApiId=api path=/o httpMethod=ANY authorizationType=NONE"
                + " operationName=op; apigateway:PutIntegration restApiId=api path=/o httpMethod=ANY type=HTTP_PROXY"
                + " integrationHttpMethod=ANY uri=http://alb:80/ connectionType=VPC_LINK connectionId=v2"
                + " integrationTarget=arn:alb", ChangeText.of(new Change.PutProxyMethod("api", "/o", true, "op",
                "http://alb:80/", "v2", "arn:alb", false)));
        assertEquals("apigateway:CreateIntegration apiId=h IntegrationType=HTTP_PROXY IntegrationMethod=ANY"
                + " IntegrationUri=arn:listener ConnectionType=VPC_LINK ConnectionId=v2"
                + " TlsConfig.ServerNameToVerify=o.example.com Description=owner", ChangeText.of(
                new Change.PutHttpIntegration("h", null, "arn:listener", "v2", "o.example.com", "owner")));
        assertEquals("apigateway:CreateVpcLink name=n targetArns=[arn:nlb] Tags={k=v}",
                ChangeText.of(new Change.CreateVpcLink("n", "arn:nlb", Map.of("k", "v"))));
    }
}
