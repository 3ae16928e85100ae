package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SQS FIFO rules AWS keeps and moto 5.2.1 does not. */
class SqsFifoRulesTest extends TestBedTestBase {

    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        sqs = AwsClients.create(SqsClient.builder());
    }

    @AfterAll
    static void closeClients() {
        sqs.close();
    }

    @Test
    void aGroupWhoseMessagesAreVisibleAgainIsDeliveredFromItsFirstMessageInOrder() {
        String queueUrl = sqs.createQueue(r -> r.queueName("events.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
                "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, "720"))).queueUrl();
        for (String body : List.of("first", "second", "third")) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId("group"));
        }
        List<Message> inFlight = receive(queueUrl);
        assertEquals(List.of("first", "second", "third"), inFlight.stream().map(Message::body).toList());
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("fourth").messageGroupId("group"));
        assertEquals(List.of(), receive(queueUrl), "the group is locked while its messages are in flight");

        sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(inFlight.stream()
                .map(message -> ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + inFlight.indexOf(message))
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(1).build()).toList()));

        assertEquals(List.of("first", "second", "third", "fourth"),
                receive(queueUrl, 10).stream().map(Message::body).toList(), "once visible again, in order");
    }

    private static List<Message> receive(String queueUrl) {
        return receive(queueUrl, 0);
    }

    /** Waits up to {@code seconds} (SQS long polling) for the first message. */
    private static List<Message> receive(String queueUrl, int seconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(seconds)).messages();
    }
}
