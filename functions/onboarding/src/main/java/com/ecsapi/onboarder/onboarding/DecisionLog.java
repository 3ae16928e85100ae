package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue.Delivery;
import com.ecsapi.onboarder.onboarding.event.Intent;
import com.ecsapi.onboarder.onboarding.plan.ChangeText;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log schema of the onboarding function: one line per message (what was decided about which service, and
 * why), one per parked or given-back message, and the dry run's planned AWS calls.
 */
final class DecisionLog {

    private final StructuredLog log;
    private final boolean dryRun;

    DecisionLog(StructuredLog log, boolean dryRun) {
        this.log = log;
        this.dryRun = dryRun;
    }

    /** Writes the decision's line. */
    void write(Decision decision) {
        switch (decision) {
            case Decision.Skipped skipped -> skipped(skipped.delivery(), skipped.skip());
            case Decision.Reconciled reconciled -> reconciled(reconciled);
            case Decision.Failed failed -> failed(failed.delivery(), failed.reconcile().service().serviceArn(),
                    failed.reconcile().trigger(), failed.failure());
            case Decision.Parked parked -> parked(parked.delivery(), parked.failure(), parked.where());
            case Decision.NotParked notParked -> notParked(notParked.delivery(), notParked.failure(), notParked.why());
        }
    }

    private void skipped(Delivery delivery, Intent.Skip skip) {
        log.info("Skipped", decision(delivery, null, "none", Outcome.Skipped.name(), skip.reason(), skip.detail()));
    }

    private void reconciled(Decision.Reconciled reconciled) {
        Reconciler.Result result = reconciled.result();
        Plan plan = reconciled.plan();
        Map<String, Object> fields = decision(reconciled.delivery(), reconciled.reconcile().service().serviceArn(),
                result.action(), plan.outcome().name(), plan.reason() == null ? null : plan.reason().name(), plan.detail());
        fields.put("pattern", result.pattern());
        fields.put("why", result.why());
        fields.put("vpcLink", plan.vpcLinkId());
        fields.put("nlb", plan.nlbArn());
        fields.put("port", plan.port() == 0 ? null : plan.port());
        fields.put("path", plan.path());
        fields.put("changes", plan.changes().size());
        fields.put("trigger", reconciled.reconcile().trigger());
        fields.put("durationMs", Math.round(reconciled.millis()));
        fields.put("dryRun", dryRun);
        if (dryRun) {
            fields.put("plannedChanges", plan.changes().stream().map(ChangeText::of).toList());
            fields.put("plannedDeployments", result.deployments().stream()
                    .map(stage -> stage.apiId() + "/" + stage.stage()).toList());
        }
        log.info("Service reconciled", fields);
    }

    private void failed(Delivery delivery, String service, String trigger, Failure failure) {
        Map<String, Object> fields = decision(delivery, service, "reconcile", "Failed", failure.reason(), failure.detail());
        fields.put("trigger", trigger);
        fields.put("retryable", failure instanceof Failure.Retryable);
        log.error(failure instanceof Failure.Retryable ? "Reconcile failed; the message is retried"
                : "Reconcile failed for good; the message is parked", fields);
    }

    private void parked(Delivery delivery, Failure.Permanent failure, String where) {
        Map<String, Object> fields = decision(delivery, null, "park", "Parked", failure.reason(), failure.detail());
        fields.put("receiveCount", delivery.receiveCount());
        fields.put("parkedIn", where);
        log.error("Message parked for an operator: it cannot succeed on retry", fields);
    }

    private void notParked(Delivery delivery, Failure.Permanent failure, String why) {
        Map<String, Object> fields = decision(delivery, null, "park", "Failed", failure.reason(), failure.detail());
        fields.put("error", why);
        log.error("Message could not be parked; it is given back to the queue", fields);
    }

    void givenBack(List<Delivery> deliveries, String why, int visibilitySeconds, int unchanged) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageIds", deliveries.stream().map(Delivery::messageId).toList());
        fields.put("why", why);
        fields.put("visibleAgainInSeconds", visibilitySeconds);
        fields.put("visibilityUnchanged", unchanged);
        log.warn("Messages given back to the queue", fields);
    }

    private static Map<String, Object> decision(Delivery delivery, String service, String action, String outcome,
                                                String reason, String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", delivery.messageId());
        fields.put("service", service);
        fields.put("action", action);
        fields.put("outcome", outcome);
        fields.put("reason", reason);
        fields.put("detail", detail);
        return fields;
    }
}
