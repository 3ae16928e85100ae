package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.plan.FailedCall;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns what a reconcile threw into the plain facts the failure classification decides from. */
public final class AwsFailures {

    private AwsFailures() {
    }

    public static FailedCall describe(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return new FailedCall(FailedCall.Origin.SERVICE, code, service.statusCode(), service.isThrottlingException(),
                    message);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || e instanceof UncheckedIOException || causedByIo(e)) {
            return new FailedCall(FailedCall.Origin.NETWORK, null, 0, false, message);
        }
        if (e instanceof SdkClientException) {
            return new FailedCall(FailedCall.Origin.REQUEST, null, 0, false, message);
        }
        if (e instanceof IllegalStateException) {
            return new FailedCall(FailedCall.Origin.STALE_VIEW, null, 0, false, message);
        }
        return new FailedCall(FailedCall.Origin.DEFECT, null, 0, false, e.getClass().getSimpleName() + ": " + message);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
