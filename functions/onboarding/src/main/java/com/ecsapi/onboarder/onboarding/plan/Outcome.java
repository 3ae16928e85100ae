package com.ecsapi.onboarder.onboarding.plan;

/** The decision for one service. */
public enum Outcome {
    /** Objects were (or, in a dry run, would be) created or fixed so the service is reachable. */
    Onboarded,
    /** The service's objects were removed. */
    Deregistered,
    /** Desired and actual state agree. */
    Unchanged,
    /** The service asks for something that cannot be given; nothing changed. */
    Rejected,
    /** Waiting for AWS (a VPC link being created); a later reconcile finishes it. */
    Pending,
    /** Not a service to onboard, and it owns nothing. */
    Skipped
}
