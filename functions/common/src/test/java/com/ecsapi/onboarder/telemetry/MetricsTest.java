package com.ecsapi.onboarder.telemetry;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final Metrics metrics = Metrics.create("EcsApiOnboarder", Map.of("Function", "onboarding"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);

    private List<JsonNode> documents() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
    }

    @Test
    void oneEmfDocumentPerDimensionSetWithSummedValues() {
        metrics.count("Onboarded");
        metrics.count("Onboarded");
        metrics.count("Rejected", Map.of("Reason", "PathConflict"));
        metrics.add("ReconcileDuration", 120, Metrics.Unit.Milliseconds, Map.of());
        metrics.flush();

        List<JsonNode> documents = documents();
        assertEquals(2, documents.size());
        JsonNode plain = documents.get(0);
        assertEquals(Optional.of("2.0"), Json.text(plain, "Onboarded"));
        assertEquals(Optional.of("120.0"), Json.text(plain, "ReconcileDuration"));
        assertEquals(Optional.of("onboarding"), Json.text(plain, "Function"));
        JsonNode directive = Json.array(plain, "_aws", "CloudWatchMetrics").get(0);
        assertEquals(Optional.of("EcsApiOnboarder"), Json.text(directive, "Namespace"));
        assertEquals(Optional.of(String.valueOf(clock.millis())), Json.text(plain, "_aws", "Timestamp"));
        assertEquals(List.of("Function"), Json.array(directive, "Dimensions").get(0).asArray().stream()
                .map(JsonNode::text).toList());

        JsonNode rejected = documents.get(1);
        assertEquals(Optional.of("PathConflict"), Json.text(rejected, "Reason"));
        assertEquals(Optional.of("1.0"), Json.text(rejected, "Rejected"));
        JsonNode rejectedDirective = Json.array(rejected, "_aws", "CloudWatchMetrics").get(0);
        assertEquals(List.of("Function", "Reason"), Json.array(rejectedDirective, "Dimensions").get(0).asArray()
                .stream().map(JsonNode::text).toList());
        assertEquals(Optional.of("Count"), Json.text(Json.array(rejectedDirective, "Metrics").get(0), "Unit"));
    }

    @Test
    void flushEmptiesTheCollection() {
        metrics.count("Deregistered");
        metrics.flush();
        bytes.reset();
        metrics.flush();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
