package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallMappingTest {

    private static final FunctionRun RUN = new FunctionRun("s1", "OnboardingFunction", Map.of(), Map.of());
    private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/a1/1a";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a1/1a/2b";

    /** What the mapping adds to every request. */
    private static final Map<String, List<String>> REGION = Map.of("aws:RequestedRegion", List.of("us-east-1"));

    private static IamRequest request(String action, String resource, Map<String, List<String>> context) {
        Map<String, List<String>> withRegion = new java.util.HashMap<>(context);
        withRegion.putAll(REGION);
        return new IamRequest(action, resource, withRegion);
    }

    private static IamRequest request(String action, String resource) {
        return request(action, resource, Map.of());
    }

    private static RecordedCall call(String service, String operation, String method, String path, String params,
                                     Map<String, Map<String, String>> tags, List<String> created) {
        return new RecordedCall(RUN, service, operation, method, path, Json.parse(params), tags, created);
    }

    @Test
    void apiGatewayAuthorisesTheHttpMethodOnThePathAndHttpApisDropV2() {
        assertEquals(List.of(request("apigateway:PUT",
                        "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/resources/r1/methods/ANY")),
                CallMapping.requests(call("apigateway", "PutMethod", "PUT", "/restapis/a1b2c3d4e5/resources/r1/methods/ANY",
                        "{}", Map.of(), List.of())));
        assertEquals(List.of(request("apigateway:POST", "arn:aws:apigateway:us-east-1::/apis/h1/routes")),
                CallMapping.requests(call("apigateway", "CreateRoute", "POST", "/v2/apis/h1/routes", "{}", Map.of(), List.of())));
        assertEquals(List.of(request("apigateway:GET", "arn:aws:apigateway:us-east-1::/vpclinks")),
                CallMapping.requests(call("apigateway", "GetVpcLinks", "GET", "/vpclinks", "{}", Map.of(), List.of())));
    }

    @Test
    void aListenerCreatedWithTagsNeedsCreateListenerOnTheNlbAndAddTagsOnTheNewListener() {
        RecordedCall create = call("elasticloadbalancing", "CreateListener", "POST", "/",
                "{\"LoadBalancerArn\":\"" + NLB + "\",\"Tags.member.1.Key\":\"ecs-api-onboarder:service\","
                        + "\"Tags.member.1.Value\":\"svc\"}",
                Map.of(NLB, Map.of("apigw:pool", "default")), List.of(LISTENER));

        assertEquals(List.of(
                        request("elasticloadbalancing:CreateListener", NLB,
                                Map.of("aws:ResourceTag/apigw:pool", List.of("default"),
                                        "aws:RequestTag/ecs-api-onboarder:service", List.of("svc"),
                                        "aws:TagKeys", List.of("ecs-api-onboarder:service"))),
                        request("elasticloadbalancing:AddTags", LISTENER,
                                Map.of("elasticloadbalancing:CreateAction", List.of("CreateListener")))),
                CallMapping.requests(create));
    }

    @Test
    void elbWritesActOnTheNamedResourceWithItsTagsAndDescribesOnEverything() {
        assertEquals(List.of(request("elasticloadbalancing:DeleteListener", LISTENER,
                        Map.of("aws:ResourceTag/ecs-api-onboarder:service", List.of("svc")))),
                CallMapping.requests(call("elasticloadbalancing", "DeleteListener", "POST", "/",
                        "{\"ListenerArn\":\"" + LISTENER + "\"}",
                        Map.of(LISTENER, Map.of("ecs-api-onboarder:service", "svc")), List.of())));
        assertEquals(List.of(request("elasticloadbalancing:DescribeListeners", "*")),
                CallMapping.requests(call("elasticloadbalancing", "DescribeListeners", "POST", "/",
                        "{\"LoadBalancerArn\":\"" + NLB + "\"}", Map.of(), List.of())));
    }

    @Test
    void otherServicesActOnTheArnsTheirParametersName() {
        assertEquals(List.of(request("ecs:DescribeServices", "arn:aws:ecs:us-east-1:123456789012:service/apps/orders"),
                        request("ecs:DescribeServices", "arn:aws:ecs:us-east-1:123456789012:service/apps/pay")),
                CallMapping.requests(call("ecs", "DescribeServices", "POST", "/",
                        "{\"cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/apps\",\"services\":"
                                + "[\"orders\",\"arn:aws:ecs:us-east-1:123456789012:service/apps/pay\"]}", Map.of(), List.of())));
        assertEquals(List.of(request("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:onboarding.fifo")),
                CallMapping.requests(call("sqs", "SendMessageBatch", "POST", "/",
                        "{\"QueueUrl\":\"http://127.0.0.1:5000/123456789012/onboarding.fifo\"}", Map.of(), List.of())));
        assertEquals(List.of(request("cloudwatch:PutMetricData", "*",
                        Map.of("cloudwatch:namespace", List.of("EcsApiOnboarder/Quotas")))),
                CallMapping.requests(call("monitoring", "PutMetricData", "POST", "/",
                        "{\"Namespace\":\"EcsApiOnboarder/Quotas\"}", Map.of(), List.of())));
        assertEquals(List.of(request("cloudwatch:DeleteAlarms", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:s-a"),
                        request("cloudwatch:DeleteAlarms", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:s-b")),
                CallMapping.requests(call("monitoring", "DeleteAlarms", "POST", "/",
                        "{\"AlarmNames.member.1\":\"s-a\",\"AlarmNames.member.2\":\"s-b\"}", Map.of(), List.of())));
        assertEquals(List.of(request("servicequotas:RequestServiceQuotaIncrease",
                        "arn:aws:servicequotas:us-east-1:123456789012:apigateway/L-A4C7274F")),
                CallMapping.requests(call("servicequotas", "RequestServiceQuotaIncrease", "POST", "/",
                        "{\"ServiceCode\":\"apigateway\",\"QuotaCode\":\"L-A4C7274F\",\"DesiredValue\":40}",
                        Map.of(), List.of())));
        assertEquals(List.of(request("servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota", "*")),
                CallMapping.requests(call("servicequotas", "ListRequestedServiceQuotaChangeHistoryByQuota", "POST", "/",
                        "{\"ServiceCode\":\"apigateway\",\"QuotaCode\":\"L-A4C7274F\"}", Map.of(), List.of())));
    }

    @Test
    void aCallWithoutAMappingIsAnErrorNotAPass() {
        assertThrows(IllegalArgumentException.class, () -> CallMapping.requests(
                call("ec2", "DescribeVpcs", "POST", "/", "{}", Map.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> CallMapping.requests(
                call("elasticloadbalancing", "DeleteLoadBalancer", "POST", "/", "{}", Map.of(), List.of())));
    }
}
