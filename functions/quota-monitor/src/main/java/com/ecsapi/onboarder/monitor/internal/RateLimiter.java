package com.ecsapi.onboarder.monitor.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A blocking token bucket: {@link #acquire()} waits until a token is free. The monitor paces its own calls with
 * it so that it stays under AWS's control-plane rates (ELBv2 Describe*: bucket 40, 10/s, shared with every other
 * caller of the account) instead of running into throttling and retries.
 *
 * <p>The bucket starts full at the first {@link #acquire()}, not at construction: a limiter built during a SnapStart
 * init reads no clock into the snapshot (a restored JVM's {@code System.nanoTime()} need not continue from it).
 */
public final class RateLimiter {

    /** Sleeps the given number of nanoseconds. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double permitsPerSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long updated;
    private boolean started;

    private RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = burst;
    }

    public static RateLimiter of(double permitsPerSecond, int burst) {
        return new RateLimiter(permitsPerSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public static RateLimiter of(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        return new RateLimiter(permitsPerSecond, burst, nanoTime, sleeper);
    }

    public synchronized void acquire() {
        refill();
        while (tokens < 1) {
            long waitNanos = (long) Math.ceil((1 - tokens) / permitsPerSecond * 1e9);
            try {
                sleeper.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing AWS calls", e);
            }
            refill();
        }
        tokens -= 1;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        if (!started) {
            started = true;
            updated = now;
        }
        tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * permitsPerSecond);
        updated = now;
    }
}
