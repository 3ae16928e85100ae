package com.ecsapi.onboarder.onboarding.event;

/** What one queue message asks for. */
public sealed interface Intent {

    /** Reconcile one service; {@code trigger} says why (event name), for the logs. */
    record Reconcile(ServiceRef service, String trigger) implements Intent {
    }

    /** Nothing to do, on purpose: a failed CloudTrail call, an event about something else than a service. */
    record Skip(String reason, String detail) implements Intent {
    }

    /** The message cannot be understood: it goes back to the queue and, after the retries, to the DLQ. */
    record Malformed(String detail) implements Intent {
    }
}
