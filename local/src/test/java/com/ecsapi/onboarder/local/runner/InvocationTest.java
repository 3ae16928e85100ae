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
                  "Parameters": {"ApiId": "zzzzzzzzzz", "STAGE": "from-parameters", "ECHO": "from-parameters"},
                  "ScheduledFunction": {"ECHO": "from-function-section", "UNDECLARED": "x", "LITERAL": 15},
                  "SqsFunction": {"ECHO": "for-another-function"}
                }
                """));
        Invocation invocation = Invocation.prepare(template, "ScheduledFunction", write("event.json", "{}"), envVars,
                Map.of());

        Map<String, String> environment = invocation.environment();
        assertEquals("zzzzzzzzzz", environment.get("API_ID"), "Parameters gives template parameters their value");
        assertEquals("from-parameters", environment.get("STAGE"), "Parameters overrides any declared variable");
        assertEquals("from-function-section", environment.get("ECHO"), "the function's section wins");
        assertEquals("15", environment.get("LITERAL"));
        assertFalse(environment.containsKey("UNDECLARED"), "variables the template does not declare are not added");
        assertEquals("from-globals", environment.get("GLOBAL_ONLY"));
    }

    @Test
    void parameterOverridesWinOverTheEnvVarsFileParametersAndPlanSetsDryRun() throws IOException {
        EnvVarsFile envVars = EnvVarsFile.read(write("env.json", """
                {"Parameters": {"ApiId": "zzzzzzzzzz"}}
                """));

        Invocation invocation = Invocation.prepare(template, "ScheduledFunction", write("event.json", "{}"), envVars,
                Map.of("ApiId", "a1b2c3d4e5"), Map.of());

        assertEquals("a1b2c3d4e5", invocation.environment().get("API_ID"));
        assertFalse(invocation.environment().containsKey("DRY_RUN"));
        assertEquals("true", invocation.dryRun().environment().get("DRY_RUN"));
        assertEquals("a1b2c3d4e5", invocation.dryRun().environment().get("API_ID"));
    }

    @Test
    void passesTheCallersAwsVariablesAndTheLambdaRuntimeVariables() throws IOException {
        Invocation invocation = Invocation.prepare(template, "SqsFunction", write("event.json", "{}"),
                EnvVarsFile.NONE, Map.of(
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                        "AWS_REGION", "eu-central-1",
                        "AWS_ACCESS_KEY_ID", "testing",
                        "PATH", "/usr/bin",
                        "NOT_AN_AWS_VARIABLE", "secret"));

        Map<String, String> environment = invocation.environment();
        assertEquals("http://127.0.0.1:5000", environment.get("AWS_ENDPOINT_URL"));
        assertEquals("eu-central-1", environment.get("AWS_REGION"));
        assertEquals("eu-central-1", environment.get("AWS_DEFAULT_REGION"));
        assertEquals("testing", environment.get("AWS_ACCESS_KEY_ID"));
        assertEquals("/usr/bin", environment.get("PATH"));
        assertFalse(environment.containsKey("NOT_AN_AWS_VARIABLE"));
        assertEquals("SqsFunction", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("256", environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("30", environment.get("AWS_LAMBDA_FUNCTION_TIMEOUT"));
        assertEquals("template-value", environment.get("ECHO"));
        assertEquals("us-east-1", Invocation.prepare(template, "SqsFunction", invocation.event(), EnvVarsFile.NONE,
                Map.of()).environment().get("AWS_REGION"), "region defaults to us-east-1");
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
        FunctionRunner runner = new FunctionRunner(Path.of("java"), directory.resolve("invoker.jar"));

        TemplateException error = assertThrows(TemplateException.class, () -> runner.command(invocation));
        assertTrue(error.getMessage().contains("does not exist: ")
                && error.getMessage().endsWith("no-such-function.jar (build it with: mvn -B -q package -DskipTests)"),
                error.getMessage());
    }
}
