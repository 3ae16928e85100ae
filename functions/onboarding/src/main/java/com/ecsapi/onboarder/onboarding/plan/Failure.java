package com.ecsapi.onboarder.onboarding.plan;

import java.util.Set;

/**
 * Whether a message that could not be handled can succeed on a later delivery. In a FIFO queue with one message
 * group a failed message holds back every later one, so only what can succeed on retry is given back to the
 * queue; what never can is parked for an operator.
 */
public sealed interface Failure {

    String reason();

    String detail();

    /** Throttling, a 5xx, a timeout, a conflict with another writer: the next delivery may succeed. */
    record Retryable(String reason, String detail) implements Failure {
    }

    /** Malformed or empty message, a validation error, AccessDenied: every delivery fails the same way. */
    record Permanent(String reason, String detail) implements Failure {
    }

    /** 4xx codes that say AWS was busy or another writer got there first, not that the request is wrong. */
    Set<String> RETRYABLE_CLIENT_ERRORS = Set.of("ConflictException", "DuplicateListener",
            "DuplicateTargetGroupName", "TooManyListeners", "ResourceInUse", "ResourceInUseException",
            "NotFoundException", "ListenerNotFound", "TargetGroupNotFound", "PriorRequestNotComplete",
            "RequestTimeout", "RequestTimeoutException", "ServiceUnavailable", "ServiceUnavailableException",
            "ConcurrentModification", "ConcurrentModificationException", "OperationAborted");

    static Failure classify(FailedCall call) {
        String detail = call.message();
        return switch (call.origin()) {
            case NETWORK -> new Retryable("Unreachable", detail);
            case STALE_VIEW -> new Retryable("StaleView", detail);
            case REQUEST -> new Permanent("InvalidRequest", detail);
            case DEFECT -> new Permanent("Defect", detail);
            case SERVICE -> service(call, detail);
        };
    }

    private static Failure service(FailedCall call, String detail) {
        String code = call.errorCode() == null || call.errorCode().isBlank() ? "HTTP" + call.statusCode() : call.errorCode();
        if (call.throttling() || call.statusCode() == 429) {
            return new Retryable("Throttling", code + ": " + detail);
        }
        if (call.statusCode() >= 500) {
            return new Retryable("ServerError", code + ": " + detail);
        }
        if (call.statusCode() == 409 || RETRYABLE_CLIENT_ERRORS.contains(code)) {
            return new Retryable(code, detail);
        }
        if (call.statusCode() == 401 || call.statusCode() == 403 || code.contains("AccessDenied")
                || code.contains("Unauthorized")) {
            return new Permanent("AccessDenied", code + ": " + detail);
        }
        return new Permanent("ClientError", code + ": " + detail);
    }
}
