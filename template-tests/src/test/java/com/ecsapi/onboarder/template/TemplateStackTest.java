package com.ecsapi.onboarder.template;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.template.iam.Statement;
import com.ecsapi.onboarder.template.iam.TemplateRoles;
import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml deployed as `sam deploy` would: the jars packaged to S3 and the SAM transform applied
 * (sam_transform.py, offline), then the stack created in the local AWS test bed's CloudFormation. Every resource
 * is read back through its own service's API.
 *
 * <p>The stacks are created once for the class and the tests only read them, except the delivery test, which
 * works on its own stack; so there is no reset between tests.
 */
@Tag("emulator")
class TemplateStackTest {

    private static final String STACK = "ecs-api-onboarder";
    private static final String STACK_WITHOUT_EMAIL = "onboarder-no-email";
    private static final String STACK_PARAMETER_CHANGE = "onboarder-parameter-change";
    private static final String API_ID = "a1b2c3d4e5";
    private static final String ALARM_EMAIL = "ops@example.com";
    private static final String BUCKET = "ecs-api-onboarder-artifacts";

    private static MotoServer moto;
    private static Path workDirectory;
    private static JsonNode transformedTemplate;
    private static CloudFormationClient cloudFormation;
    private static LambdaClient lambda;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static EventBridgeClient eventBridge;
    private static CloudWatchClient cloudWatch;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void deployTheTemplate() throws IOException {
        moto = MotoServer.start();
        moto.useForThisJvm();
        cloudFormation = AwsClients.create(CloudFormationClient.builder());
        lambda = AwsClients.create(LambdaClient.builder());
        sqs = AwsClients.create(SqsClient.builder());
        sns = AwsClients.create(SnsClient.builder());
        eventBridge = AwsClients.create(EventBridgeClient.builder());
        cloudWatch = AwsClients.create(CloudWatchClient.builder());
        logs = AwsClients.create(CloudWatchLogsClient.builder());

        workDirectory = Files.createTempDirectory("template-tests");
        Path transformed = SamTransform.run(moto, workDirectory, BUCKET, "ApiId=" + API_ID);
        String templateBody = Files.readString(transformed);
        transformedTemplate = Json.parse(templateBody);

        createStack(STACK, templateBody, Map.of("ApiId", API_ID, "AlarmEmail", ALARM_EMAIL));
        createStack(STACK_WITHOUT_EMAIL, templateBody, Map.of("ApiId", API_ID));
    }

    @AfterAll
    static void stopTheTestBed() throws IOException {
        Stream.<SdkAutoCloseable>of(cloudFormation, lambda, sqs, sns, eventBridge, cloudWatch, logs)
                .filter(Objects::nonNull)
                .forEach(SdkAutoCloseable::close);
        if (moto != null) {
            moto.close();
        }
        for (String property : List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(property);
        }
        if (workDirectory != null) {
            SamTransform.delete(workDirectory);
        }
    }

    @Test
    void stackIsCompleteWithEveryResourceOfTheTransformedTemplate() {
        Stack stack = cloudFormation.describeStacks(r -> r.stackName(STACK)).stacks().getFirst();
        assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus(), stack.stackStatusReason());

        Map<String, StackResourceSummary> created = resources(STACK);
        Map<String, String> expectedTypes = new TreeMap<>();
        Json.at(transformedTemplate, "Resources").orElseThrow().asObject()
                .forEach((logicalId, resource) -> expectedTypes.put(logicalId, Json.text(resource, "Type").orElseThrow()));
        Map<String, String> createdTypes = new TreeMap<>();
        created.forEach((logicalId, summary) -> createdTypes.put(logicalId, summary.resourceType()));
        assertEquals(expectedTypes, createdTypes, "the stack holds exactly the transformed template's resources");
        created.values().forEach(summary -> assertEquals(ResourceStatus.CREATE_COMPLETE, summary.resourceStatus(),
                summary.logicalResourceId()));

