package com.ecsapi.onboarder.aws.pacing;

/**
 * A token bucket that hands out reservations: {@link #reserve} takes the next token and says how long to wait until
 * it is due, so callers queue behind each other instead of polling. The caller passes the time (pure, testable).
 * It fills up on its first use, not at construction: a SnapStart snapshot of a function must hold no time.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long updatedNanos;
    private boolean started;

    public TokenBucket(double perSecond, double capacity) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for a token, got "
                    + perSecond + "/s and " + capacity);
        }
        this.perSecond = perSecond;
        this.capacity = capacity;
    }

    /** Takes the next token; returns the nanoseconds until it is due (0: now). */
    public synchronized long reserve(long nowNanos) {
        refill(nowNanos);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
    }

    /** The bucket this one mirrors was found empty (a throttled call): nothing is left to spend here either. */
    public synchronized void emptied(long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(tokens, 0);
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            tokens = capacity;
            updatedNanos = nowNanos;
        } else {
            // a clock behind the last reading (a JVM restored from a snapshot taken after a call) adds nothing
            tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - updatedNanos) / 1e9 * perSecond);
            updatedNanos = nowNanos;
        }
    }
}
