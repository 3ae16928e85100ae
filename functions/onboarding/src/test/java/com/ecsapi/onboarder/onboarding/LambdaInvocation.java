package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Duration;
import java.util.Iterator;
import java.util.function.IntSupplier;

/** Lambda's context, as far as the handler reads it: the time the invocation has left. */
final class LambdaInvocation implements Context {

    private final IntSupplier remainingMillis;

    private LambdaInvocation(IntSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** An invocation that times out {@code timeout} after now. */
    static LambdaInvocation timingOut(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        return new LambdaInvocation(() -> (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }

    /** An invocation whose remaining time is the next of {@code millis} each time it is asked. */
    static LambdaInvocation remaining(Iterator<Integer> millis) {
        return new LambdaInvocation(millis::next);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public String getAwsRequestId() {
        return "request";
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getFunctionName() {
        return "OnboardingFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
