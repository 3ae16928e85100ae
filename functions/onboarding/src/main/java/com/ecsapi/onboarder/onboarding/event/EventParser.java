package com.ecsapi.onboarder.onboarding.event;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * Turns one queue message (an EventBridge event) into "reconcile service X". Events only say which service
 * changed; what to do is decided later from the service as it is now.
 */
public final class EventParser {

    public static final String SWEEP_SOURCE = "ecs-api-onboarder.sweep";
    public static final String SWEEP_DETAIL_TYPE = "Reconcile Service";
    public static final String DRAIN_SOURCE = "ecs-api-onboarder.drain";
    public static final String DRAIN_DETAIL_TYPE = "Drain Pool NLB";
    private static final java.util.regex.Pattern NLB_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/net/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}");
    private static final List<String> SERVICE_CALLS =
            List.of("CreateService", "UpdateService", "DeleteService", "TagResource", "UntagResource");

    private EventParser() {
    }

    public static Intent parse(String body) {
        if (body == null || body.isBlank()) {
            return new Intent.Malformed("empty message body");
        }
        JsonNode event;
        try {
            event = Json.parse(body);
        } catch (RuntimeException e) {
            return new Intent.Malformed("not JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            return new Intent.Malformed("not a JSON object");
        }
        String source = Json.text(event, "source").orElse("");
        String detailType = Json.text(event, "detail-type").orElse("");
        String region = Json.text(event, "region").orElse("us-east-1");
        String account = Json.text(event, "account").orElse("");
        if (SWEEP_SOURCE.equals(source)) {
            return Json.text(event, "detail", "serviceArn")
                    .filter(ServiceRef::isServiceArn)
                    .<Intent>map(arn -> new Intent.Reconcile(
                            ServiceRef.of(arn, Json.text(event, "detail", "clusterArn").orElse(null), region, account),
                            "Sweep", Json.array(event, "detail", "apiIds").stream()
                            .map(node -> node.isString() ? node.asString() : null)
                            .filter(TagContract::isApiId).toList()))
                    .orElseGet(() -> new Intent.Malformed("sweep message without a service ARN"));
        }
        if (DRAIN_SOURCE.equals(source)) {
            return Json.text(event, "detail", "nlbArn").filter(arn -> NLB_ARN.matcher(arn).matches())
                    .<Intent>map(Intent.Drain::new)
                    .orElseGet(() -> new Intent.Malformed("drain message without a network load balancer ARN"));
        }
        if (!"aws.ecs".equals(source)) {
            return new Intent.Malformed("unexpected source '" + source + "'");
        }
        return switch (detailType) {
            case "AWS API Call via CloudTrail" -> cloudTrail(event, region, account);
            case "ECS Service Action" -> nativeEvent(event, detailType);
            default -> new Intent.Skip("IgnoredEvent", "detail-type '" + detailType + "'");
        };
    }

    /** The message that asks for the next step of draining {@code nlbArn}. */
    public static String drainMessage(String nlbArn) {
        return Json.write(java.util.Map.of("source", DRAIN_SOURCE, "detail-type", DRAIN_DETAIL_TYPE,
                "detail", java.util.Map.of("nlbArn", nlbArn)));
    }

    private static Intent cloudTrail(JsonNode event, String region, String account) {
        Optional<JsonNode> detail = Json.at(event, "detail");
        if (detail.isEmpty()) {
            return new Intent.Malformed("CloudTrail event without detail");
        }
        JsonNode d = detail.get();
        String eventName = Json.text(d, "eventName").orElse("");
        if (!SERVICE_CALLS.contains(eventName)) {
            return new Intent.Skip("IgnoredEvent", "eventName '" + eventName + "'");
        }
        Optional<String> errorCode = Json.text(d, "errorCode");
        if (errorCode.isPresent()) {
            return new Intent.Skip("FailedCall", eventName + " failed with " + errorCode.get()
                    + Json.text(d, "errorMessage").map(message -> ": " + message).orElse(""));
        }
        String callRegion = Json.text(d, "awsRegion").orElse(region);
        String callAccount = Json.text(d, "recipientAccountId").orElse(account);
        String cluster = Json.text(d, "requestParameters", "cluster").orElse(null);
        Optional<String> service = switch (eventName) {
            case "CreateService" -> Json.text(d, "responseElements", "service", "serviceArn")
                    .or(() -> Json.text(d, "requestParameters", "serviceName"));
            case "UpdateService", "DeleteService" -> Json.text(d, "responseElements", "service", "serviceArn")
                    .or(() -> Json.text(d, "requestParameters", "service"));
            default -> Json.text(d, "requestParameters", "resourceArn");
        };
        if (service.isEmpty()) {
            return new Intent.Malformed(eventName + " event names no service");
        }
        if (eventName.endsWith("Resource") && !ServiceRef.isServiceArn(service.get())) {
            return new Intent.Skip("IgnoredEvent", eventName + " of " + service.get() + " (not a service)");
        }
        if (!ServiceRef.isServiceArn(service.get()) && !ServiceRef.isServiceName(service.get())) {
            return new Intent.Malformed(eventName + " names no valid service ARN or name: '" + service.get() + "'");
        }
        String clusterHint = Json.text(d, "responseElements", "service", "clusterArn").orElse(cluster);
        return new Intent.Reconcile(ServiceRef.of(service.get(), clusterHint, callRegion, callAccount), eventName);
    }

    private static Intent nativeEvent(JsonNode event, String detailType) {
        List<JsonNode> resources = Json.array(event, "resources");
        Optional<String> arn = resources.isEmpty() ? Optional.empty()
                : Optional.of(resources.get(0)).filter(JsonNode::isString).map(JsonNode::text);
        if (arn.isEmpty() || !ServiceRef.isServiceArn(arn.get())) {
            return new Intent.Malformed(detailType + " without a service ARN in resources[0]");
        }
        String cluster = Json.text(event, "detail", "clusterArn").orElse(null);
        return new Intent.Reconcile(ServiceRef.of(arn.get(), cluster, "", ""), detailType);
    }
}
