package com.ecsapi.onboarder.local.invoker;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.util.Map;

/** The {@link Context} of a local invocation, from the {@code AWS_LAMBDA_*} variables the runner sets. */
final class LocalContext implements Context {

    private final String requestId;
    private final String functionName;
    private final String functionVersion;
    private final String logGroupName;
    private final String logStreamName;
    private final String invokedFunctionArn;
    private final int memoryLimitMb;
    private final long deadlineMillis;
    private final LambdaLogger logger = new LocalLogger();

    private LocalContext(String requestId, String functionName, String functionVersion, String logGroupName,
                         String logStreamName, String invokedFunctionArn, int memoryLimitMb, long deadlineMillis) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionVersion = functionVersion;
        this.logGroupName = logGroupName;
        this.logStreamName = logStreamName;
        this.invokedFunctionArn = invokedFunctionArn;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineMillis = deadlineMillis;
    }

    /** The deadline counts from now: the timeout starts when the invocation does. */
    static LocalContext fromEnvironment(String requestId, Map<String, String> environment) {
        String functionName = environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "function");
        String region = environment.getOrDefault("AWS_REGION", "us-east-1");
        int timeoutSeconds = Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_TIMEOUT", "3"));
        return new LocalContext(
                requestId,
                functionName,
                environment.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                environment.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName),
                environment.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST"),
                "arn:aws:lambda:" + region + ":123456789012:function:" + functionName,
                Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")),
                System.currentTimeMillis() + timeoutSeconds * 1000L);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
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
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
