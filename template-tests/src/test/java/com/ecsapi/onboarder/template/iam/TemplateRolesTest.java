package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateRolesTest {

    private static final String TEMPLATE = """
            {"Parameters": {"ApiId": {"Type": "String"}, "OtherApiIds": {"Type": "String", "Default": ""},
                            "CreateVpcLinks": {"Type": "String", "Default": "false"}},
             "Conditions": {"MayCreateVpcLinks": {"Fn::Equals": [{"Ref": "CreateVpcLinks"}, "true"]},
                            "HasOtherApiIds": {"Fn::Not": [{"Fn::Equals": [{"Ref": "OtherApiIds"}, ""]}]}},
             "Resources": {
               "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}},
               "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                 "Role": {"Fn::GetAtt": ["FnRole", "Arn"]},
                 "Environment": {"Variables": {"DEFAULT_API_ID": {"Ref": "ApiId"}, "QUEUE_URL": {"Ref": "Queue"},
                                               "PREFIX": {"Fn::Sub": "${AWS::StackName}"}, "FIXED": "x"}}}},
               "FnRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {
                 "Statement": [
                   {"Effect": "Allow", "Action": "apigateway:PATCH", "Resource": {"Fn::Split": [",", {"Fn::Sub": [
                     "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Ids}/*",
                     {"Ids": {"Fn::Join": ["/*,arn:aws:apigateway:us-east-1::/restapis/", {"Fn::Split": [",",
                       {"Fn::If": ["HasOtherApiIds", {"Fn::Sub": "${ApiId},${OtherApiIds}"}, {"Ref": "ApiId"}]}]}]}}]}]}},
                   {"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}},
                   {"Fn::If": ["MayCreateVpcLinks", {"Sid": "Links", "Effect": "Allow", "Action": "apigateway:POST",
                     "Resource": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/vpclinks"}},
                     {"Ref": "AWS::NoValue"}]}]}}]}}}}
            """;

    private final TemplateRoles roles = new TemplateRoles(Json.parse(TEMPLATE));

    @Test
    void theRunsEnvironmentAndParametersResolveTheRoleAsCloudFormationWould() {
        FunctionRun run = new FunctionRun("s", "Fn", Map.of("DEFAULT_API_ID", "a1", "FIXED", "y",
                "QUEUE_URL", "http://localhost:5000/123456789012/stack-q", "PREFIX", "stack"),
                Map.of("OtherApiIds", "b2,c3"));

        List<Statement> statements = roles.statements(run);

        assertEquals("FnRole", roles.roleOf("Fn"));
        assertEquals(2, statements.size(), "the conditional statement is left out: CreateVpcLinks defaults to false");
        assertEquals(List.of("arn:aws:apigateway:us-east-1::/restapis/a1/*", "arn:aws:apigateway:us-east-1::/restapis/b2/*",
                        "arn:aws:apigateway:us-east-1::/restapis/c3/*"),
                statements.get(0).resources().stream().map(Statement.Resource::arn).toList());
        assertEquals("FnRole/p/#1", statements.get(0).id());
        assertEquals(List.of("arn:aws:sqs:us-east-1:123456789012:stack-q"),
                statements.get(1).resources().stream().map(Statement.Resource::arn).toList());
        assertEquals("!GetAtt Queue.Arn", statements.get(1).resources().get(0).source());
        FunctionRun otherStack = new FunctionRun("t", "Fn", Map.of("DEFAULT_API_ID", "a1", "PREFIX", "other"), Map.of());
        assertEquals(List.of("arn:aws:sqs:us-east-1:123456789012:other-q"), roles.statements(otherStack).get(1).resources()
                .stream().map(Statement.Resource::arn).toList(), "the stack name, learned from !Sub \"${AWS::StackName}\"");
    }

    @Test
    void conditionalStatementsApplyWhenTheirConditionHolds() {
        List<Statement> statements = roles.statements("FnRole", Map.of("ApiId", "a1", "CreateVpcLinks", "true"));

        assertEquals(3, statements.size());
        Statement links = statements.get(2);
        assertEquals("FnRole/p/Links", links.id());
        assertEquals(List.of("arn:aws:apigateway:us-east-1::/vpclinks"),
                links.resources().stream().map(Statement.Resource::arn).toList());
        assertEquals(List.of("arn:aws:apigateway:us-east-1::/restapis/a1/*"),
                statements.get(0).resources().stream().map(Statement.Resource::arn).toList(),
                "without OtherApiIds only ApiId");
        assertEquals(List.of("arn:aws:sqs:us-east-1:123456789012:ecs-api-onboarder-q"),
                statements.get(1).resources().stream().map(Statement.Resource::arn).toList(),
                "an unknown queue URL falls back to the QueueName property");
    }
}
