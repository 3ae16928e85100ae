package com.ecsapi.onboarder.json;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    private final JsonNode event = Json.parse("""
            {"detail": {"eventName": "CreateService", "errorCode": null,
                        "requestParameters": {"desiredCount": 2, "enable": false,
                                              "tags": [{"key": "apigw:path", "value": "/orders"}]}}}
            """);

    @Test
    void textFollowsThePathAndReadsScalars() {
        assertEquals(Optional.of("CreateService"), Json.text(event, "detail", "eventName"));
        assertEquals(Optional.of("2"), Json.text(event, "detail", "requestParameters", "desiredCount"));
        assertEquals(Optional.of("false"), Json.text(event, "detail", "requestParameters", "enable"));
    }

    @Test
    void missingStepsNullsAndNonScalarsAreEmpty() {
        assertTrue(Json.text(event, "detail", "errorCode").isEmpty());
        assertTrue(Json.text(event, "detail", "nothing", "here").isEmpty());
        assertTrue(Json.text(event, "detail", "requestParameters").isEmpty());
        assertTrue(Json.text(event, "detail", "eventName", "deeper").isEmpty());
    }

    @Test
    void arrayReadsElementsOrNothing() {
        List<JsonNode> tags = Json.array(event, "detail", "requestParameters", "tags");
        assertEquals(1, tags.size());
        assertEquals(Optional.of("/orders"), Json.text(tags.get(0), "value"));
        assertTrue(Json.array(event, "detail", "eventName").isEmpty());
    }

    @Test
    void writeKeepsOrderAndEscapes() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("service", "arn:aws:ecs:us-east-1:1:service/prod/orders");
        line.put("port", 10000);
        line.put("ratio", 0.5);
        line.put("ok", true);
        line.put("reason", null);
        line.put("quote", "say \"hi\"\n");
        line.put("ports", Arrays.asList(1L, 2L));
        assertEquals("{\"service\":\"arn:aws:ecs:us-east-1:1:service/prod/orders\",\"port\":10000,\"ratio\":0.5,"
                + "\"ok\":true,\"reason\":null,\"quote\":\"say \\\"hi\\\"\\n\",\"ports\":[1,2]}", Json.write(line));
    }

    @Test
    void writtenJsonParsesBack() {
        String written = Json.write(Map.of("nested", Map.of("list", List.of("a", "b"))));
        assertEquals(Optional.of("b"), Json.text(Json.array(Json.parse(written), "nested", "list").get(1)));
    }
}
