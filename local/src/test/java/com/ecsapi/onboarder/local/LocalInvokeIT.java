package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.local.runner.EnvVarsFile;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end through the child JVM: the fixture function jar run with the invoker jar the package phase built. */
class LocalInvokeIT {

    @TempDir
    static Path directory;
    static Path template;

    @BeforeAll
    static void packageFixtureFunction() throws Exception {
        template = FixtureFunctionJar.build(directory, "/fixture/template.yaml");
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            return Json.parse(stdout);
        }
    }

    private static Outcome invoke(String function, String event, EnvVarsFile envVars) throws Exception {
        return invoke(FunctionRunner.forThisJvm(), function, event, envVars);
    }

    private static Outcome invoke(FunctionRunner runner, String function, String event, EnvVarsFile envVars)
            throws Exception {
        Path eventFile = Files.writeString(Files.createTempFile(directory, "event", ".json"), event);
        Map<String, String> caller = new HashMap<>();
        caller.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        caller.put("AWS_ACCESS_KEY_ID", "testing");
        caller.put("NOT_AN_AWS_VARIABLE", "must not reach the function");
        Invocation invocation = Invocation.prepare(Template.load(template), function, eventFile, envVars, caller);
        Process process = runner.start(invocation, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE);
        return finish(process);
    }

    private static Outcome finish(Process process) throws Exception {
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String stdout = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Outcome(process.exitValue(), stdout.trim(), stderr.get());
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void scheduledEventReachesTheHandlerThroughTheLambdaSerializers() throws Exception {
        EnvVarsFile envVars = new EnvVarsFile(Map.of("LOCAL_AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
                Map.of("ScheduledFunction", Map.of("ECHO", "from-env-vars")));
        Outcome outcome = invoke("ScheduledFunction", """
                {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
                 "time":"2026-01-01T00:00:00Z","region":"us-east-1",
                 "resources":["arn:aws:events:us-east-1:123456789012:rule/monitor"],"detail":{}}
                """, envVars);

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        JsonNode result = outcome.json();
        assertEquals("Scheduled Event", Json.text(result, "detailType").orElseThrow());
        assertEquals("aws.events", Json.text(result, "source").orElseThrow());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/monitor", Json.text(result, "resource").orElseThrow());
        assertEquals("ScheduledFunction", Json.text(result, "functionName").orElseThrow());
        assertEquals("512", Json.text(result, "memory").orElseThrow());
        long remaining = Long.parseLong(Json.text(result, "remainingMillis").orElseThrow());
        assertTrue(remaining > 20_000 && remaining <= 30_000, "remaining time from the 30 s Timeout: " + remaining);
        assertEquals("from-env-vars", Json.text(result, "echo").orElseThrow());
        assertTrue(Json.text(result, "endpoint").isEmpty(),
                "the caller's AWS_ENDPOINT_URL is not passed, as in sam local invoke: " + outcome.stdout());
        assertEquals("http://127.0.0.1:5000", Json.text(result, "localEndpoint").orElseThrow(),
                "the env-vars file's Parameters reach the declared LOCAL_AWS_ENDPOINT_URL");
        assertEquals("ScheduledLogGroup", Json.text(result, "logGroup").orElseThrow());
        assertTrue(Json.text(result, "notPassed").isEmpty(), "undeclared variables of the caller are not passed");
        assertTrue(outcome.stderr().contains("log line from System.out"), "System.out of the function goes to stderr");
        assertTrue(outcome.stderr().contains("log line from the LambdaLogger"));
        assertTrue(outcome.stderr().contains("REPORT RequestId: " + Json.text(result, "requestId").orElseThrow()));
        assertTrue(outcome.stderr().contains("Fresh JVM to first event handled: "), outcome.stderr());
    }

    @Test
    void sqsBatchIsDeserializedAndTheBatchResponseSerialized() throws Exception {
        Outcome outcome = invoke("SqsFunction", """
                {"Records":[
                  {"messageId":"m-1","body":"fine","eventSource":"aws:sqs",
                   "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:q.fifo","attributes":{"MessageGroupId":"g"}},
                  {"messageId":"m-2","body":"please fail","eventSource":"aws:sqs",
                   "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:q.fifo","attributes":{"MessageGroupId":"g"}}
                ]}
                """, EnvVarsFile.NONE);

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        List<JsonNode> failures = Json.array(outcome.json(), "batchItemFailures");
        assertEquals(1, failures.size(), outcome.stdout());
        assertEquals("m-2", Json.text(failures.get(0), "itemIdentifier").orElseThrow());
    }

    @Test
    void streamHandlerGetsTheRawEvent() throws Exception {
        Outcome outcome = invoke("StreamFunction", "\"hello\"", EnvVarsFile.NONE);

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertEquals("\"HELLO\"", outcome.stdout());
    }

    @Test
    void handlerExceptionGivesLambdasErrorDocumentAndExitCodeOne() throws Exception {
        Outcome outcome = invoke("FailingFunction", "{\"reason\":\"bad input\"}", EnvVarsFile.NONE);

        assertEquals(1, outcome.exitCode());
        JsonNode error = outcome.json();
        assertEquals("boom: bad input", Json.text(error, "errorMessage").orElseThrow());
        assertEquals("java.lang.IllegalStateException", Json.text(error, "errorType").orElseThrow());
        assertTrue(Json.array(error, "stackTrace").get(0).asString().contains("FailingHandler.handleRequest"));
        assertEquals("the cause", Json.text(error, "cause", "errorMessage").orElseThrow());
        assertTrue(outcome.stderr().contains("The handler failed"), outcome.stderr());
    }

    @Test
    void makefileFunctionIsBuiltOnceByItsMakeTargetAndRunsFromArtifactsDirLib() throws Exception {
        Path buildsLog = directory.resolve("builds.log");
        Files.deleteIfExists(buildsLog);
        FunctionRunner runner = FunctionRunner.forThisJvm();

        Outcome first = invoke(runner, "MadeFunction", "\"made\"", EnvVarsFile.NONE);
        Outcome second = invoke(runner, "MadeFunction", "\"again\"", EnvVarsFile.NONE);

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("\"MADE\"", first.stdout(), "the handler came from ARTIFACTS_DIR/lib/fixture-function.jar");
        assertEquals("\"AGAIN\"", second.stdout(), second.stderr());
        assertEquals(List.of("MadeFunction"), Files.readAllLines(buildsLog), "one make run per runner and function");
        Path artifacts = runner.artifacts(Template.load(template).function("MadeFunction", Map.of(), "us-east-1"));
        assertTrue(Files.isRegularFile(artifacts.resolve("lib/fixture-function.jar")), artifacts.toString());
    }

    @Test
    void failingMakeTargetNamesTheCommandAndShowsItsOutput() throws Exception {
        Path event = Files.writeString(directory.resolve("broken-event.json"), "\"x\"");
        Invocation invocation = Invocation.prepare(Template.load(template), "BrokenBuildFunction", event,
                EnvVarsFile.NONE, Map.of());

        TemplateException error = assertThrows(TemplateException.class,
                () -> FunctionRunner.forThisJvm().command(invocation));

        String message = error.getMessage();
        assertTrue(message.contains("The build of BrokenBuildFunction failed: 'make -C " + directory
                + " build-BrokenBuildFunction ARTIFACTS_DIR="), message);
        assertTrue(message.contains("exited with 2"), message);
        assertTrue(message.contains("compiling BrokenBuildFunction") && message.contains("error: the fixture build fails"),
                message);
    }

    @Test
    void handlerRunningPastTheTimeoutIsStoppedLikeLambdaDoes() throws Exception {
        Outcome outcome = invoke("SlowFunction", "\"wait\"", EnvVarsFile.NONE);

        assertEquals(1, outcome.exitCode());
        assertEquals("Sandbox.Timedout", Json.text(outcome.json(), "errorType").orElseThrow());
        assertTrue(Json.text(outcome.json(), "errorMessage").orElseThrow().endsWith("Task timed out after 1.00 seconds"),
                outcome.stdout());
    }

    private static Outcome script(String... args) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("bin/local-invoke").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        }
        return finish(process);
    }

    @Test
    void scriptRunsAFunctionOfTheTemplateInTheCurrentDirectory() throws Exception {
        Files.writeString(directory.resolve("env.json"), "{\"StreamFunction\": {\"IGNORED\": \"x\"}}");
        Files.writeString(directory.resolve("stream-event.json"), "\"from the script\"");

        Outcome outcome = script("StreamFunction", "-e", "stream-event.json", "--env-vars", "env.json");

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertEquals("\"FROM THE SCRIPT\"", outcome.stdout());
        assertTrue(outcome.stderr().contains("Invoking com.ecsapi.onboarder.local.fixture.StreamHandler"));
    }

    @Test
    void scriptFailsClearlyOnAnUnknownFunction() throws Exception {
        Files.writeString(directory.resolve("any-event.json"), "{}");

        Outcome unknown = script("NoSuchFunction", "-e", "any-event.json", "--template", template.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("Function 'NoSuchFunction' not found in the template. Possible options: "
                + "ScheduledFunction, SqsFunction"), unknown.stderr());
        assertEquals("", unknown.stdout());
    }

    @Test
    void missingCodeUriJarAsksTheScriptToBuild() throws Exception {
        Path event = Files.writeString(directory.resolve("missing-jar-event.json"), "{}");

        int exitCode = LocalInvoke.run(new String[] {"MissingJarFunction", "-e", event.toString(), "--template",
                template.toString()});

        assertEquals(LocalInvoke.NOT_BUILT, exitCode);
    }
}
