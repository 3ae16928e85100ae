package com.ecsapi.onboarder.onboarding.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every change reads as the AWS call(s) that make it; a new change type without a case here fails the last test. */
class ChangeTextTest {

    record Case(Change change, String text) {
        @Override
        public String toString() {
            return change.getClass().getSimpleName() + ": " + text;
        }
    }

    static final List<Case> CASES = List.of(
            new Case(new Change.CreateTargetGroup("tg-orders", "vpc-a", 8443, Map.of("k", "v")),
                    "elasticloadbalancing:CreateTargetGroup Name=tg-orders Protocol=TCP Port=8443 VpcId=vpc-a"
                            + " TargetType=alb Tags={k=v}"),
            new Case(new Change.CreateBridgeTargetGroup("eao-bridge", "vpc-a", "TCP", 8080, "ip", Map.of("k", "v")),
                    "elasticloadbalancing:CreateTargetGroup Name=eao-bridge Protocol=TCP Port=8080 VpcId=vpc-a"
                            + " TargetType=ip Tags={k=v}"),
            new Case(new Change.RegisterTarget(new Change.PlannedTargetGroup("tg-orders"), "arn:alb", 8443),
                    "elasticloadbalancing:RegisterTargets TargetGroupArn=<target group tg-orders>"
                            + " Targets=[arn:alb:8443]"),
            new Case(new Change.RegisterTarget(new Change.ExistingTargetGroup("arn:tg"), "arn:alb", 80),
                    "elasticloadbalancing:RegisterTargets TargetGroupArn=arn:tg Targets=[arn:alb:80]"),
            new Case(new Change.CreateListener("arn:nlb", 10000, new Change.ExistingTargetGroup("arn:tg"),
                    Map.of("k", "v")),
                    "elasticloadbalancing:CreateListener LoadBalancerArn=arn:nlb Protocol=TCP Port=10000"
                            + " DefaultActions=forward:arn:tg Tags={k=v}"),
            new Case(new Change.TagListener("arn:listener", Map.of("k", "v")),
                    "elasticloadbalancing:AddTags ResourceArns=arn:listener Tags={k=v}"),
            new Case(new Change.CreateResource("api", "/o"), "apigateway:CreateResource restApiId=api path=/o"),
            new Case(new Change.PutProxyMethod("api", "/o", true, "op", "http://alb:80/", "v2", "arn:alb", false),
                    "apigateway:PutMethod restApiId=api path=/o httpMethod=ANY authorizationType=NONE"
                            + " operationName=op; apigateway:PutIntegration restApiId=api path=/o httpMethod=ANY"
                            + " type=HTTP_PROXY integrationHttpMethod=ANY uri=http://alb:80/ connectionType=VPC_LINK"
                            + " connectionId=v2 integrationTarget=arn:alb"),
            new Case(new Change.PutProxyMethod("api", "/o/{proxy+}", false, "op", "http://nlb:10000/{proxy}", "v1",
                    null, true),
                    "apigateway:PutIntegration restApiId=api path=/o/{proxy+} httpMethod=ANY type=HTTP_PROXY"
                            + " integrationHttpMethod=ANY uri=http://nlb:10000/{proxy} connectionType=VPC_LINK"
                            + " connectionId=v1"
                            + " requestParameters={integration.request.path.proxy=method.request.path.proxy}"),
            new Case(new Change.CreateVpcLink("n", "arn:nlb", Map.of("k", "v")),
                    "apigateway:CreateVpcLink name=n targetArns=[arn:nlb] Tags={k=v}"),
            new Case(new Change.DeleteResource("api", "r1", "/o"),
                    "apigateway:DeleteResource restApiId=api resourceId=r1 (/o)"),
            new Case(new Change.DeleteMethod("api", "r1", "/o", "ANY"),
                    "apigateway:DeleteMethod restApiId=api resourceId=r1 httpMethod=ANY (/o)"),
            new Case(new Change.DeleteListener("arn:listener", "arn:nlb", 10000),
                    "elasticloadbalancing:DeleteListener ListenerArn=arn:listener (port 10000)"),
            new Case(new Change.DeleteTargetGroup("arn:tg", "tg-orders"),
                    "elasticloadbalancing:DeleteTargetGroup TargetGroupArn=arn:tg"),
            new Case(new Change.PutHttpIntegration("h", null, "arn:listener", "v2", "o.example.com", "owner"),
                    "apigateway:CreateIntegration apiId=h IntegrationType=HTTP_PROXY IntegrationMethod=ANY"
                            + " IntegrationUri=arn:listener ConnectionType=VPC_LINK ConnectionId=v2"
                            + " TlsConfig.ServerNameToVerify=o.example.com Description=owner"),
            new Case(new Change.PutHttpIntegration("h", "i1", "arn:listener", "v2", null, "owner"),
                    "apigateway:UpdateIntegration integrationId=i1 apiId=h IntegrationType=HTTP_PROXY"
                            + " IntegrationMethod=ANY IntegrationUri=arn:listener ConnectionType=VPC_LINK"
                            + " ConnectionId=v2 Description=owner"),
            new Case(new Change.CreateHttpRoute("h", "ANY /o", "op", "owner"),
                    "apigateway:CreateRoute apiId=h RouteKey=ANY /o Target=integrations/<owner> OperationName=op"),
            new Case(new Change.RetargetHttpRoute("h", "r1", "ANY /o", "owner"),
                    "apigateway:UpdateRoute apiId=h routeId=r1 (ANY /o) Target=integrations/<owner>"),
            new Case(new Change.DeleteHttpRoute("h", "r1", "ANY /o"),
                    "apigateway:DeleteRoute apiId=h routeId=r1 (ANY /o)"),
            new Case(new Change.DeleteHttpIntegration("h", "i1"), "apigateway:DeleteIntegration apiId=h integrationId=i1"));

    @ParameterizedTest
    @FieldSource("CASES")
    void changesReadAsTheAwsCallsThatMakeThem(Case example) {
        assertEquals(example.text(), ChangeText.of(example.change()));
    }

    @Test
    void everyChangeTypeHasACase() {
        Set<String> covered = new TreeSet<>(CASES.stream().map(example -> example.change().getClass().getName()).toList());
        Set<String> changeTypes = new TreeSet<>(concreteTypes(Change.class).map(Class::getName).toList());
        assertEquals(changeTypes, covered);
    }

    /** The records a sealed type permits, through nested sealed interfaces. */
    private static Stream<Class<?>> concreteTypes(Class<?> type) {
        return type.isSealed() ? Stream.of(type.getPermittedSubclasses()).flatMap(ChangeTextTest::concreteTypes)
                : Stream.of(type);
    }
}
