package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.OwnerFix;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The owner events as a team receives them: a custom bus {@code teams} with two rules whose SQS targets the tests
 * read, one for every event of the onboarder and the README's rule for one team's tag.
 */
class OwnerEventsTest extends EmulatorTestBase {

    private static final String BUS = "teams";
    /** The README's example rule: refusals and failures of the services tagged team=payments. */
    private static final String PAYMENTS_PATTERN = "{\"source\":[\"ecs-api-onboarder\"],"
            + "\"detail-type\":[\"Service onboarding refused\",\"Service onboarding failed\"],"
            + "\"detail\":{\"tags\":{\"team\":[\"payments\"]}}}";

    private final EventBridgeClient events = AwsClients.create(EventBridgeClient.builder());
    private final SqsClient sqs = AwsClients.create(SqsClient.builder());
    private String everything;
    private String payments;
    private String deadLetterQueue;

    @BeforeEach
    void teamsBus() {
        events.createEventBus(request -> request.name(BUS));
        everything = ruleToQueue("everything", "{\"source\":[\"ecs-api-onboarder\"]}");
        payments = ruleToQueue("payments", PAYMENTS_PATTERN);
        deadLetterQueue = sqs.createQueue(request -> request.queueName("parked.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("OWNER_EVENT_BUS", BUS);
        variables.put("DEAD_LETTER_QUEUE_URL", deadLetterQueue);
        return variables;
    }

    @Test
    void eachRefusedServiceIsPublishedWithItsReasonAndFixAndAnOnboardedOneIsNot() {
        String first = service("first", "/orders", "orders");
        String second = service("second", "/orders", "payments");
        String third = service("third", "/orders/", "orders");

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster),
                TestLandscape.createServiceEvent(second, cluster), TestLandscape.createServiceEvent(third, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(Outcome.Onboarded, Outcome.Rejected, Outcome.Rejected),
                decisions().stream().map(decision -> decision.plan().outcome()).toList());
        List<JsonNode> all = received(everything);
        assertEquals(List.of(second, third), all.stream().map(event -> detail(event, "service")).toList());
        JsonNode refused = all.get(0);
        assertEquals("ecs-api-onboarder", text(refused, "source"));
        assertEquals("Service onboarding refused", text(refused, "detail-type"));
        assertEquals(List.of(second), refused.asObject().get("resources").asArray().stream().map(JsonNode::text).toList());
        assertEquals("second", detail(refused, "serviceName"));
        assertEquals(cluster, detail(refused, "cluster"));
        assertEquals("payments", Json.text(refused, "detail", "tags", "team").orElse(null));
        assertEquals("/orders", Json.text(refused, "detail", "tags", "apigw:path").orElse(null));
        assertEquals("Rejected", detail(refused, "outcome"));
        assertEquals("PathConflict", detail(refused, "reason"));
        assertEquals(OwnerFix.of(RejectReason.PathConflict), detail(refused, "fix"));
        assertTrue(detail(refused, "detail").contains("/orders"), detail(refused, "detail"));
        assertEquals("InvalidPath", detail(all.get(1), "reason"));
        assertEquals(List.of(second), received(payments).stream().map(event -> detail(event, "service")).toList(),
                "the team's rule gets its own service's event only");
        assertEquals(1, moto.callCounts().get("events:PutEvents"), "the batch's events in one call");
    }

    @Test
    void aParkedMessageIsPublishedAsAFailureThatIsNotRetried() {
        String orders = service("orders", "/orders", "payments");
        moto.failNthCall("apigateway", "PutIntegration", 1, Fault.CLIENT_ERROR);

        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)))));

        assertTrue(outcome.decisions().stream().anyMatch(Decision.Parked.class::isInstance));
        List<JsonNode> received = received(payments);
        assertEquals(1, received.size());
        JsonNode failed = received.get(0);
        assertEquals("Service onboarding failed", text(failed, "detail-type"));
        assertEquals(orders, detail(failed, "service"));
        assertEquals("Parked", detail(failed, "outcome"));
        assertEquals("ClientError", detail(failed, "reason"));
        assertEquals("false", Json.at(failed, "detail", "retryable").map(JsonNode::asBoolean).map(String::valueOf).orElse(null));
        assertTrue(detail(failed, "detail").startsWith("BadRequestException"), detail(failed, "detail"));
        assertTrue(detail(failed, "fix").contains("redrive"), detail(failed, "fix"));
    }

    @Test
    void aRetryableFailureIsPublishedOnlyOnTheLastDeliveryBeforeTheDeadLetterQueue() {
        String orders = service("orders", "/orders", "payments");
        String message = TestLandscape.createServiceEvent(orders, cluster);

        moto.throttleNext("PutIntegration", 3);
        assertEquals(1, failures(run(delivery(message, 4))).size(), "given back");
        assertEquals(List.of(), received(everything), "a delivery that may still succeed tells nobody");

        moto.throttleNext("PutIntegration", 3);
        assertEquals(1, failures(run(delivery(message, 5))).size(), "given back, for SQS to dead-letter");
        List<JsonNode> received = received(payments);
        assertEquals(1, received.size());
        assertEquals("DeadLettered", detail(received.get(0), "outcome"));
        assertEquals("Throttling", detail(received.get(0), "reason"));
        assertEquals("5", Json.at(received.get(0), "detail", "receiveCount").map(JsonNode::asNumber).orElse(null));
    }

    @Test
    void aDryRunLogsTheEventsItWouldSendAndSendsNone() {
        String first = service("first", "/orders", "orders");
        String second = service("second", "/orders/", "payments");
        Map<String, String> variables = environment();
        variables.put("DRY_RUN", "true");

        run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster),
                TestLandscape.createServiceEvent(second, cluster)), variables);

        assertEquals(List.of(Outcome.Onboarded, Outcome.Rejected),
                decisions().stream().map(decision -> decision.plan().outcome()).toList());
        assertEquals(List.of(), received(everything));
        List<JsonNode> logged = lines.stream().filter(line -> "Dry run: owner events not sent".equals(text(line, "message")))
                .toList();
        assertEquals(1, logged.size());
        assertEquals(List.of(second), Json.array(logged.get(0), "events").stream()
                .map(event -> text(event, "service")).toList());
        assertEquals(0, moto.callCounts().getOrDefault("events:PutEvents", 0));
    }

    @Test
    void whenPutEventsFailsTheBatchOutcomeIsUnchangedAndTheFailureIsCounted() {
        String first = service("first", "/orders", "orders");
        String second = service("second", "/orders", "payments");
        moto.inject(FaultInjection.of("events", "PutEvents", Fault.SERVER_ERROR).forEveryCall());

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster),
                TestLandscape.createServiceEvent(second, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(Outcome.Onboarded, Outcome.Rejected),
                decisions().stream().map(decision -> decision.plan().outcome()).toList());
        assertEquals(RejectReason.PathConflict, decisions().get(1).plan().reason());
        assertTrue(moto.faultsFired() >= 1);
        assertEquals(List.of(), received(everything));
        assertEquals(1.0, metricLines("OwnerEventsFailed").stream()
                .mapToDouble(line -> Double.parseDouble(line.asObject().get("OwnerEventsFailed").asNumber())).sum());
        assertTrue(lines.stream().anyMatch(line -> "Owner events not sent; the batch's decisions stand"
                .equals(text(line, "message"))));
    }

    private String service(String name, String path, String team) {
        return aws.service(cluster, name, aws.tcpTargetGroup(vpcA, name + "-tg"), vpcA,
                Map.of("apigw:path", path, "team", team));
    }

    private String ruleToQueue(String name, String pattern) {
        String queueUrl = sqs.createQueue(request -> request.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(request -> request.name(name).eventBusName(BUS).eventPattern(pattern));
        events.putTargets(request -> request.rule(name).eventBusName(BUS).targets(target -> target.id(name).arn(queueArn)));
        return queueUrl;
    }

    /** The events delivered to the queue so far (moto delivers them while PutEvents is answered). */
    private List<JsonNode> received(String queueUrl) {
        List<JsonNode> received = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            messages.forEach(message -> received.add(Json.parse(message.body())));
        } while (!messages.isEmpty());
        return received;
    }

    private static SQSEvent delivery(String body, int receiveCount) {
        SQSEvent event = TestLandscape.batch(body);
        event.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount),
                "MessageGroupId", "ecs-services"));
        return event;
    }

    private static String detail(JsonNode event, String field) {
        return Json.text(event, "detail", field).orElse(null);
    }
}
