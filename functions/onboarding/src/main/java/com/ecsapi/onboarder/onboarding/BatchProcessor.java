package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.AwsFailures;
import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue;
import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue.Delivery;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.onboarding.event.Intent;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import com.ecsapi.onboarder.onboarding.plan.RetryDelay;
import com.ecsapi.onboarder.telemetry.Metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * One SQS FIFO batch, in order. A message is done (reconciled, skipped, refused), parked (it can never succeed:
 * sent to the dead-letter queue with its reason and consumed) or given back (it may succeed on retry). The queue
 * has one message group, so once a message is given back every later one is given back too, and all of them
 * become visible again after a short {@link RetryDelay} instead of the queue's visibility timeout. Each stage
 * the batch touched is deployed once at the end; a failed deployment gives back its messages.
 */
final class BatchProcessor {

    /** No new service is taken with less time left than this: room for the deployments and the report. */
    static final long RESERVE_MILLIS = 30_000;

    private sealed interface Step {
    }

    private record Done(Set<ApiStage> deployments) implements Step {
    }

    private record GiveBack(Failure failure) implements Step {
    }

    private final Reconciler reconciler;
    private final StageDeployer deployer;
    private final OnboardingQueue queue;
    private final DecisionLog log;
    private final Metrics metrics;
    private final boolean dryRun;
    private final RetryDelay retryDelay;

    BatchProcessor(Reconciler reconciler, StageDeployer deployer, OnboardingQueue queue, DecisionLog log,
                   Metrics metrics, boolean dryRun, RetryDelay retryDelay) {
        this.reconciler = reconciler;
        this.deployer = deployer;
        this.queue = queue;
        this.log = log;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.retryDelay = retryDelay;
    }

    /** Handles the batch; returns its decisions and the ids of the messages given back (batch item failures). */
    BatchOutcome process(List<Delivery> deliveries, LongSupplier remainingMillis) {
        List<Decision> decisions = new ArrayList<>();
        List<Intent> intents = deliveries.stream().map(BatchProcessor::intent).toList();
        reconciler.readAhead(intents.stream().flatMap(intent -> intent instanceof Intent.Reconcile reconcile
                ? Stream.of(reconcile.service()) : Stream.empty()).toList());
        Map<ApiStage, Integer> firstNeed = new LinkedHashMap<>();
        int givenBackFrom = deliveries.size();
        String why = null;
        int visibilitySeconds = 0;
        for (int index = 0; index < deliveries.size(); index++) {
            if (remainingMillis.getAsLong() < RESERVE_MILLIS) {
                givenBackFrom = index;
                why = "TimeShort";
                break;
            }
            Step step = handle(deliveries.get(index), intents.get(index), decisions);
            if (step instanceof GiveBack giveBack) {
                givenBackFrom = index;
                why = giveBack.failure().reason();
                visibilitySeconds = retryDelay.seconds(deliveries.get(index).receiveCount());
                break;
            }
            int first = index;
            ((Done) step).deployments().forEach(stage -> firstNeed.putIfAbsent(stage, first));
        }
        if (!dryRun) {
            for (ApiStage failed : deployer.deploy(firstNeed.keySet())) {
                int index = firstNeed.get(failed);
                if (index < givenBackFrom) {
                    givenBackFrom = index;
                    why = "DeploymentFailed";
                    visibilitySeconds = retryDelay.seconds(deliveries.get(index).receiveCount());
                }
            }
        }
        List<Delivery> givenBack = deliveries.subList(givenBackFrom, deliveries.size());
        if (!givenBack.isEmpty()) {
            int unchanged = dryRun ? 0 : queue.giveBack(givenBack, visibilitySeconds);
            log.givenBack(givenBack, why, visibilitySeconds, unchanged);
            metrics.add("GivenBack", givenBack.size(), Metrics.Unit.Count, Map.of());
        }
        metrics.flush();
        return new BatchOutcome(decisions, givenBack.stream().map(Delivery::messageId).toList());
    }

    private static Intent intent(Delivery delivery) {
        try {
            return EventParser.parse(delivery.body());
        } catch (RuntimeException e) {
            return new Intent.Malformed("unreadable: " + e);
        }
    }

    private Step handle(Delivery delivery, Intent intent, List<Decision> decisions) {
        return switch (intent) {
            case Intent.Malformed malformed -> park(delivery, new Failure.Permanent(
                    delivery.body() == null || delivery.body().isBlank() ? "EmptyMessage" : "MalformedEvent",
                    malformed.detail()), decisions);
            case Intent.Skip skip -> {
                if (skip.reason().equals("FailedCall")) {
                    metrics.count("Rejected", Map.of("Reason", "FailedCall"));
                }
                decide(decisions, new Decision.Skipped(delivery, skip));
                yield new Done(Set.of());
            }
            case Intent.Reconcile reconcile -> reconcile(delivery, reconcile, decisions);
        };
    }

    private Step reconcile(Delivery delivery, Intent.Reconcile reconcile, List<Decision> decisions) {
        long start = System.nanoTime();
        Reconciler.Result result;
        try {
            result = reconciler.reconcile(reconcile.service(), delivery.receiveCount() > 1, reconcile.apiIds());
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(AwsFailures.describe(e));
            metrics.count("ReconcileFailed");
            metrics.count("ReconcileFailed", Map.of("Reason", failure.reason()));
            decide(decisions, new Decision.Failed(delivery, reconcile, failure));
            return switch (failure) {
                case Failure.Retryable retryable -> new GiveBack(retryable);
                case Failure.Permanent permanent -> park(delivery, permanent, decisions);
            };
        }
        double millis = (System.nanoTime() - start) / 1e6;
        metrics.add("ReconcileDuration", millis, Metrics.Unit.Milliseconds, Map.of());
        count(result.plan());
        decide(decisions, new Decision.Reconciled(delivery, reconcile, result, millis));
        return new Done(result.deployments());
    }

    private void decide(List<Decision> decisions, Decision decision) {
        decisions.add(decision);
        log.write(decision);
    }

    /** Consumes a message that can never succeed; without a place to park it, it is given back instead. */
    private Step park(Delivery delivery, Failure.Permanent failure, List<Decision> decisions) {
        if (dryRun) {
            decide(decisions, new Decision.Parked(delivery, failure, "nowhere: dry run"));
            return new Done(Set.of());
        }
        if (!queue.canPark()) {
            decide(decisions, new Decision.NotParked(delivery, failure, "DEAD_LETTER_QUEUE_URL is not set"));
            return new GiveBack(failure);
        }
        try {
            queue.park(delivery, failure.reason(), failure.detail());
        } catch (RuntimeException e) {
            decide(decisions, new Decision.NotParked(delivery, failure, e.toString()));
            return new GiveBack(new Failure.Retryable("ParkingFailed", e.toString()));
        }
        metrics.count("Parked");
        metrics.count("Parked", Map.of("Reason", failure.reason()));
        decide(decisions, new Decision.Parked(delivery, failure, "dead-letter queue"));
        return new Done(Set.of());
    }

    private void count(Plan plan) {
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
}
