package com.ecsapi.onboarder.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.util.function.IntSupplier;

/**
 * The Lambda context of an invocation the code makes itself (SnapStart priming, tests), as far as the handlers read
 * it: a request id and the time the invocation has left. Its logger discards.
 */
public final class InvocationContext implements Context, LambdaLogger {

    private final String requestId;
    private final IntSupplier remainingMillis;

    private InvocationContext(String requestId, IntSupplier remainingMillis) {
        this.requestId = requestId;
        this.remainingMillis = remainingMillis;
    }

    /** {@code remainingMillis} is asked each time the handler asks for the time left. */
    public static InvocationContext of(String requestId, IntSupplier remainingMillis) {
        return new InvocationContext(requestId, remainingMillis);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
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
        return null;
    }

    @Override
    public String getFunctionVersion() {
        return null;
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
        return this;
    }

    @Override
    public void log(String message) {
    }

    @Override
    public void log(byte[] message) {
    }
}
