package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Lambda's SQS event source mapping as the template configures it, replayed against the test bed's real SQS FIFO
 * queue: the queue and its dead-letter queue with the template's settings (FIFO, content-based deduplication,
 * visibility timeout 720 s, maxReceiveCount 5), batches of up to 10 received from it, and after each invocation
 * the messages the function did not report as failures deleted (ReportBatchItemFailures). Failures are left in
 * flight; when they come back is up to the queue and the function's ChangeMessageVisibility.
 */
final class SqsEventSourceReplay {

    static final int VISIBILITY_TIMEOUT_SECONDS = 720;
    static final int MAX_RECEIVE_COUNT = 5;
    static final int BATCH_SIZE = 10;

    final String queueUrl;
    final String deadLetterQueueUrl;
    private final SqsClient sqs;
    private final String queueArn;

    SqsEventSourceReplay(SqsClient sqs) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = sqs.createQueue(request -> request.queueName("onboarding-dlq.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String deadLetterArn = attributes(deadLetterQueueUrl).get("QueueArn");
        this.queueUrl = sqs.createQueue(request -> request.queueName("onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                        + "\",\"maxReceiveCount\":" + MAX_RECEIVE_COUNT + "}"))).queueUrl();
        this.queueArn = attributes(queueUrl).get("QueueArn");
    }

    /** Sends the bodies in order into the one message group, as the EventBridge rule does. */
    List<String> send(String... bodies) {
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            ids.add(sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body)
                    .messageGroupId(SweepHandler.MESSAGE_GROUP).messageDeduplicationId(UUID.randomUUID().toString()))
                    .messageId());
        }
        return ids;
    }

    /** One poll of the event source mapping: up to 10 messages, waiting at most {@code waitSeconds} for the first. */
    SQSEvent poll(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(TestLandscape.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Invokes the function with the batch and deletes every message it did not report as failed. */
    SQSBatchResponse deliver(SQSEvent event, Function<SQSEvent, SQSBatchResponse> function) {
        SQSBatchResponse response = function.apply(event);
        Set<String> failed = new java.util.HashSet<>(EmulatorTestBase.failures(response));
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (!failed.contains(record.getMessageId())) {
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(record.getReceiptHandle()));
            }
        }
        return response;
    }

    /** Messages in the queue, visible or in flight. */
    int queued() {
        Map<String, String> attributes = attributes(queueUrl);
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    /** Messages waiting in the dead-letter queue. */
    int deadLettersWaiting() {
        return Integer.parseInt(attributes(deadLetterQueueUrl).get("ApproximateNumberOfMessages"));
    }

    /** Everything in the dead-letter queue, with message attributes; receiving hides them for 30 s. */
    List<Message> deadLetters() {
        return sqs.receiveMessage(request -> request.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10)
                .visibilityTimeout(30).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    static List<String> ids(SQSEvent event) {
        return event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
    }

    private Map<String, String> attributes(String url) {
        Map<String, String> attributes = new HashMap<>();
        sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        return attributes;
    }
}
