package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue.Delivery;
import com.ecsapi.onboarder.onboarding.event.Intent;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import com.ecsapi.onboarder.onboarding.plan.Plan;

/**
 * What a batch did with one message, in the order it happened: the {@link DecisionLog} writes each as one line,
 * the {@link BatchProcessor} returns them all. A message whose reconcile fails for good has two: failed, parked.
 */
sealed interface Decision {

    Delivery delivery();

    /** The message asks for nothing (another event type, a failed call, ...). */
    record Skipped(Delivery delivery, Intent.Skip skip) implements Decision {
    }

    /** The service was reconciled (or, in a dry run, planned) in {@code millis}. */
    record Reconciled(Delivery delivery, Intent.Reconcile reconcile, Reconciler.Result result, double millis)
            implements Decision {

        Plan plan() {
            return result.plan();
        }
    }

    /** The reconcile threw; a retryable failure is given back, a permanent one parked. */
    record Failed(Delivery delivery, Intent.Reconcile reconcile, Failure failure) implements Decision {
    }

    /** The message can never succeed and was consumed: parked {@code where}. */
    record Parked(Delivery delivery, Failure.Permanent failure, String where) implements Decision {
    }

    /** The message can never succeed but could not be parked ({@code why}): it is given back instead. */
    record NotParked(Delivery delivery, Failure.Permanent failure, String why) implements Decision {
    }
}
