package com.ecsapi.onboarder.onboarding.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class FailureTest {

    private static Failure service(String code, int status) {
        return Failure.classify(new FailedCall(FailedCall.Origin.SERVICE, code, status, false, "message"));
    }

    @Test
    void whatCanSucceedOnRetryIsRetryable() {
        assertEquals("Throttling", assertInstanceOf(Failure.Retryable.class, Failure.classify(
                new FailedCall(FailedCall.Origin.SERVICE, "Throttling", 400, true, "Rate exceeded"))).reason());
        assertEquals("Throttling", assertInstanceOf(Failure.Retryable.class, service("LimitExceededException", 429)).reason());
        assertEquals("ServerError", assertInstanceOf(Failure.Retryable.class, service("InternalFailure", 500)).reason());
        assertEquals("ServerError", assertInstanceOf(Failure.Retryable.class, service("ServiceUnavailable", 503)).reason());
        assertEquals("ConflictException", assertInstanceOf(Failure.Retryable.class, service("ConflictException", 409)).reason());
        assertInstanceOf(Failure.Retryable.class, service("DuplicateListener", 400));
        assertInstanceOf(Failure.Retryable.class, service("ResourceInUse", 400));
        assertInstanceOf(Failure.Retryable.class, service("NotFoundException", 404));
        assertEquals("Unreachable", assertInstanceOf(Failure.Retryable.class, Failure.classify(
                new FailedCall(FailedCall.Origin.NETWORK, null, 0, false, "connection reset"))).reason());
        assertEquals("StaleView", assertInstanceOf(Failure.Retryable.class, Failure.classify(
                new FailedCall(FailedCall.Origin.STALE_VIEW, null, 0, false, "parent /a of /a/b is missing"))).reason());
    }

    @Test
    void whatFailsTheSameWayOnEveryDeliveryIsPermanent() {
        assertEquals("AccessDenied", assertInstanceOf(Failure.Permanent.class, service("AccessDeniedException", 403)).reason());
        assertEquals("AccessDenied", assertInstanceOf(Failure.Permanent.class, service("AccessDenied", 400)).reason());
        assertEquals("AccessDenied", assertInstanceOf(Failure.Permanent.class, service("UnauthorizedOperation", 400)).reason());
        assertEquals("ClientError", assertInstanceOf(Failure.Permanent.class, service("BadRequestException", 400)).reason());
        assertEquals("ClientError", assertInstanceOf(Failure.Permanent.class, service("ValidationError", 400)).reason());
        assertEquals("ClientError", assertInstanceOf(Failure.Permanent.class, service(null, 400)).reason());
        assertEquals("InvalidRequest", assertInstanceOf(Failure.Permanent.class, Failure.classify(
                new FailedCall(FailedCall.Origin.REQUEST, null, 0, false, "cannot marshall"))).reason());
        assertEquals("Defect", assertInstanceOf(Failure.Permanent.class, Failure.classify(
                new FailedCall(FailedCall.Origin.DEFECT, null, 0, false, "NullPointerException"))).reason());
    }
}
