package com.ecsapi.onboarder.local.demo;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.Builder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DemoEventsTest {

    private static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/demo/orders";
    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/demo";
    private static final String TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";

    private static DemoSetup setup() {
        Service service = Service.builder()
                .serviceArn(SERVICE_ARN).serviceName("orders").clusterArn(CLUSTER_ARN)
                .taskDefinition("arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1")
                .desiredCount(2)
                .loadBalancers(LoadBalancer.builder().targetGroupArn(TARGET_GROUP_ARN).containerName("orders")
                        .containerPort(8080).build())
                .networkConfiguration(n -> n.awsvpcConfiguration(AwsVpcConfiguration.builder()
                        .subnets("subnet-1", "subnet-2").securityGroups("sg-1").build()))
                .tags(Tag.builder().key("apigw:path").value("/orders").build())
                .build();
        Builder nlb = software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder();
        return new DemoSetup("vpc-1", List.of("subnet-1", "subnet-2"), "sg-1", nlb.build(), "link1", "api1", "prod",
                CLUSTER_ARN, TARGET_GROUP_ARN, "td", service, "http://queue",
                "arn:aws:sqs:us-east-1:123456789012:local-onboarding.fifo", "arn:aws:sns:us-east-1:123456789012:t");
    }

    @Test
    void onboardingEventIsAnSqsFifoBatchOfTheCloudTrailCreateServiceEvent() throws Exception {
        JsonNode batch = Json.parse(DemoEvents.onboardingCreateService(setup(), Instant.parse("2026-01-02T03:04:05Z")));

        List<JsonNode> records = Json.array(batch, "Records");
        assertEquals(1, records.size());
        JsonNode record = records.get(0);
        assertEquals("aws:sqs", Json.text(record, "eventSource").orElseThrow());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:local-onboarding.fifo",
                Json.text(record, "eventSourceARN").orElseThrow());
        assertEquals("ecs-services", Json.text(record, "attributes", "MessageGroupId").orElseThrow());
        String body = Json.text(record, "body").orElseThrow();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(body.getBytes(StandardCharsets.UTF_8))), Json.text(record, "md5OfBody").orElseThrow());

        JsonNode event = Json.parse(body);
        assertEquals("AWS API Call via CloudTrail", Json.text(event, "detail-type").orElseThrow());
        assertEquals("aws.ecs", Json.text(event, "source").orElseThrow());
        assertEquals("2026-01-02T03:04:05Z", Json.text(event, "time").orElseThrow());
        assertEquals("CreateService", Json.text(event, "detail", "eventName").orElseThrow());
        assertEquals("ecs.amazonaws.com", Json.text(event, "detail", "eventSource").orElseThrow());
        assertEquals("orders", Json.text(event, "detail", "requestParameters", "serviceName").orElseThrow());
        JsonNode service = Json.at(event, "detail", "responseElements", "service").orElseThrow();
        assertEquals(SERVICE_ARN, Json.text(service, "serviceArn").orElseThrow());
        assertEquals(CLUSTER_ARN, Json.text(service, "clusterArn").orElseThrow());
        assertEquals(TARGET_GROUP_ARN, Json.text(Json.array(service, "loadBalancers").get(0), "targetGroupArn")
                .orElseThrow());
        JsonNode tag = Json.array(service, "tags").get(0);
        assertEquals("apigw:path", Json.text(tag, "key").orElseThrow());
        assertEquals("/orders", Json.text(tag, "value").orElseThrow());
        assertEquals(List.of("subnet-1", "subnet-2"), Json.array(service, "networkConfiguration",
                "awsvpcConfiguration", "subnets").stream().map(JsonNode::asString).toList());
    }

    @Test
    void projectSampleIsPointedAtTheLandscape() throws Exception {
        String sample;
        try (var in = DemoEventsTest.class.getResourceAsStream("/fixture/onboarding-create-service.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        String adapted = DemoEvents.adaptSample(sample, setup());

        JsonNode record = Json.array(Json.parse(adapted), "Records").get(0);
        assertEquals("arn:aws:sqs:us-east-1:123456789012:local-onboarding.fifo",
                Json.text(record, "eventSourceARN").orElseThrow());
        String body = Json.text(record, "body").orElseThrow();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(body.getBytes(StandardCharsets.UTF_8))), Json.text(record, "md5OfBody").orElseThrow());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(body.getBytes(StandardCharsets.UTF_8))),
                Json.text(record, "attributes", "MessageDeduplicationId").orElseThrow());
        JsonNode event = Json.parse(body);
        JsonNode service = Json.at(event, "detail", "responseElements", "service").orElseThrow();
        assertEquals(SERVICE_ARN, Json.text(service, "serviceArn").orElseThrow());
        assertEquals(CLUSTER_ARN, Json.text(service, "clusterArn").orElseThrow());
        assertEquals(CLUSTER_ARN, Json.text(event, "detail", "requestParameters", "cluster").orElseThrow());
        assertEquals(TARGET_GROUP_ARN, Json.text(Json.array(service, "loadBalancers").get(0), "targetGroupArn")
                .orElseThrow());
        assertEquals(List.of("subnet-1", "subnet-2"), Json.array(service, "networkConfiguration",
                "awsvpcConfiguration", "subnets").stream().map(JsonNode::asString).toList());
        assertEquals("123456789012", Json.text(event, "account").orElseThrow());
        assertFalse(adapted.contains("111122223333"), "no trace of the sample's account");
        assertEquals("ecs-services", Json.text(record, "attributes", "MessageGroupId").orElseThrow());
    }

    @Test
    void scheduledEventHasEventBridgesShape() {
        JsonNode event = Json.parse(DemoEvents.scheduled("local-monitor", Instant.parse("2026-01-02T03:04:05.678Z")));

        assertEquals("Scheduled Event", Json.text(event, "detail-type").orElseThrow());
        assertEquals("aws.events", Json.text(event, "source").orElseThrow());
        assertEquals("2026-01-02T03:04:05Z", Json.text(event, "time").orElseThrow());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/local-monitor",
                Json.array(event, "resources").get(0).asString());
        assertEquals(0, Json.at(event, "detail").orElseThrow().asObject().size());
    }
}
