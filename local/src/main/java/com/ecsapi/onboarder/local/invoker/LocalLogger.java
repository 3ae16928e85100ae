package com.ecsapi.onboarder.local.invoker;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/** Writes the function's log lines to stderr, where {@code sam local invoke} shows them. */
final class LocalLogger implements LambdaLogger {

    @Override
    public void log(String message) {
        System.err.print(message);
        System.err.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
