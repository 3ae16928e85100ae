package com.ecsapi.onboarder.onboarding.plan;

/**
 * What went wrong while handling one message, as plain facts: where the error came from, AWS's error code and
 * HTTP status when AWS answered, and whether the SDK took it for throttling.
 */
public record FailedCall(Origin origin, String errorCode, int statusCode, boolean throttling, String message) {

    public enum Origin {
        /** AWS answered with an error. */
        SERVICE,
        /** No answer: connection refused or reset, timed out. */
        NETWORK,
        /** The SDK refused to build or send the request. */
        REQUEST,
        /** The batch's view of AWS no longer matched AWS (an object it expected was gone). */
        STALE_VIEW,
        /** Any other exception: a defect, the same on every delivery. */
        DEFECT
    }
}
