package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.aws.OwnerEventBus;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.OwnerFix;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tells the team that owns a service when the onboarder refused it or failed on it: one EventBridge event per
 * refusal or failure of a batch, sent once the batch is decided, which the teams route with rules of their own.
 * An event that cannot be sent is logged and counted ({@code OwnerEventsFailed}); it never changes what the batch
 * did. A retryable failure is told once, on the last delivery before the queue dead-letters the message: the
 * deliveries before it usually succeed on their own.
 */
final class OwnerEvents {

    static final String SOURCE = "ecs-api-onboarder";
    static final String REFUSED = "Service onboarding refused";
    static final String FAILED = "Service onboarding failed";
    /** AWS error messages can be long; the event keeps their start, the log line has all of it. */
    private static final int MAX_DETAIL_LENGTH = 2048;

    /** What one event says about a service; {@code outcome} is the decision's: Rejected, Parked, GivenBack, DeadLettered. */
    record Notice(String detailType, ServiceRef service, String action, String outcome, String reason, String detail,
                  String fix, boolean retryable, String messageId, int receiveCount, String trigger) {
    }

    private final OwnerEventBus bus;
    private final StructuredLog log;
    private final Metrics metrics;
    private final boolean dryRun;
    private final int maxReceiveCount;

    OwnerEvents(OwnerEventBus bus, StructuredLog log, Metrics metrics, boolean dryRun, int maxReceiveCount) {
        this.bus = bus;
        this.log = log;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.maxReceiveCount = maxReceiveCount;
    }

    /** Sends the batch's refusals and failures; {@code tagsRead} gives the tags the batch read for a service. */
    void publish(List<Decision> decisions, Function<ServiceRef, Map<String, String>> tagsRead) {
        List<Notice> notices = notices(decisions, maxReceiveCount);
        if (notices.isEmpty()) {
            return;
        }
        String requestId = StructuredLog.requestId().orElse(null);
        List<Map<String, Object>> details = notices.stream()
                .map(notice -> detail(notice, tagsRead.apply(notice.service()), requestId)).toList();
        if (dryRun) {
            log.info("Dry run: owner events not sent", Map.of("eventBus", bus.name(), "events", details));
            return;
        }
        List<OwnerEventBus.Event> events = new ArrayList<>();
        for (int index = 0; index < notices.size(); index++) {
            events.add(new OwnerEventBus.Event(notices.get(index).detailType(),
                    notices.get(index).service().serviceArn(), Json.write(details.get(index))));
        }
        List<String> failures = bus.put(events);
        if (!failures.isEmpty()) {
            metrics.add("OwnerEventsFailed", failures.size(), Metrics.Unit.Count, Map.of());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("eventBus", bus.name());
            fields.put("failed", failures.size());
            fields.put("of", events.size());
            fields.put("errors", failures.stream().distinct().toList());
            fields.put("services", notices.stream().map(notice -> notice.service().serviceArn()).distinct().toList());
            log.error("Owner events not sent; the batch's decisions stand", fields);
        }
    }

    /** The refusals and failures among a batch's decisions, in order. */
    static List<Notice> notices(List<Decision> decisions, int maxReceiveCount) {
        List<Notice> notices = new ArrayList<>();
        for (int index = 0; index < decisions.size(); index++) {
            switch (decisions.get(index)) {
                case Decision.Reconciled reconciled -> {
                    Plan plan = reconciled.plan();
                    if (plan.outcome() == Outcome.Rejected) {
                        notices.add(new Notice(REFUSED, reconciled.reconcile().service(), reconciled.result().action(),
                                plan.outcome().name(), plan.reason().name(), plan.detail(), OwnerFix.of(plan.reason()),
                                false, reconciled.delivery().messageId(), reconciled.delivery().receiveCount(),
                                reconciled.reconcile().trigger()));
                    }
                }
                case Decision.Failed failed -> {
                    String outcome = failedOutcome(failed, index + 1 < decisions.size() ? decisions.get(index + 1) : null,
                            maxReceiveCount);
                    if (outcome != null) {
                        notices.add(new Notice(FAILED, failed.reconcile().service(), "reconcile", outcome,
                                failed.failure().reason(), failed.failure().detail(), OwnerFix.of(failed.failure()),
                                failed.failure() instanceof Failure.Retryable, failed.delivery().messageId(),
                                failed.delivery().receiveCount(), failed.reconcile().trigger()));
                    }
                }
                case Decision.Skipped skipped -> { }
                case Decision.Parked parked -> { }
                case Decision.NotParked notParked -> { }
            }
        }
        return notices;
    }

    /** What became of a failed message (the decision after it says); null: not worth telling yet. */
    private static String failedOutcome(Decision.Failed failed, Decision next, int maxReceiveCount) {
        return switch (failed.failure()) {
            case Failure.Permanent permanent -> next instanceof Decision.Parked parked
                    && parked.delivery().equals(failed.delivery()) ? "Parked" : "GivenBack";
            case Failure.Retryable retryable -> failed.delivery().receiveCount() >= maxReceiveCount ? "DeadLettered" : null;
        };
    }

    private static Map<String, Object> detail(Notice notice, Map<String, String> tags, String requestId) {
        String arn = notice.service().serviceArn();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("service", arn);
        detail.put("serviceName", arn.substring(arn.lastIndexOf('/') + 1));
        detail.put("cluster", notice.service().cluster());
        detail.put("tags", tags);
        detail.put("action", notice.action());
        detail.put("outcome", notice.outcome());
        detail.put("reason", notice.reason());
        detail.put("detail", notice.detail() == null || notice.detail().length() <= MAX_DETAIL_LENGTH ? notice.detail()
                : notice.detail().substring(0, MAX_DETAIL_LENGTH) + "...");
        detail.put("fix", notice.fix());
        detail.put("retryable", notice.retryable());
        detail.put("receiveCount", notice.receiveCount());
        detail.put("messageId", notice.messageId());
        detail.put("trigger", notice.trigger());
        detail.put("requestId", requestId);
        return detail;
    }
}
