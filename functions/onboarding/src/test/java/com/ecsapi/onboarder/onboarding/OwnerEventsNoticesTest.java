package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue.Delivery;
import com.ecsapi.onboarder.onboarding.event.Intent;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures are told to the owning team, and as what (refusals: {@code OwnerEventsTest}). */
class OwnerEventsNoticesTest {

    private static final int MAX_RECEIVE_COUNT = 5;
    private static final ServiceRef ORDERS = new ServiceRef("arn:aws:ecs:us-east-1:123456789012:service/apps/orders",
            "apps");

    private static Delivery delivery(String id, int receiveCount) {
        return new Delivery(id, "{}", null, receiveCount, "ecs-services");
    }

    private static Decision.Failed failed(Delivery delivery, Failure failure) {
        return new Decision.Failed(delivery, new Intent.Reconcile(ORDERS, "CreateService", List.of()), failure);
    }

    private static List<String> outcomes(Decision... decisions) {
        return OwnerEvents.notices(List.of(decisions), MAX_RECEIVE_COUNT).stream().map(OwnerEvents.Notice::outcome).toList();
    }

    @Test
    void aPermanentFailureIsToldAsParkedOrAsGivenBackWhenItCouldNotBeParked() {
        Failure.Permanent denied = new Failure.Permanent("AccessDenied", "403");
        Delivery first = delivery("m1", 1);
        Delivery second = delivery("m2", 1);

        assertEquals(List.of("Parked", "GivenBack"), outcomes(
                failed(first, denied), new Decision.Parked(first, denied, "dead-letter queue"),
                failed(second, denied), new Decision.NotParked(second, denied, "DEAD_LETTER_QUEUE_URL is not set")));
    }

    @Test
    void aRetryableFailureIsToldOnlyOnTheDeliveryAfterWhichSqsDeadLettersIt() {
        Failure.Retryable throttled = new Failure.Retryable("Throttling", "429");

        assertEquals(List.of(), outcomes(failed(delivery("m1", MAX_RECEIVE_COUNT - 1), throttled)));
        assertEquals(List.of("DeadLettered"), outcomes(failed(delivery("m1", MAX_RECEIVE_COUNT), throttled)));
    }

    @Test
    void aParkedMessageThatNamesNoServiceIsToldToNobody() {
        Failure.Permanent malformed = new Failure.Permanent("MalformedEvent", "unreadable");

        assertEquals(List.of(), outcomes(new Decision.Parked(delivery("m1", 1), malformed, "dead-letter queue")));
    }
}
