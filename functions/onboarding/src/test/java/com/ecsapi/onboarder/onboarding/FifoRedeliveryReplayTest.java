package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.testbed.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQS FIFO redelivery replayed against the test bed's real FIFO queue with the template's settings (visibility
 * timeout 720 s, maxReceiveCount 5, batches of 10, ReportBatchItemFailures): what the function reports goes back
 * to the queue, later messages of the group are held back, and what can never succeed is parked, not retried.
 */
class FifoRedeliveryReplayTest extends EmulatorTestBase {

    private final SqsClient sqs = AwsClients.create(SqsClient.builder());
    private SqsEventSourceReplay queue;
    private int retryDelaySeconds;
    private int retryDelayMaxSeconds;

    @BeforeEach
    void queues() {
        queue = new SqsEventSourceReplay(sqs);
        retryDelaySeconds = 1;
        retryDelayMaxSeconds = 2;
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("QUEUE_URL", queue.queueUrl);
        variables.put("DEAD_LETTER_QUEUE_URL", queue.deadLetterQueueUrl);
        variables.put("RETRY_DELAY_SECONDS", Integer.toString(retryDelaySeconds));
        variables.put("RETRY_DELAY_MAX_SECONDS", Integer.toString(retryDelayMaxSeconds));
        return variables;
    }

