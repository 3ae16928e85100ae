package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.aws.Batches;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The onboarding queue as the batch sees it: a message that can never succeed is parked in the dead-letter
 * queue (where the DLQ alarm fires and an SQS redrive sends it back); messages given back are made visible again
 * after a short delay instead of the queue's whole visibility timeout.
 */
public final class OnboardingQueue {

    /** SQS refuses an empty body; a parked empty message carries this instead. */
    private static final String EMPTY_BODY = "(empty message body)";
    private static final int BATCH = 10;
    private static final int MAX_ATTRIBUTE_LENGTH = 1024;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    public OnboardingQueue(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** One message as Lambda delivered it. */
    public record Delivery(String messageId, String body, String receiptHandle, int receiveCount, String groupId) {
    }

    public boolean canPark() {
        return deadLetterQueueUrl != null;
    }

    /**
     * Sends the message to the dead-letter queue with why it was parked; the deduplication id is the original
     * message id, so parking the same delivery twice leaves one copy.
     */
    public void park(Delivery delivery, String reason, String detail) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("reason", text(reason));
        attributes.put("detail", text(detail));
        attributes.put("originalMessageId", text(delivery.messageId()));
        attributes.put("receiveCount", MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(delivery.receiveCount())).build());
        String body = delivery.body() == null || delivery.body().isEmpty() ? EMPTY_BODY : delivery.body();
        sqs.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(body)
                .messageGroupId(delivery.groupId()).messageDeduplicationId(delivery.messageId())
                .messageAttributes(attributes));
    }

    /**
     * Sends {@code body} to the onboarding queue, behind everything already in {@code groupId}; SQS drops a second
     * send with the same {@code deduplicationId} within five minutes. Without a queue (events from a file) nothing
     * is sent.
     */
    public void send(String body, String groupId, String deduplicationId) {
        if (queueUrl == null) {
            return;
        }
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId));
    }

    /**
     * Makes these messages visible again after {@code seconds}; returns how many SQS did not change (those come
     * back after the queue's visibility timeout instead). Deliveries without receipt handle (events from a file)
     * are left out.
     */
    public int giveBack(List<Delivery> deliveries, int seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.receiptHandle() != null) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + entries.size())
                        .receiptHandle(delivery.receiptHandle()).visibilityTimeout(seconds).build());
            }
        }
        if (queueUrl == null) {
            return entries.size();
        }
        int unchanged = 0;
        for (List<ChangeMessageVisibilityBatchRequestEntry> chunk : Batches.of(entries, BATCH)) {
            unchanged += sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(chunk))
                    .failed().size();
        }
        return unchanged;
    }

    private static MessageAttributeValue text(String value) {
        String text = value == null || value.isEmpty() ? "-" : value;
        return MessageAttributeValue.builder().dataType("String")
                .stringValue(text.length() > MAX_ATTRIBUTE_LENGTH ? text.substring(0, MAX_ATTRIBUTE_LENGTH) : text).build();
    }
}
