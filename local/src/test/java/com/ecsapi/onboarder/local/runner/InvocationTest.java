package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvocationTest {

    @TempDir
    Path directory;

    private final Template template = Template.load(fixture());

    private static Path fixture() {
        try {
            return Path.of(InvocationTest.class.getResource("/fixture/template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    @Test
    void envVarsOverrideOnlyDeclaredVariablesFunctionSectionWinning() throws IOException {
        EnvVarsFile envVars = EnvVarsFile.read(write("env.json", """
                {
                  "Parameters": {"ApiId": "zzzzzzzzzz", "STAGE": "from-parameters", "ECHO": "from-parameters",
                                 "LOCAL_AWS_ENDPOINT_URL": "http://127.0.0.1:5000"},
                  "ScheduledFunction": {"ECHO": "from-function-section", "UNDECLARED": "x", "LITERAL": 15,
                                        "GLOBAL_ONLY": null, "OVERRIDDEN_BY_FUNCTION": ["a list"]},
                  "SqsFunction": {"ECHO": "for-another-function"}
                }
                """));
        Path event = write("event.json", "{}");
        Map<String, String> environment = Invocation.prepare(template, "ScheduledFunction", event, envVars,
                Map.of()).environment();

        assertEquals("ApiId", environment.get("API_ID"),
                "Parameters of the env-vars file are variable values, not template parameters (SAM CLI)");
        assertEquals("from-parameters", environment.get("STAGE"), "Parameters overrides any declared variable");
        assertEquals("http://127.0.0.1:5000", environment.get("LOCAL_AWS_ENDPOINT_URL"),
                "Parameters reaches a variable declared in Globals");
        assertEquals("from-function-section", environment.get("ECHO"), "the function's section wins");
        assertEquals("15", environment.get("LITERAL"));
        assertEquals("", environment.get("GLOBAL_ONLY"), "null becomes \"\" as in SAM CLI");
        assertEquals("", environment.get("OVERRIDDEN_BY_FUNCTION"), "a list becomes \"\" as in SAM CLI");
        assertFalse(environment.containsKey("UNDECLARED"), "variables the template does not declare are not added");

        Map<String, String> sqs = Invocation.prepare(template, "SqsFunction", event, envVars, Map.of()).environment();
        assertEquals("http://127.0.0.1:5000", sqs.get("LOCAL_AWS_ENDPOINT_URL"), "Parameters applies to every function");
        assertEquals("for-another-function", sqs.get("ECHO"));
        assertFalse(sqs.containsKey("STAGE"), "SqsFunction does not declare STAGE");
    }

    @Test
    void parameterOverridesSetTemplateParametersAndPlanSetsDryRun() throws IOException {
        Invocation invocation = Invocation.prepare(template, "ScheduledFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of("ApiId", "a1b2c3d4e5"), Map.of());

        assertEquals("a1b2c3d4e5", invocation.environment().get("API_ID"));
        assertFalse(invocation.environment().containsKey("DRY_RUN"));
        assertEquals("true", invocation.dryRun().environment().get("DRY_RUN"));
        assertEquals("a1b2c3d4e5", invocation.dryRun().environment().get("API_ID"));
    }

    @Test
    void passesSamsAwsVariablesOnlyNotTheCallersEndpointOrProfile() throws IOException {
        Invocation invocation = Invocation.prepare(template, "SqsFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of(
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                        "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:5001",
                        "AWS_PROFILE", "dev",
                        "AWS_DEFAULT_REGION", "eu-central-1",
                        "AWS_REGION", "eu-west-3",
                        "AWS_ACCESS_KEY_ID", "testing",
                        "AWS_SECRET_ACCESS_KEY", "testing-secret",
                        "AWS_SESSION_TOKEN", "token",
                        "PATH", "/usr/bin",
                        "NOT_AN_AWS_VARIABLE", "secret"));

        Map<String, String> environment = invocation.environment();
        assertEquals(Set.of("AWS_SAM_LOCAL", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_TIMEOUT",
                        "AWS_LAMBDA_FUNCTION_HANDLER", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
                        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCOUNT_ID",
                        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_EXECUTION_ENV"),
                environment.keySet().stream().filter(name -> name.startsWith("AWS_")).collect(Collectors.toSet()),
                "the caller's AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SQS and AWS_PROFILE do not reach the function");
        assertEquals("eu-central-1", environment.get("AWS_REGION"), "boto3's region variable first");
        assertEquals("eu-central-1", environment.get("AWS_DEFAULT_REGION"));
        assertEquals("testing", environment.get("AWS_ACCESS_KEY_ID"));
        assertEquals("testing-secret", environment.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("token", environment.get("AWS_SESSION_TOKEN"));
        assertEquals("123456789012", environment.get("AWS_ACCOUNT_ID"));
        assertEquals("/usr/bin", environment.get("PATH"));
        assertFalse(environment.containsKey("NOT_AN_AWS_VARIABLE"));
        assertEquals("SqsFunction", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("com.ecsapi.onboarder.local.fixture.SqsHandler::handleRequest",
                environment.get("AWS_LAMBDA_FUNCTION_HANDLER"));
        assertEquals("aws/lambda/SqsFunction", environment.get("AWS_LAMBDA_LOG_GROUP_NAME"));
        assertEquals("256", environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("30", environment.get("AWS_LAMBDA_FUNCTION_TIMEOUT"));
        assertEquals("template-value", environment.get("ECHO"));
        assertEquals("", environment.get("LOCAL_AWS_ENDPOINT_URL"), "declared in Globals, empty in the template");
    }

    @Test
    void withoutCallerCredentialsSamsPlaceholdersAndTheLoggingConfigGroup() throws IOException {
        Map<String, String> environment = Invocation.prepare(template, "ScheduledFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of("AWS_REGION", "eu-west-3")).environment();

        assertEquals("eu-west-3", environment.get("AWS_REGION"), "AWS_REGION when AWS_DEFAULT_REGION is not set");
        assertEquals("defaultkey", environment.get("AWS_ACCESS_KEY_ID"));
        assertEquals("defaultsecret", environment.get("AWS_SECRET_ACCESS_KEY"));
        assertFalse(environment.containsKey("AWS_SESSION_TOKEN"));
        assertEquals("ScheduledLogGroup", environment.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                "LoggingConfig.LogGroup, a Ref to a resource: its logical id");
        assertEquals("us-east-1", Invocation.prepare(template, "SqsFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of()).environment().get("AWS_REGION"), "region defaults to us-east-1");
    }

    @Test
    void theCallersShellOverridesDeclaredVariablesAndTheEnvVarsFileOverridesTheShell() throws IOException {
        Path event = write("event.json", "{}");
        Map<String, String> shell = Map.of("ECHO", "from-shell", "LOCAL_AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "SECRET_FROM_CALLER", "from-shell-too", "GLOBAL_ONLY", "");

        Map<String, String> fromShell = Invocation.prepare(template, "ScheduledFunction", event, EnvVarsFile.NONE,
                shell).environment();
        assertEquals("from-shell", fromShell.get("ECHO"));
        assertEquals("http://127.0.0.1:4566", fromShell.get("LOCAL_AWS_ENDPOINT_URL"));
        assertEquals("from-shell-too", fromShell.get("SECRET_FROM_CALLER"));
        assertEquals("", fromShell.get("GLOBAL_ONLY"), "an empty shell variable overrides too");

        EnvVarsFile envVars = new EnvVarsFile(Map.of("LOCAL_AWS_ENDPOINT_URL", "http://emulator:5000"),
                Map.of("ScheduledFunction", Map.of("ECHO", "from-file")));
        Map<String, String> fromFile = Invocation.prepare(template, "ScheduledFunction", event, envVars, shell)
                .environment();
        assertEquals("from-file", fromFile.get("ECHO"));
        assertEquals("http://emulator:5000", fromFile.get("LOCAL_AWS_ENDPOINT_URL"));
        assertEquals("from-shell-too", fromFile.get("SECRET_FROM_CALLER"));
    }

    @Test
    void envVarsInTheWrongShapeAreRejected() throws IOException {
        Path flat = write("flat.json", "{\"ECHO\": \"value\"}");
        TemplateException error = assertThrows(TemplateException.class, () -> EnvVarsFile.read(flat));
        assertTrue(error.getMessage().contains("incorrect format"), error.getMessage());

        Path broken = write("broken.json", "{not json");
        assertThrows(TemplateException.class, () -> EnvVarsFile.read(broken));
    }

    @Test
    void missingEventFileAndUnknownFunctionAreReported() throws IOException {
        Path event = write("event.json", "{}");
        TemplateException missingEvent = assertThrows(TemplateException.class, () -> Invocation.prepare(template,
                "SqsFunction", directory.resolve("none.json"), EnvVarsFile.NONE, Map.of()));
        assertTrue(missingEvent.getMessage().contains("none.json does not exist"), missingEvent.getMessage());

        TemplateException unknown = assertThrows(TemplateException.class, () -> Invocation.prepare(template,
                "Nope", event, EnvVarsFile.NONE, Map.of()));
        assertTrue(unknown.getMessage().contains("'Nope' not found"), unknown.getMessage());
    }

    @Test
    void missingCodeUriJarIsReportedBeforeStarting() throws IOException {
        Invocation invocation = Invocation.prepare(template, "MissingJarFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of());
        FunctionRunner runner = new FunctionRunner(Path.of("java"), write("invoker.jar", ""), System.err);

        assertTrue(runner.missingArtifacts(invocation).endsWith("no-such-function.jar"),
                runner.missingArtifacts(invocation));
        TemplateException error = assertThrows(TemplateException.class, () -> runner.command(invocation));
        assertTrue(error.getMessage().contains("does not exist: ")
                && error.getMessage().endsWith("no-such-function.jar (build it with: mvn -B -q package -DskipTests)"),
                error.getMessage());
    }

    @Test
    void aDirectoryCodeUriWithoutMakefileBuildIsRefused() throws IOException {
        Invocation invocation = Invocation.prepare(template, "DirectoryFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of());
        FunctionRunner runner = new FunctionRunner(Path.of("java"), write("invoker.jar", ""), System.err);

        TemplateException error = assertThrows(TemplateException.class, () -> runner.command(invocation));
        assertTrue(error.getMessage().contains("is a directory") && error.getMessage().contains("BuildMethod: makefile"),
                error.getMessage());
    }
}