        Map<String, Long> countByType = created.values().stream()
                .collect(Collectors.groupingBy(StackResourceSummary::resourceType, TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("AWS::CloudWatch::Alarm", 9L),
                Map.entry("AWS::CloudWatch::Dashboard", 1L),
                Map.entry("AWS::Events::Rule", 3L),
                Map.entry("AWS::IAM::Role", 3L),
                Map.entry("AWS::Lambda::Alias", 3L),
                Map.entry("AWS::Lambda::EventSourceMapping", 1L),
                Map.entry("AWS::Lambda::Function", 3L),
                Map.entry("AWS::Lambda::Permission", 2L),
                Map.entry("AWS::Lambda::Version", 3L),
                Map.entry("AWS::Logs::LogGroup", 3L),
                Map.entry("AWS::Logs::QueryDefinition", 1L),
                Map.entry("AWS::SNS::Subscription", 1L),
                Map.entry("AWS::SNS::Topic", 1L),
                Map.entry("AWS::SQS::Queue", 2L),
                Map.entry("AWS::SQS::QueuePolicy", 1L))), countByType);
    }

    /** The fields the onboarding function's decision lines carry (onboarding DecisionLog, StructuredLog). */
    private static final Set<String> DECISION_FIELDS = Set.of("@timestamp", "timestamp", "level", "logger", "message",
            "requestId", "messageId", "service", "action", "outcome", "reason", "detail", "pattern", "why", "vpcLink",
            "nlb", "port", "path", "changes", "trigger", "durationMs", "dryRun", "retryable");

    @Test
    void theDecisionQueryReadsTheOnboardingLogGroupAndOnlyFieldsTheDecisionLinesCarry() {
        Map<String, StackResourceSummary> created = resources(STACK);
        String id = physicalId(created, "OnboardingDecisionsQuery");

        QueryDefinition query = logs.describeQueryDefinitions(r -> r.queryDefinitionNamePrefix(STACK + "/"))
                .queryDefinitions().stream().filter(definition -> definition.queryDefinitionId().equals(id))
                .findFirst().orElseThrow();

        assertEquals(STACK + "/onboarding-decisions", query.name());
        assertEquals(List.of(physicalId(created, "OnboardingLogGroup")), query.logGroupNames());
        String fields = query.queryString().lines().filter(line -> line.startsWith("fields ")).findFirst().orElseThrow();
        Set<String> named = new TreeSet<>(List.of(fields.substring("fields ".length()).split(",\\s*")));
        assertTrue(DECISION_FIELDS.containsAll(named), "fields no decision line carries: " + named);
        assertTrue(named.containsAll(Set.of("service", "outcome", "reason", "pattern", "why")), named.toString());
        assertTrue(query.queryString().contains("filter message = \"Service reconciled\""), query.queryString());
    }

    @Test
    void functionsRunTheShadedJarsOnJava21Arm64WithSnapStartBehindTheLiveAlias() throws IOException {
        Map<String, StackResourceSummary> created = resources(STACK);
        for (DeployedFunction function : DeployedFunction.values()) {
            String name = physicalId(created, function.logicalId);
            FunctionConfiguration config = lambda.getFunction(r -> r.functionName(name)).configuration();

            assertEquals(Runtime.JAVA21, config.runtime(), name);
            assertEquals(List.of(Architecture.ARM64), config.architectures(), name);
            assertEquals(function.handler, config.handler(), name);
            assertEquals(1024, config.memorySize(), name);
            assertEquals(function.timeoutSeconds, config.timeout(), name);
            assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, config.snapStart().applyOn(), name);
            Path jar = Project.root().resolve(function.jar);
            Path built = workDirectory.resolve("build").resolve(function.logicalId + ".zip");
            assertEquals(Files.size(built), config.codeSize(), name + " runs what make build-" + function.logicalId
                    + " built");
            assertJarInLib(built, jar);
            assertHandlerClassIn(jar, function.handler);
            assertTrue(config.role().endsWith(":role/" + physicalId(created, function.logicalId + "Role")), config.role());

            GetAliasResponse alias = lambda.getAlias(r -> r.functionName(name).name("live"));
            assertEquals(physicalId(created, function.logicalId + "Aliaslive"), alias.aliasArn());
            String versionArn = physicalId(created, versionLogicalId(created, function.logicalId));
            assertEquals(versionArn.substring(versionArn.lastIndexOf(':') + 1), alias.functionVersion());
            GetFunctionConfigurationResponse live = lambda.getFunctionConfiguration(r -> r.functionName(name).qualifier("live"));
            assertEquals(SnapStartOptimizationStatus.ON, live.snapStart().optimizationStatus(),
                    "SnapStart applies to the published version the alias points at");

            String logGroupName = physicalId(created, function.logGroupLogicalId);
            assertEquals(logGroupName, config.loggingConfig().logGroup());
            LogGroup logGroup = logs.describeLogGroups(r -> r.logGroupNamePrefix(logGroupName)).logGroups().getFirst();
            assertEquals(30, logGroup.retentionInDays(), logGroupName);
        }
    }

    @Test
    void functionEnvironmentFollowsTheConfigurationContract() {
        Map<String, StackResourceSummary> created = resources(STACK);
        Map<String, String> outputs = outputs(STACK);
        String jvmOptions = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
        Map<String, String> onboarding = Map.ofEntries(
                Map.entry("DEFAULT_API_ID", API_ID),
                Map.entry("DEFAULT_STAGE", "prod"),
                Map.entry("LISTENER_PORT_MIN", "10000"),
                Map.entry("LISTENER_PORT_MAX", "10999"),
                Map.entry("DEFAULT_POOL", "default"),
                Map.entry("QUEUE_URL", outputs.get("OnboardingQueueUrl")),
                Map.entry("METRICS_NAMESPACE", "EcsApiOnboarder"),
                Map.entry("DRY_RUN", "false"),
                Map.entry("CREATE_VPC_LINKS", "false"),
                Map.entry("PREFER_REST_VPC_LINK_V2", "false"),
                Map.entry("VPC_LINK_V2_IDS", ""),
                Map.entry("JAVA_TOOL_OPTIONS", jvmOptions),
                Map.entry("LOCAL_AWS_ENDPOINT_URL", ""));
        Map<String, String> onboardingFunction = new TreeMap<>(onboarding);
        onboardingFunction.put("DEAD_LETTER_QUEUE_URL", outputs.get("DeadLetterQueueUrl"));
        assertEquals(onboardingFunction, environment(physicalId(created, "OnboardingFunction")));
        Map<String, String> sweep = Map.ofEntries(
                Map.entry("DEFAULT_API_ID", API_ID),
                Map.entry("DEFAULT_STAGE", "prod"),
                Map.entry("DEFAULT_POOL", "default"),
                Map.entry("CLUSTERS", ""),
                Map.entry("QUEUE_URL", outputs.get("OnboardingQueueUrl")),
                Map.entry("METRICS_NAMESPACE", "EcsApiOnboarder"),
                Map.entry("DRY_RUN", "false"),
                Map.entry("CREATE_VPC_LINKS", "false"),
                Map.entry("JAVA_TOOL_OPTIONS", jvmOptions),
                Map.entry("LOCAL_AWS_ENDPOINT_URL", ""));
        assertEquals(new TreeMap<>(sweep), environment(physicalId(created, "ReconcileSweepFunction")));
        assertEquals(new TreeMap<>(Map.ofEntries(
                        Map.entry("QUOTA_METRICS_NAMESPACE", "EcsApiOnboarder/Quotas"),
                        Map.entry("ALARM_TOPIC_ARN", outputs.get("AlarmTopicArn")),
                        Map.entry("ALARM_THRESHOLD_PERCENT", "80"),
                        Map.entry("ALARM_NAME_PREFIX", STACK),
                        Map.entry("MONITORED_API_IDS", ""),
                        Map.entry("FORECAST_LOOKBACK_DAYS", "14"),
                        Map.entry("QUOTA_INCREASE_REQUEST_DAYS", ""),
                        Map.entry("QUOTA_INCREASE_FACTOR", "2"),
                        Map.entry("DRY_RUN", "false"),
                        Map.entry("JAVA_TOOL_OPTIONS", jvmOptions),
                        Map.entry("LOCAL_AWS_ENDPOINT_URL", ""))),
                environment(physicalId(created, "QuotaMonitorFunction")));
    }

    @Test
    void aParameterOnlyChangePublishesANewVersionBehindEveryLiveAliasThatReadsIt() throws IOException {
        String body = Files.readString(workDirectory.resolve("transformed.json"));
        createStack(STACK_PARAMETER_CHANGE, body, Map.of("ApiId", API_ID, "DryRun", "true"));
        Map<String, StackResourceSummary> before = resources(STACK_PARAMETER_CHANGE);
        for (DeployedFunction function : DeployedFunction.values()) {
            assertEquals("true", liveEnvironment(before, function).get("DRY_RUN"), function.logicalId);
        }

        Map<String, StackResourceSummary> after = updateParameters(STACK_PARAMETER_CHANGE, "DryRun", "false", "ApiId");
        for (DeployedFunction function : DeployedFunction.values()) {
            assertEquals("2", liveVersion(after, function),
                    function.logicalId + ": the DryRun change published a version and live moved");
            assertEquals("false", liveEnvironment(after, function).get("DRY_RUN"), function.logicalId);
        }

        Map<String, StackResourceSummary> opted = updateParameters(STACK_PARAMETER_CHANGE, "QuotaIncreaseRequestDays",
                "30", "ApiId", "DryRun");
        for (DeployedFunction function : DeployedFunction.values()) {
            assertEquals(function == DeployedFunction.MONITOR ? "3" : "2", liveVersion(opted, function),
                    function.logicalId + ": only the monitor reads QuotaIncreaseRequestDays");
        }
        assertEquals("30", liveEnvironment(opted, DeployedFunction.MONITOR).get("QUOTA_INCREASE_REQUEST_DAYS"));
    }

    /** Sets one parameter of the stack, keeps {@code kept} as they were; answers the stack's resources after. */
    private static Map<String, StackResourceSummary> updateParameters(String stack, String parameter, String value,
                                                                      String... kept) {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.builder().parameterKey(parameter).parameterValue(value).build());
        Arrays.stream(kept).forEach(name -> parameters.add(Parameter.builder().parameterKey(name)
                .usePreviousValue(true).build()));
        cloudFormation.updateStack(r -> r.stackName(stack).usePreviousTemplate(true)
                .capabilities(Capability.CAPABILITY_IAM).parameters(parameters));
        cloudFormation.waiter().waitUntilStackUpdateComplete(r -> r.stackName(stack));
        return resources(stack);
    }

    private static String liveVersion(Map<String, StackResourceSummary> created, DeployedFunction function) {
        String name = physicalId(created, function.logicalId);
        return lambda.getAlias(r -> r.functionName(name).name("live")).functionVersion();
    }

    /**
     * Every parameter a function's environment reads is in its version description (or a change of it would not
     * reach the live alias), and the longest values the parameters allow keep the description within Lambda's 256
     * characters (or the deploy fails at the version).
     */
    @Test
    void versionDescriptionsNameEveryParameterOfTheEnvironmentWithinLambdasLimit() {
        JsonNode resources = Json.at(transformedTemplate, "Resources").orElseThrow();
        JsonNode parameters = Json.at(transformedTemplate, "Parameters").orElseThrow();
        for (DeployedFunction function : DeployedFunction.values()) {
            JsonNode environment = Json.at(resources, function.logicalId, "Properties", "Environment").orElseThrow();
            Set<String> read = new TreeSet<>(parameterRefs(environment));
            read.retainAll(parameters.asObject().keySet());
            String version = versionLogicalIdIn(resources, function.logicalId);
            String description = Json.text(resources.asObject().get(version), "Properties", "Description", "Fn::Sub")
                    .orElseThrow(() -> new AssertionError(version + " has no Fn::Sub description"));
            Set<String> described = new TreeSet<>(java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)}")
                    .matcher(description).results().map(m -> m.group(1)).toList());
            assertEquals(read, described, function.logicalId + ": parameters in the environment vs the description");
            int longest = description.replaceAll("\\$\\{[A-Za-z0-9]+}", "").length() + described.stream()
                    .mapToInt(name -> longestValue(name, parameters.asObject().get(name))).sum();
            assertTrue(longest <= 256, function.logicalId + ": the description may reach " + longest + " characters");
        }
    }

    private static Map<String, String> liveEnvironment(Map<String, StackResourceSummary> created,
                                                       DeployedFunction function) {
        String name = physicalId(created, function.logicalId);
        return lambda.getFunctionConfiguration(r -> r.functionName(name).qualifier("live")).environment().variables();
    }

    private static List<String> parameterRefs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            node.asObject().forEach((key, value) -> {
                if (key.equals("Ref") && value.isString()) {
                    refs.add(value.text());
                } else {
                    refs.addAll(parameterRefs(value));
                }
            });
        } else if (node.isArray()) {
            node.asArray().forEach(item -> refs.addAll(parameterRefs(item)));
        }
        return refs;
    }

    private static String versionLogicalIdIn(JsonNode resources, String functionLogicalId) {
        return resources.asObject().entrySet().stream()
                .filter(e -> e.getKey().startsWith(functionLogicalId + "Version")
                        && Json.text(e.getValue(), "Type").orElse("").equals("AWS::Lambda::Version"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no version of " + functionLogicalId));
    }

    /** The longest value a parameter's constraints let a deployer give. */
    private static int longestValue(String name, JsonNode parameter) {
        Optional<String> maxLength = Json.text(parameter, "MaxLength");
        if (maxLength.isPresent()) {
            return Integer.parseInt(maxLength.get());
        }
        if (Json.at(parameter, "AllowedValues").isPresent()) {
            return Json.array(parameter, "AllowedValues").stream().mapToInt(v -> v.text().length()).max().orElseThrow();
        }
        Optional<String> pattern = Json.text(parameter, "AllowedPattern");
        if (pattern.isPresent()) {
            var bound = java.util.regex.Pattern.compile("\\{\\d+,(\\d+)}\\$?\"?$").matcher(pattern.get());
            if (bound.find()) {
                return Integer.parseInt(bound.group(1));
            }
            var exact = java.util.regex.Pattern.compile("\\{(\\d+)}\\$?$").matcher(pattern.get());
            if (exact.find()) {
                return Integer.parseInt(exact.group(1));
            }
        }
        if (Json.text(parameter, "Type").orElse("").equals("Number") && Json.text(parameter, "MaxValue").isPresent()) {
            return Json.text(parameter, "MaxValue").orElseThrow().length();
        }
        throw new AssertionError("parameter " + name + " has no bound on its length; give it a MaxLength");
    }

    @Test
    void ecsServiceEventsRuleFeedsTheFifoQueueWhichFeedsTheOnboardingFunction() {
        Map<String, StackResourceSummary> created = resources(STACK);
        String queueUrl = physicalId(created, "OnboardingQueue");
        Map<String, String> queue = queueAttributes(queueUrl);
        Map<String, String> deadLetterQueue = queueAttributes(physicalId(created, "OnboardingDeadLetterQueue"));
        String onboardingName = physicalId(created, "OnboardingFunction");
        int onboardingTimeout = lambda.getFunctionConfiguration(r -> r.functionName(onboardingName)).timeout();

        assertEquals("true", queue.get("FifoQueue"));
        assertEquals("true", queue.get("ContentBasedDeduplication"));
        assertTrue(Integer.parseInt(queue.get("VisibilityTimeout")) >= 6 * onboardingTimeout,
                "visibility timeout " + queue.get("VisibilityTimeout") + " < 6 x " + onboardingTimeout);
        JsonNode redrive = Json.parse(queue.get("RedrivePolicy"));
        assertEquals(deadLetterQueue.get("QueueArn"), Json.text(redrive, "deadLetterTargetArn").orElseThrow());
        assertEquals("5", Json.text(redrive, "maxReceiveCount").orElseThrow());
        assertEquals("true", deadLetterQueue.get("FifoQueue"));

        DescribeRuleResponse rule = eventBridge.describeRule(r -> r.name(physicalId(created, "EcsServiceEventsRule")));
        List<Target> targets = eventBridge.listTargetsByRule(r -> r.rule(rule.name())).targets();
        assertEquals(1, targets.size());
        assertEquals(queue.get("QueueArn"), targets.getFirst().arn());
        assertEquals("ecs-services", targets.getFirst().sqsParameters().messageGroupId());

        JsonNode statement = Json.array(Json.parse(queue.get("Policy")), "Statement").stream()
                .filter(s -> Json.text(s, "Effect").orElseThrow().equals("Allow"))
                .reduce((a, b) -> {
                    throw new AssertionError("one Allow statement expected in the queue policy");
                })
                .orElseThrow();
        assertEquals("events.amazonaws.com", Json.text(statement, "Principal", "Service").orElseThrow());
        assertEquals("sqs:SendMessage", Json.text(statement, "Action").orElseThrow());
        assertEquals(rule.arn(), Json.text(statement, "Condition", "ArnEquals", "aws:SourceArn").orElseThrow());

        List<EventSourceMappingConfiguration> mappings =
                lambda.listEventSourceMappings(r -> r.eventSourceArn(queue.get("QueueArn"))).eventSourceMappings();
        assertEquals(1, mappings.size());
        EventSourceMappingConfiguration mapping = mappings.getFirst();
        assertEquals(queue.get("QueueArn"), mapping.eventSourceArn());
        assertEquals(10, mapping.batchSize());
        assertEquals(List.of(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES), mapping.functionResponseTypes());
        String liveVersion = lambda.getAlias(r -> r.functionName(onboardingName).name("live")).functionVersion();
        assertTrue(Set.of(physicalId(created, "OnboardingFunctionAliaslive"),
                        lambda.getFunction(r -> r.functionName(onboardingName)).configuration().functionArn() + ":" + liveVersion)
                .contains(mapping.functionArn()), "the queue invokes the live alias (or the version it names): "
                + mapping.functionArn());
    }

    @Test
    void ruleMatchesEveryEcsServiceChangeAndNothingElse() throws IOException {
        String pattern = eventBridge.describeRule(r -> r.name(physicalId(resources(STACK), "EcsServiceEventsRule")))
                .eventPattern();
        for (String file : List.of("onboarding-create-service.json", "onboarding-delete-service.json",
                "onboarding-tag-resource.json", "onboarding-untag-resource.json", "onboarding-service-action.json")) {
            assertTrue(matches(pattern, bodyOf(file)), file + " must match the rule");
        }
        String createService = bodyOf("onboarding-create-service.json");
        assertTrue(matches(pattern, createService.replace("\"CreateService\"", "\"UpdateService\"")), "UpdateService");
        assertFalse(matches(pattern, createService.replace("\"CreateService\"", "\"RunTask\"")), "RunTask");
        assertFalse(matches(pattern, bodyOf("onboarding-service-action.json")
                .replace("ECS Service Action", "ECS Task State Change")), "ECS Task State Change");
        assertFalse(matches(pattern, bodyOf("onboarding-reconcile-service.json")),
                "the sweep enqueues reconcile requests itself; the rule must not match them");
    }

    @Test
    void ecsEventIsDeliveredToTheQueueInTheSingleMessageGroup() throws IOException {
        Map<String, StackResourceSummary> created = resources(STACK_WITHOUT_EMAIL);
        String queueUrl = physicalId(created, "OnboardingQueue");
        String queueArn = queueAttributes(queueUrl).get("QueueArn");
        // the consumer is paused, as a deployment with the event source disabled would be: the event stays queued
        String mapping = lambda.listEventSourceMappings(r -> r.eventSourceArn(queueArn))
                .eventSourceMappings().getFirst().uuid();
        lambda.updateEventSourceMapping(r -> r.uuid(mapping).enabled(false));
        JsonNode event = Json.parse(bodyOf("onboarding-create-service.json"));

        var result = eventBridge.putEvents(r -> r.entries(e -> e
                .source(Json.text(event, "source").orElseThrow())
                .detailType(Json.text(event, "detail-type").orElseThrow())
                .detail(Json.write(toPlain(Json.at(event, "detail").orElseThrow())))));
        assertEquals(0, result.failedEntryCount());

        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
        assertEquals(1, messages.size());
        Message message = messages.getFirst();
        assertEquals("ecs-services", message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        JsonNode delivered = Json.parse(message.body());
        assertEquals("AWS API Call via CloudTrail", Json.text(delivered, "detail-type").orElseThrow());
        assertEquals("CreateService", Json.text(delivered, "detail", "eventName").orElseThrow());
        assertEquals("arn:aws:ecs:us-east-1:111122223333:service/prod/orders",
                Json.text(delivered, "detail", "responseElements", "service", "serviceArn").orElseThrow());
    }

    @Test
    void schedulesInvokeTheLiveAliases() {
        Map<String, StackResourceSummary> created = resources(STACK);
        assertSchedule(created, "ReconcileSweepFunctionSweep", "rate(1 hour)", "ReconcileSweepFunctionAliaslive");
        assertSchedule(created, "QuotaMonitorFunctionMonitor", "rate(15 minutes)", "QuotaMonitorFunctionAliaslive");
    }

    @Test
    void alarmsWatchTheDeadLetterQueueAndTheFunctionsAndNotifyTheTopic() {
        Map<String, StackResourceSummary> created = resources(STACK);
        String topicArn = physicalId(created, "AlarmTopic");
        Map<String, MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(STACK + "-")).metricAlarms()
                .stream().collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity()));
        assertEquals(Set.of(STACK + "-onboarding-dead-letters", STACK + "-onboarding-errors",
                STACK + "-reconcile-sweep-errors", STACK + "-quota-monitor-errors", STACK + "-capacity-exhausted",
                STACK + "-quota-monitor-item-failures", STACK + "-onboarding-parked", STACK + "-reconcile-failures",
                STACK + "-onboarding-queue-age"),
                alarms.keySet());
        alarms.values().forEach(alarm -> {
            assertEquals(List.of(topicArn), alarm.alarmActions(), alarm.alarmName());
            assertEquals(ComparisonOperator.GREATER_THAN_THRESHOLD, alarm.comparisonOperator(), alarm.alarmName());
            assertEquals(alarm.alarmName().endsWith("-queue-age") ? 900.0 : 0.0, alarm.threshold(), alarm.alarmName());
        });

        MetricAlarm parked = alarms.get(STACK + "-onboarding-parked");
        assertEquals("EcsApiOnboarder", parked.namespace());
        assertEquals("Parked", parked.metricName());
        assertEquals("onboarding", parked.dimensions().getFirst().value());
        MetricAlarm failures = alarms.get(STACK + "-reconcile-failures");
        assertEquals("ReconcileFailed", failures.metricName());
        assertEquals(3, failures.datapointsToAlarm(), "failing for 15 minutes, not one retried throttle");
        MetricAlarm age = alarms.get(STACK + "-onboarding-queue-age");
        assertEquals("AWS/SQS", age.namespace());
        assertEquals("ApproximateAgeOfOldestMessage", age.metricName());
        String onboardingQueueUrl = physicalId(created, "OnboardingQueue");
        assertEquals(onboardingQueueUrl.substring(onboardingQueueUrl.lastIndexOf('/') + 1), age.dimensions().getFirst().value());

        MetricAlarm deadLetters = alarms.get(STACK + "-onboarding-dead-letters");
        assertEquals("AWS/SQS", deadLetters.namespace());
        assertEquals("ApproximateNumberOfMessagesVisible", deadLetters.metricName());
        String deadLetterQueueUrl = physicalId(created, "OnboardingDeadLetterQueue");
        assertEquals(deadLetterQueueUrl.substring(deadLetterQueueUrl.lastIndexOf('/') + 1),
                deadLetters.dimensions().getFirst().value());

        MetricAlarm itemFailures = alarms.get(STACK + "-quota-monitor-item-failures");
        assertEquals("EcsApiOnboarder", itemFailures.namespace());
        assertEquals("MonitorItemFailures", itemFailures.metricName());
        assertEquals("Function", itemFailures.dimensions().getFirst().name());
        assertEquals("quota-monitor", itemFailures.dimensions().getFirst().value());

        Set<String> watchedFunctions = new TreeSet<>();
        alarms.values().stream().filter(alarm -> alarm.metricName().equals("Errors")).forEach(alarm -> {
            assertEquals("AWS/Lambda", alarm.namespace());
            watchedFunctions.add(alarm.dimensions().getFirst().value());
        });
        assertEquals(new TreeSet<>(List.of(physicalId(created, "OnboardingFunction"),
                physicalId(created, "ReconcileSweepFunction"), physicalId(created, "QuotaMonitorFunction"))),
                watchedFunctions);

        List<Subscription> subscriptions = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions();
        assertEquals(1, subscriptions.size());
        assertEquals("email", subscriptions.getFirst().protocol());
        assertEquals(ALARM_EMAIL, subscriptions.getFirst().endpoint());
    }

    @Test
    void noEmailSubscriptionWithoutAlarmEmail() {
        Map<String, StackResourceSummary> created = resources(STACK_WITHOUT_EMAIL);
        assertFalse(created.containsKey("AlarmEmailSubscription"));
        assertTrue(sns.listSubscriptionsByTopic(r -> r.topicArn(physicalId(created, "AlarmTopic")))
                .subscriptions().isEmpty());
    }

    @Test
    void dashboardSearchesTheMetricsSoItNeedsNoEditWhenNlbsAndApisComeAndGo() {
        String dashboardName = outputs(STACK).get("DashboardName");
        JsonNode body = Json.parse(cloudWatch.getDashboard(r -> r.dashboardName(dashboardName)).dashboardBody());
        List<String> expressions = new ArrayList<>();
        List<String> metricLines = new ArrayList<>();
        for (JsonNode widget : Json.array(body, "widgets")) {
            for (JsonNode metric : Json.array(widget, "properties", "metrics")) {
                for (JsonNode part : metric.asArray()) {
                    Json.text(part, "expression").ifPresent(expressions::add);
                    if (part.isString()) {
                        metricLines.add(part.text());
                    }
                }
            }
        }
        String quotas = "SEARCH('{EcsApiOnboarder/Quotas,Quota,Resource} MetricName=\"%s\"'";
        String onboarding = "SEARCH('{EcsApiOnboarder,Function} MetricName=\"%s\"'";
        for (String expected : List.of(quotas.formatted("Utilization"), quotas.formatted("DaysToExhaustion"),
                onboarding.formatted("Onboarded"), onboarding.formatted("Deregistered"),
                onboarding.formatted("CapacityExhausted"), onboarding.formatted("ReconcileDuration"),
                onboarding.formatted("Parked"), onboarding.formatted("ReconcileFailed"),
                "SEARCH('{EcsApiOnboarder,Function,Call} MetricName=\"MonitorItemFailures\"'",
                "SEARCH('{EcsApiOnboarder,Function,Reason} MetricName=\"Rejected\"'")) {
            assertTrue(expressions.stream().anyMatch(expression -> expression.startsWith(expected)),
                    "no widget searches " + expected + " in " + expressions);
        }
        String deadLetterQueueUrl = outputs(STACK).get("DeadLetterQueueUrl");
        assertTrue(metricLines.contains(deadLetterQueueUrl.substring(deadLetterQueueUrl.lastIndexOf('/') + 1)),
                "the dead-letter queue depth is on the dashboard");
    }

    @Test
    void outputsNameTheDeployedResources() {
        Map<String, StackResourceSummary> created = resources(STACK);
        assertEquals(new TreeMap<>(Map.of(
                "OnboardingQueueUrl", physicalId(created, "OnboardingQueue"),
                "DeadLetterQueueUrl", physicalId(created, "OnboardingDeadLetterQueue"),
                "AlarmTopicArn", physicalId(created, "AlarmTopic"),
                "DashboardName", physicalId(created, "Dashboard"),
                "OnboardingFunctionAlias", physicalId(created, "OnboardingFunctionAliaslive"),
                "ReconcileSweepFunctionAlias", physicalId(created, "ReconcileSweepFunctionAliaslive"),
                "QuotaMonitorFunctionAlias", physicalId(created, "QuotaMonitorFunctionAliaslive"))),
                new TreeMap<>(outputs(STACK)));
    }

    @Test
    void rolesGrantNoWildcardActionAndScopeResourcesWhereAwsAllows() {
        // actions AWS authorizes only on "*" (no resource-level permissions)
        Set<String> unscopable = Set.of("ecs:ListClusters", "ecs:ListServices",
                "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags", "servicequotas:GetServiceQuota",
                "servicequotas:GetAWSDefaultServiceQuota", "servicequotas:ListServiceQuotas",
                "servicequotas:ListAWSDefaultServiceQuotas",
                "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota", "cloudwatch:PutMetricData",
                "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
                // without AlarmNames DescribeAlarms reads every alarm of the Region (the IAM judge maps it to "*")
                "cloudwatch:DescribeAlarms", "ec2:DescribeVpcEndpointServiceConfigurations");
        int statements = 0;
        for (var resource : Json.at(transformedTemplate, "Resources").orElseThrow().asObject().entrySet()) {
            if (!Json.text(resource.getValue(), "Type").orElseThrow().equals("AWS::IAM::Role")) {
                continue;
            }
            assertTrue(Json.at(resource.getValue(), "Properties", "ManagedPolicyArns").isEmpty(),
                    resource.getKey() + " attaches managed policies");
            for (JsonNode statement : grantedStatements(resource.getValue())) {
                statements++;
                assertEquals("Allow", Json.text(statement, "Effect").orElseThrow());
                List<String> actions = strings(Json.at(statement, "Action").orElseThrow());
                actions.forEach(action -> assertFalse(action.equals("*") || action.endsWith(":*"),
                        resource.getKey() + " grants " + action));
                if (strings(Json.at(statement, "Resource").orElseThrow()).contains("*")) {
                    assertTrue(unscopable.containsAll(actions), resource.getKey() + " grants " + actions
                            + " on every resource although AWS can scope them");
                }
                if (actions.contains("cloudwatch:PutMetricData")) {
                    assertEquals("EcsApiOnboarder/Quotas", Json.text(statement, "Condition", "StringEquals",
                            "cloudwatch:namespace").orElseThrow());
                }
            }
        }
        assertTrue(statements > 10, "the roles were not found in the transformed template");
    }

    @Test
    void theMonitorMayRequestIncreasesOnlyWhenOptedInAndOnlyOfTheAdjustableQuotasItMeasures() {
        TemplateRoles roles = new TemplateRoles(transformedTemplate);
        Predicate<Statement> requests = statement -> statement.actions()
                .contains("servicequotas:RequestServiceQuotaIncrease");

        assertTrue(roles.statements("QuotaMonitorFunctionRole", Map.of()).stream().noneMatch(requests),
                "off by default: no grant");
        List<String> granted = roles.statements("QuotaMonitorFunctionRole", Map.of("QuotaIncreaseRequestDays", "30"))
                .stream().filter(requests).flatMap(statement -> statement.resources().stream())
                .map(Statement.Resource::arn).sorted().toList();
        assertEquals(Arrays.stream(Quota.values()).filter(Quota::documentedAdjustable)
                        .map(quota -> "arn:aws:servicequotas:us-east-1:123456789012:" + quota.serviceCode() + "/"
                                + quota.quotaCode()).sorted().toList(), granted,
                "listeners per NLB (L-57A373D6) is not adjustable: never granted");
    }

    @Test
    void onboardingRoleReadsTheListenerQuotaAndRetagsOnlyItsOwnListeners() {
        List<JsonNode> statements = grantedStatements(
                Json.at(transformedTemplate, "Resources", "OnboardingFunctionRole").orElseThrow());
        assertTrue(statements.stream().anyMatch(statement -> strings(Json.at(statement, "Action").orElseThrow())
                        .equals(List.of("sqs:SendMessage")) && Json.at(statement, "Resource", "Fn::GetAtt").map(
                        target -> Json.array(target).get(0).asString()).equals(Optional.of("OnboardingDeadLetterQueue"))),
                "a message that can never succeed is parked in the dead-letter queue, and only there");
        assertTrue(statements.stream().anyMatch(statement -> strings(Json.at(statement, "Action").orElseThrow())
                        .contains("servicequotas:GetServiceQuota")),
                "placement reads L-57A373D6 through Service Quotas");
        List<JsonNode> addTags = statements.stream()
                .filter(statement -> strings(Json.at(statement, "Action").orElseThrow())
                        .contains("elasticloadbalancing:AddTags"))
                .toList();
        assertEquals(2, addTags.size());
        assertTrue(addTags.stream().allMatch(statement -> Json.at(statement, "Condition").isPresent()),
                "AddTags is never unconditional");
        assertTrue(addTags.stream().anyMatch(statement -> Json.text(statement, "Condition", "Null",
                        "aws:ResourceTag/ecs-api-onboarder:service").equals(Optional.of("false"))),
                "a moved route retags the listener the service already owns, and only such listeners");
    }

    /** The statements of a role's inline policies; a policy or statement under a template condition as it is when it applies. */
    private static List<JsonNode> grantedStatements(JsonNode role) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode written : Json.array(role, "Properties", "Policies")) {
            JsonNode policy = Json.at(written, "Fn::If").map(branches -> Json.array(branches).get(1)).orElse(written);
            for (JsonNode entry : Json.array(policy, "PolicyDocument", "Statement")) {
                statements.add(Json.at(entry, "Fn::If").map(branches -> Json.array(branches).get(1)).orElse(entry));
            }
        }
        return statements;
    }

    private static void createStack(String name, String templateBody, Map<String, String> parameters) {
        cloudFormation.createStack(r -> r.stackName(name)
                .templateBody(templateBody)
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters.entrySet().stream()
                        .map(p -> Parameter.builder().parameterKey(p.getKey()).parameterValue(p.getValue()).build())
                        .toList()));
        cloudFormation.waiter().waitUntilStackCreateComplete(r -> r.stackName(name));
    }

    private static Map<String, StackResourceSummary> resources(String stack) {
        return cloudFormation.listStackResourcesPaginator(r -> r.stackName(stack)).stackResourceSummaries().stream()
                .collect(Collectors.toMap(StackResourceSummary::logicalResourceId, Function.identity()));
    }

    private static Map<String, String> outputs(String stack) {
        return cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().getFirst().outputs().stream()
                .collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private static String physicalId(Map<String, StackResourceSummary> resources, String logicalId) {
        StackResourceSummary resource = resources.get(logicalId);
        assertNotNull(resource, "the stack has no " + logicalId + " (has " + new TreeSet<>(resources.keySet()) + ")");
        return resource.physicalResourceId();
    }

    private static String versionLogicalId(Map<String, StackResourceSummary> resources, String functionLogicalId) {
        return resources.keySet().stream()
                .filter(id -> id.startsWith(functionLogicalId + "Version"))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one version of " + functionLogicalId);
                })
                .orElseThrow(() -> new AssertionError("no published version of " + functionLogicalId));
    }

    private static Map<String, String> environment(String functionName) {
        return new TreeMap<>(lambda.getFunctionConfiguration(r -> r.functionName(functionName))
                .environment().variables());
    }

    private static Map<String, String> queueAttributes(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
    }

    private static void assertSchedule(Map<String, StackResourceSummary> created, String ruleLogicalId,
                                       String expression, String aliasLogicalId) {
        DescribeRuleResponse rule = eventBridge.describeRule(r -> r.name(physicalId(created, ruleLogicalId)));
        assertEquals(expression, rule.scheduleExpression());
        List<Target> targets = eventBridge.listTargetsByRule(r -> r.rule(rule.name())).targets();
        assertEquals(List.of(physicalId(created, aliasLogicalId)), targets.stream().map(Target::arn).toList());
    }

    private static boolean matches(String pattern, String event) {
        return eventBridge.testEventPattern(r -> r.eventPattern(pattern).event(event)).result();
    }

    private static String bodyOf(String sampleFile) throws IOException {
        JsonNode batch = Json.parse(Files.readString(Project.event(sampleFile)));
        return Json.text(Json.array(batch, "Records").getFirst(), "body").orElseThrow();
    }

    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            return node.asArray().stream().map(item -> item.isString() ? item.text() : "(intrinsic)").toList();
        }
        return List.of(node.isString() ? node.text() : "(intrinsic)");
    }

    /** JsonNode to maps/lists/strings for {@link Json#write}. */
    private static Object toPlain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            node.asObject().forEach((key, value) -> map.put(key, toPlain(value)));
            return map;
        }
        if (node.isArray()) {
            return node.asArray().stream().map(TemplateStackTest::toPlain).toList();
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return new java.math.BigDecimal(node.asNumber());
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.text();
    }

    /** The function's zip holds the project's jar, byte for byte, in lib/ (where the Lambda Java runtime looks). */
    private static void assertJarInLib(Path zip, Path jar) throws IOException {
        try (ZipFile code = new ZipFile(zip.toFile())) {
            var entries = code.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(List.of("lib/" + jar.getFileName()), entries, zip.toString());
            try (var in = code.getInputStream(code.getEntry(entries.getFirst()))) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(jar), in.readAllBytes()),
                        zip + " holds another " + jar.getFileName());
            }
        }
    }

    private static void assertHandlerClassIn(Path jar, String handler) throws IOException {
        String entry = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertNotNull(zip.getEntry(entry), jar + " has no " + entry);
        }
    }

    private enum DeployedFunction {
        ONBOARDING("OnboardingFunction", "com.ecsapi.onboarder.onboarding.OnboardingHandler::handleRequest",
                "functions/onboarding/target/onboarding-function.jar", 120, "OnboardingLogGroup"),
        SWEEP("ReconcileSweepFunction", "com.ecsapi.onboarder.onboarding.SweepHandler::handleRequest",
                "functions/onboarding/target/onboarding-function.jar", 300, "ReconcileSweepLogGroup"),
        MONITOR("QuotaMonitorFunction", "com.ecsapi.onboarder.monitor.QuotaMonitorHandler::handleRequest",
                "functions/quota-monitor/target/quota-monitor-function.jar", 300, "QuotaMonitorLogGroup");

        final String logicalId;
        final String handler;
        final String jar;
        final int timeoutSeconds;
        final String logGroupLogicalId;

        DeployedFunction(String logicalId, String handler, String jar, int timeoutSeconds, String logGroupLogicalId) {
            this.logicalId = logicalId;
            this.handler = handler;
            this.jar = jar;
            this.timeoutSeconds = timeoutSeconds;
            this.logGroupLogicalId = logGroupLogicalId;
        }
    }
}
