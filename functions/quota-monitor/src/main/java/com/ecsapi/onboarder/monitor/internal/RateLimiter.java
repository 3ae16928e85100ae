package com.ecsapi.onboarder.monitor.internal;

import com.ecsapi.onboarder.aws.pacing.TokenBucket;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A blocking token bucket: {@link #acquire()} waits until a token is free. The monitor paces its own calls with
 * it so that it stays under AWS's control-plane rates (ELBv2 Describe*: bucket 40, 10/s, shared with every other
 * caller of the account) instead of running into throttling and retries. The bucket itself is the functions' shared
 * {@link TokenBucket}, which starts full at its first use, not at construction: a limiter built during a SnapStart
 * init reads no clock into the snapshot (a restored JVM's {@code System.nanoTime()} need not continue from it).
 */
public final class RateLimiter {

    /** Sleeps the given number of nanoseconds. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final TokenBucket bucket;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    private RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        this.bucket = new TokenBucket(permitsPerSecond, burst);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static RateLimiter of(double permitsPerSecond, int burst) {
        return new RateLimiter(permitsPerSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public static RateLimiter of(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        return new RateLimiter(permitsPerSecond, burst, nanoTime, sleeper);
    }

    /** Takes the next token, sleeping until it is due; callers queue behind each other's reservations. */
    public void acquire() {
        long waitNanos = bucket.reserve(nanoTime.getAsLong());
        if (waitNanos > 0) {
            try {
                sleeper.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing AWS calls", e);
            }
        }
    }
}
