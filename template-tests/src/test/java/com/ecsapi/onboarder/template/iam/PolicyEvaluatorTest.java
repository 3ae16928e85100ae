package com.ecsapi.onboarder.template.iam;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyEvaluatorTest {

    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/pool/1a/2b";
    private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/pool/1a";

    private static Statement allow(List<String> actions, List<String> resources,
                                   Map<String, Map<String, List<String>>> conditions) {
        return new Statement("Role/policy/#1", true, actions,
                resources.stream().map(arn -> new Statement.Resource(arn, arn)).toList(), conditions);
    }

    private static PolicyEvaluator.Effect effect(IamRequest request, Statement... statements) {
        return PolicyEvaluator.evaluate(List.of(statements), request).effect();
    }

    @Test
    void aCallWhoseActionNoStatementNamesIsDenied() {
        Statement describe = allow(List.of("elasticloadbalancing:DescribeListeners"), List.of("*"), Map.of());

        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("elasticloadbalancing:DeleteListener", LISTENER), describe));
        assertEquals(PolicyEvaluator.Effect.ALLOWED,
                effect(IamRequest.of("elasticloadbalancing:DescribeListeners", "*"), describe));
    }

    @Test
    void wildcardsMatchActionsCaseInsensitivelyAndResourcesSegmentBlind() {
        Statement deletes = allow(List.of("elasticloadbalancing:Delete*"),
                List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/*"), Map.of());

        assertEquals(PolicyEvaluator.Effect.ALLOWED,
                effect(IamRequest.of("ElasticLoadBalancing:deletelistener", LISTENER), deletes));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("elasticloadbalancing:DeleteListener", LISTENER.replace("/net/", "/app/")), deletes),
                "the resource pattern is case- and character-exact outside its wildcards");
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("elasticloadbalancing:CreateListener", NLB), deletes));
        Statement oneCharacter = allow(List.of("apigateway:GET"), List.of("arn:aws:apigateway:us-east-1::/restapis/a?c"), Map.of());
        assertEquals(PolicyEvaluator.Effect.ALLOWED,
                effect(IamRequest.of("apigateway:GET", "arn:aws:apigateway:us-east-1::/restapis/abc"), oneCharacter));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("apigateway:GET", "arn:aws:apigateway:us-east-1::/restapis/abbc"), oneCharacter));
    }

    @Test
    void anExplicitDenyWinsOverEveryAllow() {
        Statement all = allow(List.of("elasticloadbalancing:*"), List.of("*"), Map.of());
        Statement deny = new Statement("Role/policy/NoDeletes", false, List.of("elasticloadbalancing:DeleteListener"),
                List.of(new Statement.Resource("*", "*")), Map.of());

        PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(List.of(all, deny),
                IamRequest.of("elasticloadbalancing:DeleteListener", LISTENER));

        assertEquals(PolicyEvaluator.Effect.EXPLICITLY_DENIED, decision.effect());
        assertEquals("Role/policy/NoDeletes", decision.deniedBy());
        assertEquals(PolicyEvaluator.Effect.ALLOWED,
                effect(IamRequest.of("elasticloadbalancing:CreateListener", NLB), all, deny));
    }

    @Test
    void aConditionNotMetDenies() {
        Statement ownListenersOnly = allow(List.of("elasticloadbalancing:DeleteListener"), List.of(LISTENER),
                Map.of("Null", Map.of("aws:ResourceTag/ecs-api-onboarder:service", List.of("false"))));
        Statement poolNlbsOnly = allow(List.of("elasticloadbalancing:CreateListener"), List.of(NLB),
                Map.of("StringLike", Map.of("aws:ResourceTag/apigw:pool", List.of("*"))));
        Statement quotaNamespace = allow(List.of("cloudwatch:PutMetricData"), List.of("*"),
                Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of("EcsApiOnboarder/Quotas"))));

        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("elasticloadbalancing:DeleteListener", LISTENER), ownListenersOnly),
                "a listener without the ownership tag");
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(new IamRequest("elasticloadbalancing:DeleteListener", LISTENER,
                Map.of("aws:ResourceTag/ecs-api-onboarder:service", List.of("arn:svc"))), ownListenersOnly));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED,
                effect(IamRequest.of("elasticloadbalancing:CreateListener", NLB), poolNlbsOnly), "an NLB of no pool");
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(new IamRequest("elasticloadbalancing:CreateListener", NLB,
                Map.of("aws:ResourceTag/apigw:pool", List.of("default"))), poolNlbsOnly));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED, effect(new IamRequest("cloudwatch:PutMetricData", "*",
                Map.of("cloudwatch:namespace", List.of("Other"))), quotaNamespace));
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(new IamRequest("cloudwatch:PutMetricData", "*",
                Map.of("CloudWatch:Namespace", List.of("EcsApiOnboarder/Quotas"))), quotaNamespace),
                "condition keys are case-insensitive");
    }

    @Test
    void setOperatorsIfExistsAndNegationFollowIam() {
        Map<String, List<String>> twoTags = Map.of("aws:TagKeys", List.of("a", "b"));
        IamRequest tagging = new IamRequest("elasticloadbalancing:AddTags", LISTENER, twoTags);
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(tagging, allow(List.of("elasticloadbalancing:AddTags"),
                List.of("*"), Map.of("ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of("b", "z"))))));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED, effect(tagging, allow(List.of("elasticloadbalancing:AddTags"),
                List.of("*"), Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of("b", "z"))))));
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(IamRequest.of("elasticloadbalancing:AddTags", LISTENER),
                allow(List.of("elasticloadbalancing:AddTags"), List.of("*"),
                        Map.of("StringEqualsIfExists", Map.of("elasticloadbalancing:CreateAction", List.of("CreateListener"))))));
        assertEquals(PolicyEvaluator.Effect.IMPLICITLY_DENIED, effect(new IamRequest("elasticloadbalancing:AddTags", LISTENER,
                        Map.of("aws:ResourceTag/team", List.of("payments"))),
                allow(List.of("elasticloadbalancing:AddTags"), List.of("*"),
                        Map.of("StringNotEquals", Map.of("aws:ResourceTag/team", List.of("payments"))))));
        assertEquals(PolicyEvaluator.Effect.ALLOWED, effect(new IamRequest("sqs:SendMessage", "*",
                        Map.of("aws:SourceArn", List.of("arn:aws:events:us-east-1:123456789012:rule/r"))),
                allow(List.of("sqs:SendMessage"), List.of("*"),
                        Map.of("ArnLike", Map.of("aws:SourceArn", List.of("arn:aws:events:*:*:rule/*"))))));
    }

    @Test
    void anUnknownConditionOperatorFailsLoudly() {
        Statement dates = allow(List.of("sqs:SendMessage"), List.of("*"),
                Map.of("DateGreaterThan", Map.of("aws:CurrentTime", List.of("2020-01-01T00:00:00Z"))));

        assertThrows(IllegalArgumentException.class, () -> effect(new IamRequest("sqs:SendMessage", "*",
                Map.of("aws:CurrentTime", List.of("2026-01-01T00:00:00Z"))), dates));
    }
}
