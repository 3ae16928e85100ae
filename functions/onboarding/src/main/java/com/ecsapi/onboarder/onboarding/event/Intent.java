package com.ecsapi.onboarder.onboarding.event;

/** What one queue message asks for. */
public sealed interface Intent {

    /**
     * Reconcile one service; {@code trigger} says why (event name), for the logs; {@code apiIds}: APIs the sender
     * saw the service own objects in (the sweep's hint, so a service gone from ECS is cleaned up everywhere).
     */
    record Reconcile(ServiceRef service, String trigger, java.util.List<String> apiIds) implements Intent {

        public Reconcile {
            apiIds = java.util.List.copyOf(apiIds);
        }

        public Reconcile(ServiceRef service, String trigger) {
            this(service, trigger, java.util.List.of());
        }
    }

    /** Take the next step of draining the cordoned pool NLB {@code nlbArn} (an operator's or the previous step's). */
    record Drain(String nlbArn) implements Intent {
    }

    /** Nothing to do, on purpose: a failed CloudTrail call, an event about something else than a service. */
    record Skip(String reason, String detail) implements Intent {
    }

    /** The message cannot be understood: it goes back to the queue and, after the retries, to the DLQ. */
    record Malformed(String detail) implements Intent {
    }
}
