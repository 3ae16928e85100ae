package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.local.template.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end against the emulator, with fixture functions in the place of the real ones (their jars and
 * template.yaml are other modules' and branches' work): the setup, the events, the env-vars file, the runs and
 * the read-back. The fixture functions change nothing in AWS, so the read-back must say so.
 */
class DemoIT {

    @TempDir
    Path directory;

    @Test
    void createsTheLandscapeRunsBothFunctionsAndReadsTheStateBack() throws Exception {
        Path template = FixtureFunctionJar.build(directory, "/fixture/demo-template.yaml");
        Path work = Files.createDirectories(directory.resolve("demo"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        int exitCode = new Demo(Template.load(template), work, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, output);
        Matcher api = Pattern.compile("REST API (\\w+) with stage prod").matcher(output);
        assertTrue(api.find(), output);
        assertTrue(output.contains("alarm topic arn:aws:sns:us-east-1:123456789012:local-alarms"), output);

        assertTrue(output.contains("answered: {\"batchItemFailures\":[]}"),
                "the SQS batch of the CreateService event reached the handler as an SQSEvent: " + output);
        assertTrue(output.contains("\"monitoredApiIds\":\"" + api.group(1) + "\""),
                "the env-vars file the demo wrote overrides the template's value: " + output);
        Matcher emulator = Pattern.compile("Emulator at (\\S+)").matcher(output);
        assertTrue(emulator.find(), output);
        assertTrue(output.contains("\"localEndpoint\":\"" + emulator.group(1) + "\""),
                "the env-vars file's Parameters hand the emulator to the function as SAM CLI would: " + output);
        assertTrue(output.contains("sam local invoke QuotaMonitorFunction -e "), output);
        assertTrue(Files.readString(work.resolve("env-vars.json")).contains(
                "\"Parameters\":{\"LOCAL_AWS_ENDPOINT_URL\":\"" + emulator.group(1) + "\"}"));
        assertTrue(output.contains("no route: the API has no /orders resource (OnboardingFunction created nothing)"),
                output);
        assertTrue(output.contains("1 deployment: only the initial one"), output);
        assertTrue(output.contains("apigw-pool-default-1 AVAILABLE"), output);
        assertTrue(output.contains("(the default pool's link)"), output);
        assertTrue(Pattern.compile("listeners on apigw-pool-default-1 +0 of +50 ").matcher(output).find(), output);
        assertTrue(Pattern.compile("VPC links \\(REST, V1\\) in the Region +1 of +20 ").matcher(output).find(), output);
        assertTrue(output.contains("no quota metrics (QuotaMonitorFunction published nothing)"), output);
        assertTrue(Files.readString(work.resolve("onboarding-create-service.json")).contains("CreateService"));
        assertTrue(Files.readString(work.resolve("OnboardingFunction.log")).contains("REPORT RequestId: "));
    }
}
