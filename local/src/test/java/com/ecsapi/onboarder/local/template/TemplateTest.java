package com.ecsapi.onboarder.local.template;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {

    static Path fixtureTemplate() {
        try {
            return Path.of(TemplateTest.class.getResource("/fixture/template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Template template = Template.load(fixtureTemplate());

    @Test
    void listsOnlyTheServerlessFunctionsInTemplateOrder() {
        assertEquals(java.util.List.of("ScheduledFunction", "SqsFunction", "StreamFunction", "FailingFunction",
                "SlowFunction", "MissingJarFunction", "MadeFunction", "BrokenBuildFunction", "DirectoryFunction"),
                template.functionIds());
    }

    @Test
    void readsHandlerCodeUriAndSettingsWithGlobals() {
        FunctionDefinition function = template.function("ScheduledFunction", Map.of(), "us-east-1");

        assertEquals("com.ecsapi.onboarder.local.fixture.ScheduledHandler::handleRequest", function.handler());
        assertEquals(fixtureTemplate().getParent().resolve("fixture-function.jar"), function.codeUri());
        assertFalse(function.builtWithMake());
        assertEquals("ScheduledLogGroup", function.logGroup());
        assertEquals("java21", function.runtime());
        assertEquals(30, function.timeoutSeconds(), "Timeout from Globals");
        assertEquals(512, function.memoryMb(), "MemorySize through !FindInMap overrides Globals");
        assertEquals("from-globals", function.environment().get("GLOBAL_ONLY"));
        assertEquals("from-function", function.environment().get("OVERRIDDEN_BY_FUNCTION"));

        FunctionDefinition stream = template.function("StreamFunction", Map.of(), "us-east-1");
        assertEquals(5, stream.timeoutSeconds());
        assertEquals(256, stream.memoryMb());
        assertEquals(Map.of("GLOBAL_ONLY", "from-globals", "OVERRIDDEN_BY_FUNCTION", "from-globals",
                "LOCAL_AWS_ENDPOINT_URL", ""), stream.environment());
        assertEquals("", stream.logGroup());

        FunctionDefinition made = template.function("MadeFunction", Map.of(), "us-east-1");
        assertTrue(made.builtWithMake());
        assertEquals(fixtureTemplate().getParent(), made.codeUri(), "CodeUri . is the template's directory");
    }

    @Test
    void resolvesIntrinsicsLikeSamLocal() {
        Map<String, String> environment = template.function("ScheduledFunction", Map.of(), "eu-west-1").environment();

        assertEquals("ApiId", environment.get("API_ID"), "a parameter without Default stays its name");
        assertEquals("prod", environment.get("STAGE"));
        assertEquals("10000", environment.get("PORT_MIN"));
        assertEquals("Queue", environment.get("QUEUE_URL"), "Ref of a resource is its logical id");
        assertEquals("Queue", environment.get("QUEUE_ARN"), "GetAtt is the logical id");
        assertEquals("Topic", environment.get("TOPIC_ARN"));
        assertEquals("eu-west-1", environment.get("REGION"));
        assertEquals("123456789012", environment.get("ACCOUNT"));
        assertEquals("local", environment.get("STACK"));
        assertEquals("local-prod-Queue-${Literal}", environment.get("PREFIX"));
        assertEquals("a-prod@eu-west-1", environment.get("SUB_LIST"));
        assertEquals("none", environment.get("EMAIL"));
        assertEquals("yes", environment.get("PROD"));
        assertEquals("subnet-a", environment.get("FIRST_SUBNET"));
        assertEquals("y", environment.get("SECOND_PART"));
        assertEquals("", environment.get("NO_VALUE_IN_IF"),
                "SAM CLI cannot resolve AWS::NoValue: the variable is there, empty (CloudFormation would drop it)");
        assertEquals("", environment.get("NO_VALUE"));
        assertEquals("", environment.get("NO_VALUE_GIVEN"), "a declared variable without value is empty");
        assertEquals("14", environment.get("LITERAL"));
    }

    @Test
    void parameterOverridesReplaceDefaultsAndFeedConditions() {
        FunctionDefinition function = template.function("ScheduledFunction",
                Map.of("ApiId", "a1b2c3d4e5", "StageName", "test", "AlarmEmail", "ops@example.com",
                        "NotAParameter", "ignored"), "us-east-1");
        Map<String, String> environment = function.environment();

        assertEquals(384, function.memoryMb());
        assertEquals("a1b2c3d4e5", environment.get("API_ID"));
        assertEquals("test", environment.get("STAGE"));
        assertEquals("ops@example.com", environment.get("EMAIL"));
        assertEquals("no", environment.get("PROD"));
        assertEquals("keep", environment.get("NO_VALUE_IN_IF"));
    }

    @Test
    void unknownFunctionNamesTheOptions() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> template.function("NoSuchFunction", Map.of(), "us-east-1"));
        assertTrue(error.getMessage().contains("'NoSuchFunction' not found"), error.getMessage());
        assertTrue(error.getMessage().contains("ScheduledFunction, SqsFunction"), error.getMessage());

        TemplateException notAFunction = assertThrows(TemplateException.class,
                () -> template.function("Queue", Map.of(), "us-east-1"));
        assertTrue(notAFunction.getMessage().contains("'Queue' not found"), notAFunction.getMessage());
    }

    @Test
    void missingTemplateSaysSo() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Template.load(Path.of("does-not-exist.yaml")));
        assertTrue(error.getMessage().contains("does-not-exist.yaml does not exist"), error.getMessage());
    }

    @Test
    void shortFormTagsParseToTheirLongForm() {
        Map<String, Object> document = CloudFormationYaml.parse("""
                A: !Ref X
                B: !GetAtt R.Arn
                C: !Sub ["${A}", {A: !Ref Y}]
                D: !If [C, !Ref Z, !Base64 text]
                """);

        assertEquals(Map.of("Ref", "X"), document.get("A"));
        assertEquals(Map.of("Fn::GetAtt", java.util.List.of("R", "Arn")), document.get("B"));
        assertEquals(Map.of("Fn::Sub", java.util.List.of("${A}", Map.of("A", Map.of("Ref", "Y")))), document.get("C"));
        assertEquals(Map.of("Fn::If", java.util.List.of("C", Map.of("Ref", "Z"), Map.of("Fn::Base64", "text"))),
                document.get("D"));
    }

    @Test
    void theProjectTemplateBuildsWithMakeAndDeclaresAnEmptyLocalEndpointForEveryFunction() {
        Path project = Path.of("..", "template.yaml");
        Template template = Template.load(project);

        for (String functionId : template.functionIds()) {
            FunctionDefinition function = template.function(functionId, Map.of("ApiId", "a1b2c3d4e5"), "us-east-1");
            assertTrue(function.builtWithMake(), functionId);
            assertEquals(project.toAbsolutePath().getParent().normalize(), function.codeUri(), functionId);
            assertEquals("", function.environment().get("LOCAL_AWS_ENDPOINT_URL"), functionId);
            assertFalse(function.environment().containsKey("AWS_ENDPOINT_URL"), functionId);
        }
        Map<String, String> onboarding = template.function("OnboardingFunction", Map.of("ApiId", "a1b2c3d4e5"),
                "us-east-1").environment();
        assertEquals("a1b2c3d4e5", onboarding.get("DEFAULT_API_ID"));
        assertEquals("OnboardingQueue", onboarding.get("QUEUE_URL"), "a Ref to a resource is its logical id");
        assertEquals("AlarmTopic", template.function("QuotaMonitorFunction", Map.of(), "us-east-1").environment()
                .get("ALARM_TOPIC_ARN"));
    }
}
