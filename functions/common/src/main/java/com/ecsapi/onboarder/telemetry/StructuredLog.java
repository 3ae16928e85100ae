package com.ecsapi.onboarder.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import com.ecsapi.onboarder.json.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs as is. Each line carries the
 * {@code requestId} of the invocation its thread serves (see {@link #startRequest(Context)}), so a search for the
 * request id in the Lambda report line finds every line of that invocation.
 */
public final class StructuredLog {

    public enum Level { INFO, WARN, ERROR }

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private final String logger;
    private final PrintStream out;
    private final Clock clock;

    private StructuredLog(String logger, PrintStream out, Clock clock) {
        this.logger = logger;
        this.out = out;
        this.clock = clock;
    }

    public static StructuredLog of(Class<?> owner) {
        return new StructuredLog(owner.getSimpleName(), System.out, Clock.systemUTC());
    }

    public static StructuredLog of(Class<?> owner, PrintStream out, Clock clock) {
        return new StructuredLog(owner.getSimpleName(), out, clock);
    }

    /** Every line this thread writes from now on names this invocation's request id (none without a context). */
    public static void startRequest(Context context) {
        if (context == null || context.getAwsRequestId() == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(context.getAwsRequestId());
        }
    }

    /** The request id of the invocation this thread serves, as its log lines name it. */
    public static Optional<String> requestId() {
        return Optional.ofNullable(REQUEST_ID.get());
    }

    public void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write(Level.ERROR, message, fields);
    }

    private void write(Level level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        line.putAll(fields);
        out.println(Json.write(line));
    }
}
