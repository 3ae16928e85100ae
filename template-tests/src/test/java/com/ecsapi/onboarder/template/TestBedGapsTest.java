package com.ecsapi.onboarder.template;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS behaviour the template tests rely on and moto 5.2.1 lacks, as the test bed provides it: CloudFormation
 * creates every resource type of the transformed template, TestEventPattern answers, and a schedule rule does not
 * take part in PutEvents routing.
 */
@Tag("emulator")
class TestBedGapsTest {

    private static final String TEMPLATE = """
            {
              "Resources": {
                "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "gaps-queue"}},
                "QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
                  "Queues": [{"Ref": "Queue"}],
                  "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
                    "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}},
                "Topic": {"Type": "AWS::SNS::Topic"},
                "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
                  "TopicArn": {"Ref": "Topic"}, "Protocol": "email", "Endpoint": "ops@example.com"}},
                "Alarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
                  "AlarmName": "gaps-alarm", "Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
                  "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["Queue", "QueueName"]}}],
                  "Statistic": "Maximum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 0,
                  "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": [{"Ref": "Topic"}]}},
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                  "Action": "sts:AssumeRole"}]}}},
                "Function": {"Type": "AWS::Lambda::Function", "Properties": {
                  "Runtime": "java21", "Handler": "example.Handler::handleRequest", "Architectures": ["arm64"],
                  "SnapStart": {"ApplyOn": "PublishedVersions"}, "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                  "Code": {"ZipFile": "not run"}}},
                "Version": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "Function"}}},
                "Alias": {"Type": "AWS::Lambda::Alias", "Properties": {"Name": "live",
                  "FunctionName": {"Ref": "Function"}, "FunctionVersion": {"Fn::GetAtt": ["Version", "Version"]}}}
              },
              "Outputs": {
                "VersionArn": {"Value": {"Ref": "Version"}},
                "AliasArn": {"Value": {"Ref": "Alias"}}
              }
            }
            """;

    private static MotoServer moto;
    private static CloudFormationClient cloudFormation;
    private static LambdaClient lambda;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static CloudWatchClient cloudWatch;
    private static EventBridgeClient eventBridge;

    @BeforeAll
    static void startTestBed() {
        moto = MotoServer.start();
        moto.useForThisJvm();
        cloudFormation = AwsClients.create(CloudFormationClient.builder());
        lambda = AwsClients.create(LambdaClient.builder());
        sqs = AwsClients.create(SqsClient.builder());
        sns = AwsClients.create(SnsClient.builder());
        cloudWatch = AwsClients.create(CloudWatchClient.builder());
        eventBridge = AwsClients.create(EventBridgeClient.builder());
    }

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @AfterAll
    static void stopTestBed() {
        List.<SdkAutoCloseable>of(cloudFormation, lambda, sqs, sns, cloudWatch, eventBridge).forEach(SdkAutoCloseable::close);
        moto.close();
        for (String property : List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(property);
        }
    }

