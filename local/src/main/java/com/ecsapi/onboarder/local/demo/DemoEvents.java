package com.ecsapi.onboarder.local.demo;

import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Events shaped exactly as the deployed functions receive them: for OnboardingFunction an SQS batch (from the FIFO
 * queue, message group {@code ecs-services}, content-based deduplication) whose body is the EventBridge event of
 * CloudTrail's {@code CreateService}; for the scheduled functions EventBridge's {@code Scheduled Event}.
 */
public final class DemoEvents {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    private static final DateTimeFormatter CLOUDTRAIL_CONSOLE_TIME =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private DemoEvents() {
    }

    /** The SQS batch that delivers CloudTrail's CreateService of {@code service} to OnboardingFunction. */
    public static String onboardingCreateService(DemoSetup setup, Instant now) {
        String body = Json.write(createServiceEvent(setup.service(), now));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("ApproximateReceiveCount", "1");
        attributes.put("SentTimestamp", Long.toString(now.toEpochMilli()));
        attributes.put("SequenceNumber", "18890" + String.format("%015d", now.toEpochMilli()));
        attributes.put("MessageGroupId", "ecs-services");
        attributes.put("SenderId", "AIDAIE6VAXUQU2DKHA7DK");
        attributes.put("MessageDeduplicationId", hex("SHA-256", body));
        attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(now.toEpochMilli() + 12));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("receiptHandle", "AQEB" + hex("SHA-256", "receipt" + now).substring(0, 48));
        record.put("body", body);
        record.put("attributes", attributes);
        record.put("messageAttributes", Map.of());
        record.put("md5OfBody", hex("MD5", body));
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", setup.queueArn());
        record.put("awsRegion", REGION);
        return Json.write(Map.of("Records", List.of(record)));
    }

    /**
     * A sample SQS batch of a CloudTrail service event (e.g. {@code events/onboarding-create-service.json}) pointed
     * at the setup: the sample's service, cluster, task definition, target group, subnets, security group,
     * queue and account become the setup's, and the record's {@code md5OfBody} and deduplication id follow the
     * new body. Anything else in the sample is kept as it is.
     */
    public static String adaptSample(String sampleBatch, DemoSetup setup) {
        JsonNode sampleRecord = firstRecord(sampleBatch);
        String sampleBody = Json.text(sampleRecord, "body").orElseThrow(
                () -> new IllegalArgumentException("The sample's record has no body"));
        JsonNode event = Json.parse(sampleBody);
        JsonNode service = Json.at(event, "detail", "responseElements", "service").orElseThrow(
                () -> new IllegalArgumentException("The sample is not a CloudTrail event of a created service"));
        Service real = setup.service();
        Map<String, String> replacements = new LinkedHashMap<>();
        Json.text(service, "serviceArn").ifPresent(arn -> replacements.put(arn, real.serviceArn()));
        Json.text(service, "clusterArn").ifPresent(arn -> replacements.put(arn, real.clusterArn()));
        Json.text(service, "taskDefinition").ifPresent(arn -> replacements.put(arn, real.taskDefinition()));
        List<JsonNode> loadBalancers = Json.array(service, "loadBalancers");
        if (!loadBalancers.isEmpty()) {
            Json.text(loadBalancers.get(0), "targetGroupArn")
                    .ifPresent(arn -> replacements.put(arn, setup.targetGroupArn()));
        }
        List<JsonNode> subnets = Json.array(service, "networkConfiguration", "awsvpcConfiguration", "subnets");
        for (int i = 0; i < subnets.size() && i < setup.subnetIds().size(); i++) {
            replacements.put(subnets.get(i).asString(), setup.subnetIds().get(i));
        }
        List<JsonNode> groups = Json.array(service, "networkConfiguration", "awsvpcConfiguration", "securityGroups");
        if (!groups.isEmpty()) {
            replacements.put(groups.get(0).asString(), setup.securityGroupId());
        }
        Json.text(sampleRecord, "eventSourceARN").ifPresent(arn -> replacements.put(arn, setup.queueArn()));
        Json.text(event, "account").ifPresent(account -> replacements.put(account, ACCOUNT));

        String adapted = sampleBatch;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            adapted = adapted.replace(replacement.getKey(), replacement.getValue());
        }
        String body = Json.text(firstRecord(adapted), "body").orElseThrow();
        Optional<String> oldMd5 = Json.text(sampleRecord, "md5OfBody");
        if (oldMd5.isPresent()) {
            adapted = adapted.replace(oldMd5.get(), hex("MD5", body));
        }
        Optional<String> oldDeduplicationId = Json.text(sampleRecord, "attributes", "MessageDeduplicationId");
        if (oldDeduplicationId.isPresent()) {
            adapted = adapted.replace(oldDeduplicationId.get(), hex("SHA-256", body));
        }
        return adapted;
    }

    private static JsonNode firstRecord(String batch) {
        List<JsonNode> records = Json.array(Json.parse(batch), "Records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("The sample is not an SQS batch (no Records)");
        }
        return records.get(0);
    }

    /** EventBridge's scheduled event, as a {@code Schedule} event source delivers it. */
    public static String scheduled(String ruleName, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", ACCOUNT);
        event.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", REGION);
        event.put("resources", List.of("arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + ruleName));
        event.put("detail", Map.of());
        return Json.write(event);
    }

    private static Map<String, Object> createServiceEvent(Service service, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map<String, Object>> loadBalancers = service.loadBalancers().stream()
                .map(lb -> Map.<String, Object>of("targetGroupArn", lb.targetGroupArn(),
                        "containerName", lb.containerName(), "containerPort", lb.containerPort()))
                .toList();
        List<Map<String, Object>> tags = service.tags().stream()
                .map(DemoEvents::tag)
                .toList();
        Map<String, Object> networkConfiguration = network(service.networkConfiguration().awsvpcConfiguration());

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("cluster", service.clusterArn());
        request.put("serviceName", service.serviceName());
        request.put("taskDefinition", service.taskDefinition());
        request.put("desiredCount", service.desiredCount());
        request.put("launchType", "FARGATE");
        request.put("loadBalancers", loadBalancers);
        request.put("networkConfiguration", networkConfiguration);
        request.put("tags", tags);
        request.put("enableECSManagedTags", true);
        request.put("propagateTags", "SERVICE");

        String createdAt = CLOUDTRAIL_CONSOLE_TIME.format(now);
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("serviceArn", service.serviceArn());
        created.put("serviceName", service.serviceName());
        created.put("clusterArn", service.clusterArn());
        created.put("loadBalancers", loadBalancers);
        created.put("serviceRegistries", List.of());
        created.put("status", "ACTIVE");
        created.put("desiredCount", service.desiredCount());
        created.put("runningCount", 0);
        created.put("pendingCount", 0);
        created.put("launchType", "FARGATE");
        created.put("platformVersion", "LATEST");
        created.put("taskDefinition", service.taskDefinition());
        created.put("deploymentConfiguration", Map.of("maximumPercent", 200, "minimumHealthyPercent", 100,
                "deploymentCircuitBreaker", Map.of("enable", false, "rollback", false)));
        created.put("events", List.of());
        created.put("createdAt", createdAt);
        created.put("placementConstraints", List.of());
        created.put("placementStrategy", List.of());
        created.put("networkConfiguration", networkConfiguration);
        created.put("schedulingStrategy", "REPLICA");
        created.put("deploymentController", Map.of("type", "ECS"));
        created.put("tags", tags);
        created.put("createdBy", "arn:aws:iam::" + ACCOUNT + ":role/local-deployer");
        created.put("enableECSManagedTags", true);
        created.put("propagateTags", "SERVICE");
        created.put("enableExecuteCommand", false);

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventVersion", "1.09");
        detail.put("userIdentity", Map.of("type", "AssumedRole", "principalId", "AROAEXAMPLEID:local-deployer",
                "arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/local-deployer/session", "accountId", ACCOUNT));
        detail.put("eventTime", time);
        detail.put("eventSource", "ecs.amazonaws.com");
        detail.put("eventName", "CreateService");
        detail.put("awsRegion", REGION);
        detail.put("sourceIPAddress", "10.0.0.1");
        detail.put("userAgent", "aws-sdk-java/2.40.2");
        detail.put("requestParameters", request);
        detail.put("responseElements", Map.of("service", created));
        detail.put("requestID", UUID.randomUUID().toString());
        detail.put("eventID", UUID.randomUUID().toString());
        detail.put("readOnly", false);
        detail.put("eventType", "AwsApiCall");
        detail.put("managementEvent", true);
        detail.put("recipientAccountId", ACCOUNT);
        detail.put("eventCategory", "Management");

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "AWS API Call via CloudTrail");
        event.put("source", "aws.ecs");
        event.put("account", ACCOUNT);
        event.put("time", time);
        event.put("region", REGION);
        event.put("resources", List.of());
        event.put("detail", detail);
        return event;
    }

    private static Map<String, Object> tag(Tag tag) {
        return Map.of("key", tag.key(), "value", tag.value());
    }

    private static Map<String, Object> network(AwsVpcConfiguration vpc) {
        return Map.of("awsvpcConfiguration", Map.of("subnets", vpc.subnets(),
                "securityGroups", vpc.securityGroups(), "assignPublicIp", "DISABLED"));
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
