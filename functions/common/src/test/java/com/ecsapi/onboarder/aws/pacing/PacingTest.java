package com.ecsapi.onboarder.aws.pacing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pacing and the retry budget, driven as the SDK drives a retry strategy, on a clock the test moves by every
 * wait the strategy asks for (nothing is slept).
 */
class PacingTest {

    private static final AwsServiceException THROTTLED = AwsServiceException.builder().statusCode(429)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").build()).build();
    private static final AwsServiceException SERVER_ERROR = AwsServiceException.builder().statusCode(500)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").build()).build();

    private final AtomicLong clock = new AtomicLong();
    private final Pacing pacing = new Pacing(1, Duration.ofSeconds(30), Duration.ofSeconds(5), clock::get, () -> 1.0);
    private final RetryStrategy strategy = pacing.retryStrategy();

    /** The first attempt of a call of {@code limit}: the SDK waits for the returned delay, so the clock moves by it. */
    private AcquireInitialTokenResponse call(ControlPlaneLimit limit) {
        pacing.callStarting(limit);
        AcquireInitialTokenResponse response = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("GLOBAL"));
        clock.addAndGet(response.delay().toNanos());
        return response;
    }

    /** The attempt after {@code failure}: the retry's delay (the clock moves by it), or the SDK's give-up. */
    private RefreshRetryTokenResponse failed(RetryToken token, Throwable failure) {
        RefreshRetryTokenResponse response = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder()
                .token(token).failure(failure).build());
        clock.addAndGet(response.delay().toNanos());
        return response;
    }

    /** Fails every attempt of one call with {@code failure} until the strategy gives up; returns the attempts made. */
    private int failedUntilGivenUp(ControlPlaneLimit limit, AwsServiceException failure) {
        RetryToken token = call(limit).token();
        int attempts = 1;
        while (true) {
            try {
                token = failed(token, failure).token();
                attempts++;
            } catch (TokenAcquisitionFailedException givenUp) {
                assertSame(failure, givenUp.getCause());
                return attempts;
            }
        }
    }

    private int throttledUntilGivenUp(ControlPlaneLimit limit) {
        return failedUntilGivenUp(limit, THROTTLED);
    }

    /** An invocation that ends {@code seconds} from now on the test's clock. */
    private LongSupplier invocationOf(long seconds) {
        long end = clock.get() + Duration.ofSeconds(seconds).toNanos();
        return () -> (end - clock.get()) / 1_000_000;
    }

    private double seconds() {
        return clock.get() / 1e9;
    }

    @Test
    void aloneInTheAccountCallsPassAtFourFifthsOfAwssRateAfterFourFifthsOfItsBurst() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            waits.add(call(ControlPlaneLimit.API_GATEWAY_OTHER).delay());
        }

        assertEquals(Duration.ZERO, waits.get(31), "a burst of 32 of AWS's 40");
        assertEquals(Duration.ofMillis(125), waits.get(32), "then 8 per second of AWS's 10");
    }

    @Test
    void eachLimitHasItsOwnBucket() {
        assertEquals(Duration.ZERO, call(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT).delay());
        assertEquals(Duration.ZERO, call(ControlPlaneLimit.API_GATEWAY_CREATE_RESOURCE).delay());
        assertEquals(Duration.ofMillis(6250), call(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT).delay(),
                "1 per 5 s, at four fifths: 1 per 6.25 s");
        assertEquals(Duration.ZERO, call(null).delay(), "a call of no limit is not paced");
    }

    @Test
    void theBucketsStartOnTheirFirstCallSoASnapshotHoldsNoTime() {
        AtomicInteger clockReads = new AtomicInteger();
        Pacing fresh = new Pacing(1, Duration.ofSeconds(30), Duration.ofSeconds(5), () -> {
            clockReads.incrementAndGet();
            return clock.get();
        }, () -> 1.0);
        fresh.retryStrategy();
        fresh.interceptor();

        assertEquals(0, clockReads.get());
    }

    @Test
    void outsideAnInvocationAThrottledCallHasTheSdksThreeAttempts() {
        assertEquals(Pacing.ATTEMPTS_WITHOUT_DEADLINE, throttledUntilGivenUp(ControlPlaneLimit.API_GATEWAY_OTHER));
    }

    @Test
    void aThrottledForwardCallIsRetriedUntilTheCallersReserveIsAllThatIsLeft() {
        int attempts = pacing.within(invocationOf(120), () -> throttledUntilGivenUp(ControlPlaneLimit.API_GATEWAY_OTHER));

        assertTrue(attempts > 300, "retried for 90 s at most every 0.2 s: " + attempts);
        assertTrue(seconds() > 89.7 && seconds() <= 90, "gave up with 30 s left, after " + seconds() + " s");
    }

    @Test
    void rollBacksAndDeploymentsAreRetriedIntoThatReserve() {
        int attempts = pacing.within(invocationOf(120), () -> pacing.finishing(
                () -> throttledUntilGivenUp(ControlPlaneLimit.API_GATEWAY_DELETE_RESOURCE)));

        assertTrue(attempts > 250, "retried for 115 s at most every 0.4 s: " + attempts);
        assertTrue(seconds() > 114 && seconds() <= 115, "gave up with 5 s left, after " + seconds() + " s");
    }

    @Test
    void aThrottledCallWaitsForTheBackoffOrItsNextTokenWhicheverIsLater() {
        pacing.within(invocationOf(120), () -> {
            RetryToken token = call(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT).token();
            assertEquals(Duration.ofMillis(6250), failed(token, THROTTLED).delay(),
                    "the local bucket is emptied: the next token of 1 per 6.25 s");
            token = call(ControlPlaneLimit.API_GATEWAY_OTHER).token();
            assertEquals(Duration.ofMillis(125), failed(token, THROTTLED).delay(), "the bucket's next token (8/s)");
            return null;
        });
    }

    @Test
    void aThrottleEmptiesTheBurstSoTheNextCallsOfThatLimitArePaced() {
        pacing.within(invocationOf(120), () -> failed(call(ControlPlaneLimit.API_GATEWAY_OTHER).token(), THROTTLED));

        assertEquals(Duration.ofMillis(125), call(ControlPlaneLimit.API_GATEWAY_OTHER).delay(),
                "no burst left after the account's bucket was found empty");
        assertEquals(Duration.ZERO, call(ControlPlaneLimit.ELB_DESCRIBE).delay(), "another limit keeps its burst");
    }

    @Test
    void otherFailuresHaveTheStandardThreeAttemptsEvenWithTimeLeft() {
        int attempts = pacing.within(invocationOf(120), () -> failedUntilGivenUp(ControlPlaneLimit.ELB_WRITE,
                SERVER_ERROR));

        assertEquals(3, attempts);
    }

    @Test
    void theBackoffStartsAtATokenIntervalOfAwssRateAndDoublesToTwice() {
        assertEquals(Duration.ofMillis(100), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_OTHER, 1, 1.0, 1));
        assertEquals(Duration.ofMillis(200), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_OTHER, 5, 1.0, 1));
        assertEquals(Duration.ofMillis(200), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_CREATE_RESOURCE, 1, 1.0, 1));
        assertEquals(Duration.ofMillis(400), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_CREATE_RESOURCE, 2, 1.0, 1));
        assertEquals(Duration.ofMillis(400), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_CREATE_RESOURCE, 9, 1.0, 1));
        assertEquals(Duration.ofMillis(200), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT, 1, 1.0, 1),
                "at most 0.2 s first");
        assertEquals(Duration.ofSeconds(1), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT, 40, 1.0, 1),
                "at most 1 s");
        assertEquals(Duration.ofMillis(50), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_OTHER, 1, 0.0, 1), "jitter");
        assertEquals(Duration.ofMillis(10), Pacing.backoff(ControlPlaneLimit.API_GATEWAY_OTHER, 1, 1.0, 10), "scaled");
    }

    @Test
    void aScaledPacingRunsItsClockFaster() {
        Pacing scaled = new Pacing(10, Duration.ofSeconds(30), Duration.ofSeconds(5), clock::get, () -> 1.0);
        RetryStrategy paced = scaled.retryStrategy();
        Duration second = Duration.ZERO;
        for (int i = 0; i < 2; i++) {
            scaled.callStarting(ControlPlaneLimit.API_GATEWAY_CREATE_DEPLOYMENT);
            second = paced.acquireInitialToken(AcquireInitialTokenRequest.create("GLOBAL")).delay();
        }

        assertEquals(Duration.ofMillis(625), second);
    }
}