    @Test
    void cloudFormationCreatesAliasQueuePolicySubscriptionAndAlarm() {
        cloudFormation.createStack(r -> r.stackName("gaps").templateBody(TEMPLATE));
        Map<String, StackResourceSummary> resources = cloudFormation.listStackResources(r -> r.stackName("gaps"))
                .stackResourceSummaries().stream()
                .collect(Collectors.toMap(StackResourceSummary::logicalResourceId, Function.identity()));
        assertEquals(9, resources.size(), resources.keySet().toString());

        String functionName = resources.get("Function").physicalResourceId();
        var alias = lambda.getAlias(r -> r.functionName(functionName).name("live"));
        assertEquals("1", alias.functionVersion());
        assertEquals(resources.get("Alias").physicalResourceId(), alias.aliasArn());
        Map<String, String> outputs = cloudFormation.describeStacks(r -> r.stackName("gaps")).stacks().getFirst()
                .outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
        assertTrue(outputs.get("VersionArn").endsWith(":function:" + functionName + ":1"), outputs.get("VersionArn"));
        assertEquals(alias.aliasArn(), outputs.get("AliasArn"));

        String policy = sqs.getQueueAttributes(r -> r.queueUrl(resources.get("Queue").physicalResourceId())
                .attributeNames(QueueAttributeName.POLICY)).attributes().get(QueueAttributeName.POLICY);
        assertEquals("events.amazonaws.com", Json.text(Json.array(Json.parse(policy), "Statement").getFirst(),
                "Principal", "Service").orElseThrow());

        var subscription = sns.listSubscriptionsByTopic(r -> r.topicArn(resources.get("Topic").physicalResourceId()))
                .subscriptions().getFirst();
        assertEquals(resources.get("Subscription").physicalResourceId(), subscription.subscriptionArn());
        assertEquals("ops@example.com", subscription.endpoint());

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("gaps-alarm")).metricAlarms().getFirst();
        assertEquals("gaps-queue", alarm.dimensions().getFirst().value());
        assertEquals(List.of(resources.get("Topic").physicalResourceId()), alarm.alarmActions());
    }

    /** A SAM function with AutoPublishAlias and a VersionDescription naming a parameter, as template.yaml has. */
    private static final String VERSIONED_FUNCTION = """
            {
              "Parameters": {"Mode": {"Type": "String"}},
              "Resources": {
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                  "Action": "sts:AssumeRole"}]}}},
                "Function": {"Type": "AWS::Lambda::Function", "Properties": {
                  "Runtime": "java21", "Handler": "example.Handler::handleRequest",
                  "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Code": {"ZipFile": "not run"},
                  "Environment": {"Variables": {"MODE": {"Ref": "Mode"}}}}},
                "FunctionVersion0123456789": {"Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain",
                  "Properties": {"FunctionName": {"Ref": "Function"}, "Description": {"Fn::Sub": "${Mode}"}}},
                "FunctionAliaslive": {"Type": "AWS::Lambda::Alias", "Properties": {"Name": "live",
                  "FunctionName": {"Ref": "Function"},
                  "FunctionVersion": {"Fn::GetAtt": ["FunctionVersion0123456789", "Version"]}}}
              }
            }
            """;

    @Test
    void aParameterInTheVersionDescriptionPublishesANewVersionBehindTheAliasOnUpdate() {
        cloudFormation.createStack(r -> r.stackName("versions").templateBody(VERSIONED_FUNCTION)
                .parameters(p -> p.parameterKey("Mode").parameterValue("dry-run")));
        String functionName = cloudFormation.describeStackResource(r -> r.stackName("versions")
                .logicalResourceId("Function")).stackResourceDetail().physicalResourceId();
        assertEquals("1", lambda.getAlias(r -> r.functionName(functionName).name("live")).functionVersion());

        cloudFormation.updateStack(r -> r.stackName("versions").usePreviousTemplate(true)
                .parameters(p -> p.parameterKey("Mode").parameterValue("live")));

        assertEquals("live", lambda.getFunctionConfiguration(r -> r.functionName(functionName))
                .environment().variables().get("MODE"));
        var alias = lambda.getAlias(r -> r.functionName(functionName).name("live"));
        assertEquals("2", alias.functionVersion(), "the replaced version is a new one and the alias moved to it");
        assertEquals("live", lambda.getFunctionConfiguration(r -> r.functionName(functionName).qualifier("live"))
                .environment().variables().get("MODE"));
        assertEquals("dry-run", lambda.getFunctionConfiguration(r -> r.functionName(functionName).qualifier("1"))
                .environment().variables().get("MODE"), "a published version keeps its settings");
    }

    @Test
    void snapStartAppliesToPublishedVersionsOnly() {
        cloudFormation.createStack(r -> r.stackName("gaps").templateBody(TEMPLATE));
        String functionName = cloudFormation.describeStackResource(r -> r.stackName("gaps").logicalResourceId("Function"))
                .stackResourceDetail().physicalResourceId();

        GetFunctionConfigurationResponse latest = lambda.getFunctionConfiguration(r -> r.functionName(functionName));
        GetFunctionConfigurationResponse live = lambda.getFunctionConfiguration(r -> r.functionName(functionName)
                .qualifier("live"));
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, latest.snapStart().applyOn());
        assertEquals(SnapStartOptimizationStatus.OFF, latest.snapStart().optimizationStatus());
        assertEquals(SnapStartOptimizationStatus.ON, live.snapStart().optimizationStatus());
        assertEquals(List.of("arm64"), latest.architecturesAsStrings());
    }

    @Test
    void testEventPatternAnswersWhetherTheEventMatches() {
        String pattern = "{\"source\":[\"aws.ecs\"],\"$or\":[{\"detail-type\":[\"ECS Service Action\"]},"
                + "{\"detail\":{\"eventName\":[\"CreateService\"]}}]}";
        String event = "{\"id\":\"1\",\"account\":\"111122223333\",\"source\":\"aws.ecs\",\"time\":\"2024-05-14T09:21:07Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"%s\",\"detail\":{\"eventName\":\"%s\"}}";

        assertTrue(matches(pattern, event.formatted("ECS Service Action", "SERVICE_STEADY_STATE")));
        assertTrue(matches(pattern, event.formatted("AWS API Call via CloudTrail", "CreateService")));
        assertFalse(matches(pattern, event.formatted("AWS API Call via CloudTrail", "RunTask")));
    }

    @Test
    void scheduleRuleTakesNoPartInPutEvents() {
        String queueUrl = sqs.createQueue(r -> r.queueName("routed")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name("hourly").scheduleExpression("rate(1 hour)"));
        eventBridge.putTargets(r -> r.rule("hourly").targets(t -> t.id("function")
                .arn("arn:aws:lambda:us-east-1:123456789012:function:scheduled")));
        eventBridge.putRule(r -> r.name("ecs").eventPattern("{\"source\":[\"aws.ecs\"]}"));
        eventBridge.putTargets(r -> r.rule("ecs").targets(t -> t.id("queue").arn(queueArn)));

        var result = eventBridge.putEvents(r -> r.entries(e -> e.source("aws.ecs").detailType("ECS Service Action")
                .detail("{\"eventName\":\"SERVICE_STEADY_STATE\"}")));

        assertEquals(0, result.failedEntryCount());
        assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().size());
    }

    private static boolean matches(String pattern, String event) {
        return eventBridge.testEventPattern(r -> r.eventPattern(pattern).event(event)).result();
    }
}
