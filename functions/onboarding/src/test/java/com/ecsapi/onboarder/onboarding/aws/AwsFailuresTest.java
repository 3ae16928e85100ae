package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.plan.FailedCall;
import com.ecsapi.onboarder.onboarding.plan.Failure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the SDK throws, as the failure classification sees it. */
class AwsFailuresTest {

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("message").build();
    }

    @Test
    void anAwsAnswerCarriesItsCodeStatusAndWhetherItIsThrottling() {
        FailedCall throttled = AwsFailures.describe((RuntimeException) TooManyRequestsException.builder().statusCode(429)
                .awsErrorDetails(details("TooManyRequestsException")).message("Too Many Requests").build());
        assertEquals(FailedCall.Origin.SERVICE, throttled.origin());
        assertEquals(429, throttled.statusCode());
        assertEquals("Throttling", assertInstanceOf(Failure.Retryable.class, Failure.classify(throttled)).reason());

        FailedCall denied = AwsFailures.describe((RuntimeException) AccessDeniedException.builder().statusCode(400)
                .awsErrorDetails(details("AccessDeniedException")).message("not authorized").build());
        assertEquals("AccessDenied", assertInstanceOf(Failure.Permanent.class, Failure.classify(denied)).reason());

        FailedCall invalid = AwsFailures.describe((RuntimeException) BadRequestException.builder().statusCode(400)
                .awsErrorDetails(details("BadRequestException")).message("Invalid VPC link").build());
        assertEquals("ClientError", assertInstanceOf(Failure.Permanent.class, Failure.classify(invalid)).reason());

        FailedCall taken = AwsFailures.describe((RuntimeException) DuplicateListenerException.builder().statusCode(400)
                .awsErrorDetails(details("DuplicateListener")).message("port taken").build());
        assertInstanceOf(Failure.Retryable.class, Failure.classify(taken));
    }

    @Test
    void noAnswerIsRetryableAndARequestTheSdkCannotBuildIsNot() {
        assertEquals(FailedCall.Origin.NETWORK, AwsFailures.describe(ApiCallTimeoutException.create(1000)).origin());
        assertEquals(FailedCall.Origin.NETWORK, AwsFailures.describe(SdkClientException.builder()
                .message("Unable to execute HTTP request").cause(new IOException("Connection reset")).build()).origin());
        assertEquals(FailedCall.Origin.REQUEST, AwsFailures.describe(SdkClientException.builder()
                .message("Unable to marshall request").build()).origin());
    }

    @Test
    void aStaleViewIsRetryableAndAnyOtherExceptionIsADefect() {
        assertEquals("StaleView", assertInstanceOf(Failure.Retryable.class, Failure.classify(AwsFailures.describe(
                new IllegalStateException("parent /a of /a/b is missing")))).reason());
        FailedCall defect = AwsFailures.describe(new NullPointerException("x"));
        assertEquals(FailedCall.Origin.DEFECT, defect.origin());
        assertEquals("NullPointerException: x", defect.message());
    }
}
