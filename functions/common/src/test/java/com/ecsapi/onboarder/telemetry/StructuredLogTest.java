package com.ecsapi.onboarder.telemetry;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StructuredLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StructuredLog log = StructuredLog.of(StructuredLogTest.class,
            new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @AfterEach
    void endRequest() {
        StructuredLog.startRequest(null);
    }

    @Test
    void everyLineOfAnInvocationNamesItsRequestId() {
        StructuredLog.startRequest(context("8f5e2a7c-1111-4c2b-9a8e-0123456789ab"));
        log.info("Onboarded", Map.of("service", "orders"));

        assertEquals(Optional.of("8f5e2a7c-1111-4c2b-9a8e-0123456789ab"), Json.text(lastLine(), "requestId"));
        assertEquals(Optional.of("orders"), Json.text(lastLine(), "service"));
    }

    @Test
    void aLineOutsideAnInvocationHasNoRequestId() {
        StructuredLog.startRequest(context("first"));
        StructuredLog.startRequest(null);
        log.info("Starting", Map.of());

        assertEquals(Optional.empty(), Json.text(lastLine(), "requestId"));
    }

    private software.amazon.awssdk.protocols.jsoncore.JsonNode lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        return Json.parse(lines[lines.length - 1]);
    }

    private static Context context(String requestId) {
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return "group"; }
            @Override public String getLogStreamName() { return "stream"; }
            @Override public String getFunctionName() { return "function"; }
            @Override public String getFunctionVersion() { return "1"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:f"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 1000; }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
