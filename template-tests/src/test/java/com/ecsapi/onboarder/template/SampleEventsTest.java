package com.ecsapi.onboarder.template;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files in events/ are what the functions receive when deployed: read with the Lambda Java runtime's own
 * serializers into the handlers' input types, and shaped as the SQS poller (FIFO, content-based deduplication)
 * and EventBridge deliver them.
 */
class SampleEventsTest {

    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "us-east-1";
    private static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:111122223333:service/prod/orders";

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-create-service.json", "onboarding-delete-service.json",
            "onboarding-tag-resource.json", "onboarding-untag-resource.json", "onboarding-service-action.json",
            "onboarding-reconcile-service.json"})
    void onboardingEventsAreFifoSqsBatchesOfEventBridgeEvents(String file) throws IOException {
        SQSEvent batch = readAs(SQSEvent.class, file);

        assertFalse(batch.getRecords().isEmpty(), file + " has no records");
        for (SQSEvent.SQSMessage message : batch.getRecords()) {
            assertEquals("aws:sqs", message.getEventSource());
            assertEquals(REGION, message.getAwsRegion());
            assertTrue(message.getEventSourceArn().matches("arn:aws:sqs:us-east-1:" + ACCOUNT + ":[\\w-]+\\.fifo"),
                    "not a FIFO queue ARN: " + message.getEventSourceArn());
            assertNotNull(message.getMessageId());
            assertNotNull(message.getReceiptHandle());
            assertEquals("ecs-services", message.getAttributes().get("MessageGroupId"));
            assertTrue(message.getAttributes().get("SequenceNumber").matches("\\d{20}"));
            assertEquals(sha256(message.getBody()), message.getAttributes().get("MessageDeduplicationId"),
                    "content-based deduplication: the id is the SHA-256 of the body");
            assertEquals(md5(message.getBody()), message.getMd5OfBody());
            assertEquals("1", message.getAttributes().get("ApproximateReceiveCount"));

            JsonNode event = Json.parse(message.getBody());
            for (String field : List.of("version", "id", "detail-type", "source", "time")) {
                assertTrue(Json.text(event, field).isPresent(), file + ": EventBridge field " + field + " missing");
            }
            assertEquals(ACCOUNT, Json.text(event, "account").orElseThrow());
            assertEquals(REGION, Json.text(event, "region").orElseThrow());
            assertTrue(Json.at(event, "resources").orElseThrow().isArray());
            assertTrue(Json.at(event, "detail").orElseThrow().isObject());
        }
    }

    @Test
    void createServiceCarriesTheCreatedServiceWithItsTags() throws IOException {
        JsonNode detail = cloudTrailDetail("onboarding-create-service.json", "CreateService");
        assertEquals("orders", Json.text(detail, "requestParameters", "serviceName").orElseThrow());
        assertEquals(SERVICE_ARN, Json.text(detail, "responseElements", "service", "serviceArn").orElseThrow());
        assertFalse(Json.array(detail, "responseElements", "service", "loadBalancers").isEmpty());
        assertEquals("/orders", tag(Json.array(detail, "responseElements", "service", "tags"), "apigw:path"));
    }

    @Test
    void deleteServiceNamesTheServiceInRequestParameters() throws IOException {
        JsonNode detail = cloudTrailDetail("onboarding-delete-service.json", "DeleteService");
        assertEquals("orders", Json.text(detail, "requestParameters", "service").orElseThrow());
        assertEquals("prod", Json.text(detail, "requestParameters", "cluster").orElseThrow());
        assertEquals("DRAINING", Json.text(detail, "responseElements", "service", "status").orElseThrow());
    }

    @Test
    void tagResourceAndUntagResourceNameTheServiceArn() throws IOException {
        JsonNode tagged = cloudTrailDetail("onboarding-tag-resource.json", "TagResource");
        assertEquals(SERVICE_ARN, Json.text(tagged, "requestParameters", "resourceArn").orElseThrow());
        assertEquals("/orders", tag(Json.array(tagged, "requestParameters", "tags"), "apigw:path"));

        JsonNode untagged = cloudTrailDetail("onboarding-untag-resource.json", "UntagResource");
        assertEquals(SERVICE_ARN, Json.text(untagged, "requestParameters", "resourceArn").orElseThrow());
        assertEquals("apigw:path", Json.array(untagged, "requestParameters", "tagKeys").getFirst().text());
    }

    @Test
    void serviceActionNamesTheServiceOnlyInResources() throws IOException {
        JsonNode event = onlyBody("onboarding-service-action.json");
        assertEquals("ECS Service Action", Json.text(event, "detail-type").orElseThrow());
        assertEquals("aws.ecs", Json.text(event, "source").orElseThrow());
        assertEquals(SERVICE_ARN, Json.array(event, "resources").getFirst().text());
        assertTrue(Json.at(event, "detail", "tags").isEmpty(), "native ECS events carry no tags");
    }

    @Test
    void reconcileRequestOfTheSweepNamesServiceAndCluster() throws IOException {
        JsonNode event = onlyBody("onboarding-reconcile-service.json");
        assertEquals("ecs-api-onboarder.sweep", Json.text(event, "source").orElseThrow());
        assertEquals("Reconcile Service", Json.text(event, "detail-type").orElseThrow());
        assertEquals(SERVICE_ARN, Json.text(event, "detail", "serviceArn").orElseThrow());
        assertEquals("arn:aws:ecs:us-east-1:111122223333:cluster/prod",
                Json.text(event, "detail", "clusterArn").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quota-monitor-scheduled.json", "sweep-scheduled.json"})
    void scheduledEventsAreEventBridgeScheduledEvents(String file) throws IOException {
        ScheduledEvent event = readAs(ScheduledEvent.class, file);

        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals(ACCOUNT, event.getAccount());
        assertEquals(REGION, event.getRegion());
        assertNotNull(event.getTime());
        assertTrue(event.getResources().getFirst().startsWith("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/"));
        assertTrue(event.getDetail().isEmpty());
    }

    private static <T> T readAs(Class<T> type, String file) throws IOException {
        try (InputStream in = Files.newInputStream(Project.event(file))) {
            return LambdaEventSerializers.serializerFor(type, SampleEventsTest.class.getClassLoader()).fromJson(in);
        }
    }

    private static JsonNode onlyBody(String file) throws IOException {
        List<SQSEvent.SQSMessage> records = readAs(SQSEvent.class, file).getRecords();
        assertEquals(1, records.size(), file);
        return Json.parse(records.getFirst().getBody());
    }

    private static JsonNode cloudTrailDetail(String file, String eventName) throws IOException {
        JsonNode event = onlyBody(file);
        assertEquals("AWS API Call via CloudTrail", Json.text(event, "detail-type").orElseThrow());
        assertEquals("aws.ecs", Json.text(event, "source").orElseThrow());
        JsonNode detail = Json.at(event, "detail").orElseThrow();
        assertEquals("ecs.amazonaws.com", Json.text(detail, "eventSource").orElseThrow());
        assertEquals(eventName, Json.text(detail, "eventName").orElseThrow());
        assertTrue(Json.at(detail, "errorCode").isEmpty(), "the samples are successful calls");
        return detail;
    }

    private static String tag(List<JsonNode> tags, String key) {
        return tags.stream()
                .filter(tag -> Json.text(tag, "key").orElse("").equals(key))
                .map(tag -> Json.text(tag, "value").orElseThrow())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tag " + key));
    }

    private static String sha256(String text) {
        return digest("SHA-256", text);
    }

    private static String md5(String text) {
        return digest("MD5", text);
    }

    private static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
