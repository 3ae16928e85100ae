package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IamJudgeUnitTest {

    private static final String TEMPLATE = """
            {"Resources": {
               "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["FnRole", "Arn"]}}},
               "FnRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "elb", "PolicyDocument": {
                 "Statement": [
                   {"Effect": "Allow", "Action": "elasticloadbalancing:DescribeListeners", "Resource": "*"},
                   {"Sid": "OwnOnly", "Effect": "Allow", "Action": "elasticloadbalancing:DeleteListener",
                    "Resource": {"Fn::Sub": "arn:${AWS::Partition}:elasticloadbalancing:${AWS::Region}:${AWS::AccountId}:listener/net/*/*/*"},
                    "Condition": {"Null": {"aws:ResourceTag/owner": "false"}}}]}}]}}}}
            """;
    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a/1/2";
    private static final FunctionRun RUN = new FunctionRun("s1", "Fn", Map.of(), Map.of());

    private static RecordedCall call(String operation, Map<String, Map<String, String>> tags) {
        return new RecordedCall(RUN, "elasticloadbalancing", operation, "POST", "/",
                Json.parse("{\"ListenerArn\":\"" + LISTENER + "\"}"), tags, List.of());
    }

    @Test
    void aRefusedCallIsADenialAndAGrantOnlyRefusedCallsReachIsUnused() {
        IamJudge.Verdict verdict = IamJudge.judge(new TemplateRoles(Json.parse(TEMPLATE)), List.of(
                call("DescribeListeners", Map.of()),
                call("DeleteListener", Map.of(LISTENER, Map.of())),
                call("DeleteListener", Map.of(LISTENER, Map.of()))), Map.of());

        assertEquals(1, verdict.denials().size());
        IamJudge.Denial denial = verdict.denials().firstKey();
        assertEquals("Fn", denial.function());
        assertEquals("FnRole", denial.role());
        assertEquals("no statement allows it", denial.why());
        assertEquals(2, verdict.denials().get(denial), "identical refusals are counted once");
        assertEquals(List.of("FnRole/elb/OwnOnly: elasticloadbalancing:DeleteListener on "
                        + "arn:${AWS::Partition}:elasticloadbalancing:${AWS::Region}:${AWS::AccountId}:listener/net/*/*/*"),
                verdict.unused().stream().map(Grant::toString).toList());
    }

    @Test
    void theOwnershipTagAtCallTimeGrantsTheDelete() {
        IamJudge.Verdict verdict = IamJudge.judge(new TemplateRoles(Json.parse(TEMPLATE)), List.of(
                call("DescribeListeners", Map.of()),
                call("DeleteListener", Map.of(LISTENER, Map.of("owner", "svc")))), Map.of());

        assertEquals(Map.of(), verdict.denials());
        assertEquals(List.of(), List.copyOf(verdict.unused()));
    }

    @Test
    void aCallWithoutMappingIsADenial() {
        IamJudge.Verdict verdict = IamJudge.judge(new TemplateRoles(Json.parse(TEMPLATE)),
                List.of(call("DeleteLoadBalancer", Map.of())), Map.of());

        assertEquals(1, verdict.denials().size());
        assertEquals("?", verdict.denials().firstKey().request());
    }
}
