package com.ecsapi.onboarder.aws.pacing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Paces a function's control-plane calls and decides how long a throttled one is retried.
 *
 * <ul>
 *   <li>Every attempt of a call takes a token from the function's own bucket of the call's {@link ControlPlaneLimit}:
 *   {@value #SHARE} of AWS's rate and burst, so that a function alone in the account never drains it and others
 *   keep headroom.</li>
 *   <li>A throttled attempt (the account's bucket is empty: others use it too) empties the function's bucket and is
 *   retried after a short backoff (a token interval of AWS's rate, doubled per throttle up to twice that, at most
 *   0.2 s and 1 s; jittered), for as long as the invocation's remaining time allows, not a fixed number of
 *   attempts: forward steps until {@code forwardReserve} is left (the time the caller keeps for finishing the
 *   batch), roll-backs and deployments ({@link #finishing}) until {@code finishingReserve}. Outside an invocation
 *   (no remaining time known) a call has the SDK's 3 attempts.</li>
 *   <li>Any other failure is the SDK standard strategy's business (3 attempts for 5xx, timeouts, ...).</li>
 * </ul>
 *
 * {@code rateScale} multiplies every rate and divides every delay (1: AWS's; tests run the clock faster).
 */
public final class Pacing {

    public static final double SHARE = 0.8;
    static final int ATTEMPTS_WITHOUT_DEADLINE = 3;

    private final Map<ControlPlaneLimit, TokenBucket> buckets = new EnumMap<>(ControlPlaneLimit.class);
    private final double rateScale;
    private final long forwardReserveMillis;
    private final long finishingReserveMillis;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final ThreadLocal<ControlPlaneLimit> callInProgress = new ThreadLocal<>();
    private final ThreadLocal<Boolean> finishingWork = ThreadLocal.withInitial(() -> false);
    private volatile LongSupplier remainingMillis;

    public Pacing(double rateScale, Duration forwardReserve, Duration finishingReserve, LongSupplier nanoTime,
                  DoubleSupplier random) {
        if (rateScale <= 0) {
            throw new IllegalArgumentException("the rate scale must be positive, got " + rateScale);
        }
        this.rateScale = rateScale;
        this.forwardReserveMillis = forwardReserve.toMillis();
        this.finishingReserveMillis = finishingReserve.toMillis();
        this.nanoTime = nanoTime;
        this.random = random;
        for (ControlPlaneLimit limit : ControlPlaneLimit.values()) {
            buckets.put(limit, new TokenBucket(limit.perSecond() * SHARE * rateScale,
                    Math.max(1, Math.floor(limit.burst() * SHARE))));
        }
    }

    /** On the system clock; buckets start on their first call. */
    public static Pacing of(double rateScale, Duration forwardReserve, Duration finishingReserve) {
        return new Pacing(rateScale, forwardReserve, finishingReserve, System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Runs one invocation's work: throttled calls are retried while {@code remainingMillis} allows. */
    public <T> T within(LongSupplier remainingMillis, Supplier<T> work) {
        this.remainingMillis = remainingMillis;
        try {
            return work.get();
        } finally {
            this.remainingMillis = null;
        }
    }

    /** Runs work that undoes or completes what was done (roll-backs, deployments): retried into the forward reserve. */
    public <T> T finishing(Supplier<T> work) {
        boolean outer = finishingWork.get();
        finishingWork.set(true);
        try {
            return work.get();
        } finally {
            finishingWork.set(outer);
        }
    }

    public void finishing(Runnable work) {
        finishing(() -> {
            work.run();
            return null;
        });
    }

    /** For the clients' retry strategy: every attempt of a paced call goes through it. */
    public RetryStrategy retryStrategy() {
        return new PacedRetryStrategy(this);
    }

    /** For the clients' interceptors: tells the retry strategy which limit the call in progress takes from. */
    public ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                callStarting(ControlPlaneLimit.of(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).orElse(null));
            }
        };
    }

    /** The call this thread starts takes from {@code limit} (null: from none). */
    void callStarting(ControlPlaneLimit limit) {
        callInProgress.set(limit);
    }

    ControlPlaneLimit callInProgress() {
        return callInProgress.get();
    }

    /** The wait before an attempt of a call of {@code limit} (none: unlimited): until its token is due. */
    Duration beforeAttempt(ControlPlaneLimit limit) {
        return limit == null ? Duration.ZERO : Duration.ofNanos(buckets.get(limit).reserve(nanoTime.getAsLong()));
    }

    /** The wait before retrying a call throttled {@code throttles} times in a row; none when its budget is spent. */
    Optional<Duration> afterThrottling(ControlPlaneLimit limit, int throttles) {
        Duration backoff = backoff(limit, throttles, random.getAsDouble(), rateScale);
        LongSupplier remaining = remainingMillis;
        boolean withinBudget = remaining == null ? throttles < ATTEMPTS_WITHOUT_DEADLINE
                : remaining.getAsLong() - (finishingWork.get() ? finishingReserveMillis : forwardReserveMillis)
                        > backoff.toMillis();
        if (!withinBudget) {
            return Optional.empty();
        }
        if (limit == null) {
            return Optional.of(backoff);
        }
        buckets.get(limit).emptied(nanoTime.getAsLong());
        Duration paced = beforeAttempt(limit);
        return Optional.of(paced.compareTo(backoff) > 0 ? paced : backoff);
    }

    /**
     * A token interval of AWS's rate (at most 0.2 s), doubled per throttle in a row up to twice the interval (at most
     * 1 s), times a jitter of 0.5 to 1: short enough that a bucket holding a single token (1 per 5 s deployments) is
     * not left full for long, long enough not to hammer a bucket that refills 10 times a second.
     */
    static Duration backoff(ControlPlaneLimit limit, int throttles, double random, double rateScale) {
        double interval = limit == null ? 0.1 : 1 / limit.perSecond();
        double first = Math.min(interval, 0.2);
        double longest = Math.min(2 * interval, 1.0);
        double seconds = Math.min(longest, first * Math.pow(2, Math.min(throttles - 1, 10)));
        return Duration.ofNanos((long) (seconds * (0.5 + 0.5 * random) / rateScale * 1e9));
    }
}
