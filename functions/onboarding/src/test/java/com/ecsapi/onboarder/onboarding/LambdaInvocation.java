package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.ecsapi.onboarder.lambda.InvocationContext;

import java.time.Duration;
import java.util.Iterator;

/** Lambda's context, as far as the handler reads it: the time the invocation has left. */
final class LambdaInvocation {

    private LambdaInvocation() {
    }

    /** An invocation that times out {@code timeout} after now. */
    static Context timingOut(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        return InvocationContext.of("request",
                () -> (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }

    /** An invocation whose remaining time is the next of {@code millis} each time it is asked. */
    static Context remaining(Iterator<Integer> millis) {
        return InvocationContext.of("request", millis::next);
    }
}
