package com.ecsapi.onboarder.onboarding.plan;

/**
 * How long a message given back to the queue stays invisible: {@code baseSeconds} after its first delivery,
 * doubling with each further one, at most {@code maxSeconds}. Short enough that a transient fault costs
 * seconds, growing so that the queue's maxReceiveCount (5) spans minutes of an outage, not seconds.
 */
public record RetryDelay(int baseSeconds, int maxSeconds) {

    /** SQS's own limit on a visibility timeout. */
    public static final int SQS_MAX_SECONDS = 43_200;

    public RetryDelay {
        if (baseSeconds < 0 || maxSeconds < baseSeconds || maxSeconds > SQS_MAX_SECONDS) {
            throw new IllegalArgumentException("retry delay needs 0 <= base (" + baseSeconds + ") <= max ("
                    + maxSeconds + ") <= " + SQS_MAX_SECONDS);
        }
    }

    public int seconds(int receiveCount) {
        int doublings = Math.max(0, Math.min(receiveCount, 31) - 1);
        long delay = (long) baseSeconds << Math.min(doublings, 20);
        return (int) Math.min(maxSeconds, delay);
    }
}