    private String[] services(int count) {
        return IntStream.range(0, count).mapToObj(i -> TestLandscape.createServiceEvent(aws.service(cluster, "svc" + i,
                aws.tcpTargetGroup(vpcA, "svc" + i + "-tg"), vpcA, Map.of("apigw:path", "/svc" + i)), cluster))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "{not json", "{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\"}"})
    void aPermanentFailureAtTheHeadOfABatchOfTenIsParkedAndTheNineGoodMessagesAreOnboardedInThatInvocation(String bad) {
        List<String> bodies = new ArrayList<>(List.of(bad));
        bodies.addAll(List.of(services(9)));
        List<String> sent = queue.send(bodies.toArray(String[]::new));
        int deployments = aws.deployments(apiId);

        SQSEvent batch = queue.poll(0);
        assertEquals(sent, SqsEventSourceReplay.ids(batch), "one batch of 10, in order");
        SQSBatchResponse response = queue.deliver(batch, this::run);

        assertEquals(List.of(), failures(response), "nothing goes back to the queue");
        assertEquals(0, queue.queued());
        assertEquals(9, aws.listeners(nlbA1).size());
        IntStream.range(0, 9).forEach(i -> assertTrue(aws.resources(apiId).containsKey("/svc" + i + "/{proxy+}")));
        assertEquals(deployments + 1, aws.deployments(apiId), "one deployment for the stage");
        assertEquals(9, decisions().stream().filter(decision -> decision.plan().outcome() == Outcome.Onboarded).count());

        List<Message> parked = queue.deadLetters();
        assertEquals(1, parked.size());
        Message message = parked.get(0);
        assertEquals(bad, message.body());
        String reason = bad.isBlank() ? "EmptyMessage" : "MalformedEvent";
        assertEquals(reason, message.messageAttributes().get("reason").stringValue());
        assertEquals(sent.get(0), message.messageAttributes().get("originalMessageId").stringValue());
        assertEquals("1", message.messageAttributes().get("receiveCount").stringValue());
        assertTrue(message.messageAttributes().get("detail").stringValue().length() > 3);
        assertEquals(1.0, metric("Parked", reason), "counted, by reason");
    }

    @Test
    void anAwsValidationErrorInOneServicesReconcileParksItsMessageAndTheRestOfTheBatchIsOnboarded() {
        List<String> sent = queue.send(services(3));
        moto.failNthCall("apigateway", "PutIntegration", 1, Fault.CLIENT_ERROR);

        SQSBatchResponse response = queue.deliver(queue.poll(0), this::run);

        assertEquals(List.of(), failures(response));
        assertEquals(0, queue.queued());
        assertEquals(2, aws.listeners(nlbA1).size(), "the first service's listener is rolled back, the others stand");
        assertEquals(Set.of("/", "/svc1", "/svc1/{proxy+}", "/svc2", "/svc2/{proxy+}"), aws.resources(apiId).keySet());
        List<Message> parked = queue.deadLetters();
        assertEquals(List.of(sent.get(0)), parked.stream()
                .map(message -> message.messageAttributes().get("originalMessageId").stringValue()).toList());
        assertEquals("ClientError", parked.get(0).messageAttributes().get("reason").stringValue());
        assertTrue(parked.get(0).messageAttributes().get("detail").stringValue().startsWith("BadRequestException"));
        assertEquals(1.0, metric("ReconcileFailed", "ClientError"));
        assertEquals(1.0, metric("Parked", "ClientError"));
    }

    @Test
    void aRetryableFailureGivesBackItsMessageAndEveryLaterOneAndTheyComeBackInSecondsInOrder() {
        String[] services = services(4);
        List<String> sent = new ArrayList<>(queue.send(services[0], services[1], services[2]));
        SQSEvent first = queue.poll(0);
        sent.addAll(queue.send(services[3]));
        assertEquals(List.of(), SqsEventSourceReplay.ids(queue.poll(0)), "held back while the batch is in flight");
        moto.throttleNext("PutIntegration", 3);

        SQSBatchResponse response = queue.deliver(first, this::run);

        assertEquals(sent.subList(0, 3), failures(response), "the failed message and every later one");
        assertEquals(List.of(), aws.listeners(nlbA1), "rolled back");
        assertEquals(1.0, metric("ReconcileFailed", "Throttling"));

        SQSEvent again = queue.poll(20);

        assertEquals(sent, SqsEventSourceReplay.ids(again), "back within seconds, not 720 s, in order, the new one last");
        assertEquals("2", again.getRecords().get(0).getAttributes().get("ApproximateReceiveCount"));
        assertEquals(List.of(), failures(queue.deliver(again, this::run)));
        assertEquals(4, aws.listeners(nlbA1).size());
        assertEquals(0, queue.queued());
        assertEquals(List.of(), queue.deadLetters());
    }

    @Test
    void aFaultThatNeverClearsReachesTheDeadLetterQueueAfterMaxReceiveCountDeliveriesAsBefore() {
        retryDelayMaxSeconds = 1;
        List<String> sent = queue.send(services(2));
        moto.throttleNext("PutIntegration", 1000);

        int deliveries = 0;
        for (SQSEvent batch = queue.poll(0); !batch.getRecords().isEmpty(); batch = queue.poll(5)) {
            deliveries++;
            assertEquals(Integer.toString(deliveries), batch.getRecords().get(0).getAttributes().get("ApproximateReceiveCount"));
            assertEquals(sent, failures(queue.deliver(batch, this::run)));
        }

        assertEquals(SqsEventSourceReplay.MAX_RECEIVE_COUNT, deliveries);
        assertEquals(sent, queue.deadLetters().stream().map(Message::messageId).toList(),
                "SQS's own redrive stays the backstop of what keeps failing, held-back messages included");
        assertEquals(List.of(), aws.listeners(nlbA1));
    }

    @Test
    void withLittleTimeLeftNoNewServiceIsTakenAndTheRestComesBackAtOnce() {
        List<String> sent = queue.send(services(3));
        int deployments = aws.deployments(apiId);
        Iterator<Integer> remaining = List.of(100_000, 10_000, 9_000).iterator();

        SQSBatchResponse response = queue.deliver(queue.poll(0), batch -> run(batch, LambdaInvocation.remaining(remaining)));

        assertEquals(sent.subList(1, 3), failures(response));
        assertEquals(1, aws.listeners(nlbA1).size(), "the first service is onboarded");
        assertEquals(deployments + 1, aws.deployments(apiId), "and deployed");
        SQSEvent rest = queue.poll(0);
        assertEquals(sent.subList(1, 3), SqsEventSourceReplay.ids(rest), "visible again at once, in order");
        assertEquals(List.of(), failures(queue.deliver(rest, this::run)));
        assertEquals(3, aws.listeners(nlbA1).size());
    }

    @Test
    void withoutADeadLetterQueueToParkInAPermanentFailureIsGivenBackRatherThanLost() {
        String good = services(1)[0];
        List<String> sent = queue.send("{not json", good);
        Map<String, String> variables = environment();
        variables.remove("DEAD_LETTER_QUEUE_URL");

        SQSBatchResponse response = queue.deliver(queue.poll(0), batch -> run(batch, variables));

        assertEquals(sent, failures(response));
        assertEquals(List.of(), queue.deadLetters());
    }

    /** The value of {@code metric} in the last run's EMF documents with dimension Reason = {@code reason}. */
    private double metric(String metric, String reason) {
        return metricLines(metric).stream().filter(line -> reason.equals(text(line, "Reason")))
                .mapToDouble(line -> Double.parseDouble(line.asObject().get(metric).asNumber())).sum();
    }
}
