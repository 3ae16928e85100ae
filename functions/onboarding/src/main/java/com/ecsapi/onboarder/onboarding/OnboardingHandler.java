package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.aws.Landscape;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.onboarding.event.Intent;
import com.ecsapi.onboarder.onboarding.plan.ApiKind;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.ChangeText;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of OnboardingFunction: an SQS FIFO batch of EventBridge events about ECS services. Each message
 * names a service; the reconciler does the rest. The queue is FIFO, so once a message fails, it and every
 * later one are reported as failures: they come back in the same order. Stages are deployed once per batch.
 */
public final class OnboardingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Onboarder onboarder;

    public OnboardingHandler() {
        this(Environment.system());
    }

    public OnboardingHandler(Environment environment) {
        this.onboarder = Onboarder.create(OnboarderConfig.from(environment));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        StructuredLog.startRequest(context);
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Metrics metrics = Metrics.create(onboarder.config.metricsNamespace(), Map.of("Function", "onboarding"), System.out,
                java.time.Clock.systemUTC());
        StructuredLog log = StructuredLog.of(OnboardingHandler.class, System.out, java.time.Clock.systemUTC());
        Landscape landscape = onboarder.landscape();
        Reconciler reconciler = onboarder.reconciler(landscape, log);
        int firstFailure = records.size();
        Map<ApiStage, Integer> deployments = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            SQSEvent.SQSMessage record = records.get(index);
            if (!process(record, reconciler, metrics, log, index, deployments)) {
                firstFailure = index;
                break;
            }
        }
        firstFailure = Math.min(firstFailure, deploy(deployments, landscape, log));
        metrics.flush();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int index = firstFailure; index < records.size(); index++) {
            failures.add(new SQSBatchResponse.BatchItemFailure(records.get(index).getMessageId()));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** True when the message is done with (including deliberate skips and refusals). */
    private boolean process(SQSEvent.SQSMessage record, Reconciler reconciler, Metrics metrics, StructuredLog log, int index,
                            Map<ApiStage, Integer> deployments) {
        Intent intent = EventParser.parse(record.getBody() == null ? "" : record.getBody());
        switch (intent) {
            case Intent.Malformed malformed -> {
                metrics.count("Rejected", Map.of("Reason", "MalformedEvent"));
                log.error("Malformed message: left for the retries and the dead-letter queue", decision(
                        record, null, "none", "Failed", "MalformedEvent", malformed.detail()));
                return false;
            }
            case Intent.Skip skip -> {
                if (skip.reason().equals("FailedCall")) {
                    metrics.count("Rejected", Map.of("Reason", "FailedCall"));
                }
                log.info("Skipped", decision(record, null, "none", Outcome.Skipped.name(), skip.reason(), skip.detail()));
                return true;
            }
            case Intent.Reconcile reconcile -> {
                long start = System.nanoTime();
                try {
                    Reconciler.Result result = reconciler.reconcile(reconcile.service(), redelivered(record),
                            reconcile.apiIds());
                    double millis = (System.nanoTime() - start) / 1e6;
                    metrics.add("ReconcileDuration", millis, Metrics.Unit.Milliseconds, Map.of());
                    count(result.plan(), metrics);
                    result.deployments().forEach(stage -> deployments.putIfAbsent(stage, index));
                    Map<String, Object> fields = decision(record, reconcile.service().serviceArn(), result.action(),
                            result.plan().outcome().name(),
                            result.plan().reason() == null ? null : result.plan().reason().name(), result.plan().detail());
                    fields.put("pattern", result.pattern());
                    fields.put("why", result.why());
                    describeRoute(fields, result.plan());
                    fields.put("trigger", reconcile.trigger());
                    fields.put("durationMs", Math.round(millis));
                    fields.put("dryRun", onboarder.config.dryRun());
                    if (onboarder.config.dryRun()) {
                        fields.put("plannedChanges", result.plan().changes().stream().map(ChangeText::of).toList());
                        fields.put("plannedDeployments", result.deployments().stream()
                                .map(stage -> stage.apiId() + "/" + stage.stage()).toList());
                    }
                    log.info("Service reconciled", fields);
                    return true;
                } catch (RuntimeException e) {
                    Map<String, Object> fields = decision(record, reconcile.service().serviceArn(), "reconcile",
                            "Failed", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                    fields.put("trigger", reconcile.trigger());
                    log.error("Reconcile failed; the message is retried", fields);
                    return false;
                }
            }
        }
    }

    /** Deploys each touched stage once; the index of the first message whose stage failed, or MAX_VALUE. */
    private int deploy(Map<ApiStage, Integer> deployments, Landscape landscape, StructuredLog log) {
        int firstFailure = Integer.MAX_VALUE;
        if (onboarder.config.dryRun()) {
            return firstFailure;
        }
        for (Map.Entry<ApiStage, Integer> entry : deployments.entrySet()) {
            ApiStage stage = entry.getKey();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("api", stage.apiId());
            fields.put("stage", stage.stage());
            try {
                if (landscape.apiKind(stage.apiId()) == ApiKind.HTTP) {
                    Optional<String> deployment = onboarder.httpApis.deploy(stage.apiId(), stage.stage(),
                            "ecs-api-onboarder batch");
                    fields.put("deploymentId", deployment.orElse(null));
                    log.info(deployment.isPresent() ? "Stage deployed" : "Stage not found: nothing deployed", fields);
                } else {
                    fields.put("deploymentId", onboarder.restApis.createDeployment(stage.apiId(), stage.stage(),
                            "ecs-api-onboarder batch"));
                    log.info("Stage deployed", fields);
                }
            } catch (RuntimeException e) {
                fields.put("error", e.toString());
                log.error("Deployment failed; its messages are retried and redeploy", fields);
                firstFailure = Math.min(firstFailure, entry.getValue());
            }
        }
        return firstFailure;
    }

    private static void count(Plan plan, Metrics metrics) {
        switch (plan.outcome()) {
            case Onboarded -> metrics.count("Onboarded");
            case Deregistered -> metrics.count("Deregistered");
            case Rejected -> {
                metrics.count("Rejected", Map.of("Reason", plan.reason().name()));
                if (plan.reason() == RejectReason.CapacityExhausted) {
                    metrics.count("CapacityExhausted");
                }
            }
            case Unchanged, Pending, Skipped -> { }
        }
    }

    private static boolean redelivered(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        return count != null && !count.equals("1");
    }

    private static Map<String, Object> decision(SQSEvent.SQSMessage record, String service, String action,
                                                String outcome, String reason, String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", record.getMessageId());
        fields.put("service", service);
        fields.put("action", action);
        fields.put("outcome", outcome);
        fields.put("reason", reason);
        fields.put("detail", detail);
        return fields;
    }

    private static void describeRoute(Map<String, Object> fields, Plan plan) {
        fields.put("vpcLink", plan.vpcLinkId());
        fields.put("nlb", plan.nlbArn());
        fields.put("port", plan.port() == 0 ? null : plan.port());
        fields.put("path", plan.path());
        fields.put("changes", plan.changes().size());
    }
}
