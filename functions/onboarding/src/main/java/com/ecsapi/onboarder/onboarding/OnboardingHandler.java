package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue.Delivery;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Entry point of OnboardingFunction: an SQS FIFO batch of EventBridge events about ECS services. It turns the
 * batch into deliveries, lets a {@link BatchProcessor} handle them, and reports the messages given back.
 */
public final class OnboardingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Onboarder onboarder;
    /** SnapStart priming; the handler holds it because the CRaC runtime holds its hooks weakly. */
    private final PrimingHook priming;

    public OnboardingHandler() {
        this(Environment.system());
    }

    public OnboardingHandler(Environment environment) {
        this.onboarder = Onboarder.create(OnboarderConfig.from(environment));
        this.priming = new Priming(onboarder.config).register();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return response(process(event, context, System.out));
    }

    /** Processes the batch, its log lines and metrics written to {@code out}; returns what it did. */
    BatchOutcome process(SQSEvent event, Context context, PrintStream out) {
        return process(onboarder, event, context, out);
    }

    /** The same on {@code onboarder}'s clients (SnapStart priming runs it on a priming endpoint's). */
    static BatchOutcome process(Onboarder onboarder, SQSEvent event, Context context, PrintStream out) {
        StructuredLog.startRequest(context);
        List<Delivery> deliveries = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(OnboardingHandler::delivery).toList();
        return context == null
                ? onboarder.batch(out).process(deliveries, () -> Long.MAX_VALUE)
                : onboarder.pacing.within(context::getRemainingTimeInMillis,
                        () -> onboarder.batch(out).process(deliveries, context::getRemainingTimeInMillis));
    }

    /** The messages given back, as batch item failures. */
    static SQSBatchResponse response(BatchOutcome outcome) {
        return SQSBatchResponse.builder().withBatchItemFailures(outcome.givenBack().stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList()).build();
    }

    private static Delivery delivery(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes() == null ? Map.of() : record.getAttributes();
        return new Delivery(record.getMessageId(), record.getBody(), record.getReceiptHandle(),
                receiveCount(attributes.get("ApproximateReceiveCount")),
                attributes.getOrDefault("MessageGroupId", SweepHandler.MESSAGE_GROUP));
    }

    private static int receiveCount(String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
