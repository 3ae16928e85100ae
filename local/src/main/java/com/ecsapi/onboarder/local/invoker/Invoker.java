package com.ecsapi.onboarder.local.invoker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in the child JVM, in the place of the Lambda Java runtime: loads the handler, deserializes the event into its
 * input type as the runtime does ({@link LambdaEventSerializers} for aws-lambda-java-events types, Jackson otherwise),
 * calls it once with a local {@link Context} and writes the serialized result to stdout. Everything the function
 * prints goes to stderr, as {@code sam local invoke} shows a function's logs. On failure it writes Lambda's error
 * document ({@code errorMessage}, {@code errorType}, {@code stackTrace}) to stdout and exits with 1.
 *
 * <p>Usage: {@code Invoker [--snapstart] [--invocations N] HANDLER EVENT_FILE}. The function's configuration comes
 * from the {@code AWS_LAMBDA_*} environment variables the runner sets. {@code --snapstart} runs the function's
 * {@code org.crac} hooks after its init, as Lambda does when it publishes a SnapStart version and restores it
 * ({@link com.ecsapi.onboarder.local.invoker.crac.Core}); {@code --invocations N} handles the event N times in this
 * JVM, one REPORT line each (the result on stdout is the last one's), {@code --pause-ms MILLIS} apart.
 */
public final class Invoker {

    public static final String REPORT_PREFIX = "REPORT RequestId: ";
    public static final String SNAPSTART_OPTION = "--snapstart";
    public static final String INVOCATIONS_OPTION = "--invocations";
    public static final String PAUSE_OPTION = "--pause-ms";
    public static final String HOOKS_PREFIX = "SNAPSTART hooks: ";
    /**
     * In the REPORT line (not in Lambda's): the handler method alone, without the runtime's reading of the event and
     * writing of the result, which a function's SnapStart priming cannot reach (they are the runtime's classes).
     */
    public static final String HANDLER_DURATION = "Handler Duration: ";
    private static final String USAGE =
            "Usage: Invoker [--snapstart] [--invocations N] [--pause-ms MILLIS] HANDLER EVENT_FILE";

    private Invoker() {
    }

    public static void main(String[] args) {
        PrintStream result = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean snapStart = arguments.remove(SNAPSTART_OPTION);
        int invocations = option(arguments, INVOCATIONS_OPTION, 1);
        int pauseMillis = option(arguments, PAUSE_OPTION, 0);
        if (arguments.size() != 2 || invocations < 1 || pauseMillis < 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (snapStart) {
            System.setProperty(com.ecsapi.onboarder.local.invoker.crac.Core.COMPAT_PROPERTY,
                    com.ecsapi.onboarder.local.invoker.crac.Core.class.getPackageName());
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long initStart = System.nanoTime();
        int exitCode;
        try {
            byte[] event = Files.readAllBytes(Path.of(arguments.get(1)));
            Handler handler = Handler.load(arguments.get(0));
            long initEnd = System.nanoTime();
            if (snapStart) {
                int resources = com.ecsapi.onboarder.local.invoker.crac.Core.checkpointRestore();
                System.err.printf("%s%d resources, beforeCheckpoint and afterRestore took %.2f ms%n", HOOKS_PREFIX,
                        resources, (System.nanoTime() - initEnd) / 1e6);
            }
            Invoked output = null;
            for (int invocation = 1; invocation <= invocations; invocation++) {
                if (invocation > 1) {
                    Thread.sleep(pauseMillis);
                }
                String requestId = UUID.randomUUID().toString();
                LocalContext context = LocalContext.fromEnvironment(requestId, System.getenv());
                System.err.println("START RequestId: " + requestId + " Version: " + context.getFunctionVersion());
                Thread watchdog = startTimeoutWatchdog(context, result);
                long invokeStart = System.nanoTime();
                output = handler.invoke(event, context);
                long handled = System.currentTimeMillis();
                long invokeEnd = System.nanoTime();
                watchdog.interrupt();
                System.err.printf("END RequestId: %s%n", requestId);
                if (invocation == 1) {
                    System.err.printf("%s%s\tDuration: %.2f ms\t%s%.2f ms\tInit Duration: %.2f ms\tMemory Size: %d "
                                    + "MB\tFresh JVM to first event handled: %d ms%n",
                            REPORT_PREFIX, requestId, (invokeEnd - invokeStart) / 1e6, HANDLER_DURATION,
                            output.handlerNanos() / 1e6, (initEnd - initStart) / 1e6, context.getMemoryLimitInMB(),
                            handled - jvmStart);
                } else {
                    System.err.printf("%s%s\tDuration: %.2f ms\t%s%.2f ms\tMemory Size: %d MB%n", REPORT_PREFIX,
                            requestId, (invokeEnd - invokeStart) / 1e6, HANDLER_DURATION, output.handlerNanos() / 1e6,
                            context.getMemoryLimitInMB());
                }
            }
            result.write(output.output());
            result.println();
            exitCode = 0;
        } catch (Throwable failure) {
            Throwable cause = unwrap(failure);
            System.err.println("The handler failed: " + cause);
            result.println(errorDocument(cause));
            exitCode = 1;
        }
        result.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    /** The value of {@code --name VALUE}, taken out of the arguments; -1 when it is no number. */
    private static int option(List<String> arguments, String name, int absent) {
        int at = arguments.indexOf(name);
        if (at < 0 || at + 1 >= arguments.size()) {
            return absent;
        }
        String value = arguments.get(at + 1);
        arguments.subList(at, at + 2).clear();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Ends the invocation as Lambda does when the handler runs past the function's Timeout; interrupting the thread
     * it returns calls it off.
     */
    private static Thread startTimeoutWatchdog(LocalContext context, PrintStream result) {
        int timeoutMillis = context.getRemainingTimeInMillis();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeoutMillis);
            } catch (InterruptedException e) {
                return;
            }
            // Lambda names the configured Timeout (whole seconds); the time left here is a few ms short of it
            String message = java.time.Instant.now() + " " + context.getAwsRequestId() + " Task timed out after "
                    + String.format(java.util.Locale.ROOT, "%.2f", (double) Math.round(timeoutMillis / 1000.0))
                    + " seconds";
            System.err.println(message);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorMessage", message);
            error.put("errorType", "Sandbox.Timedout");
            try {
                result.println(JacksonFactory.getInstance().getMapper().writeValueAsString(error));
            } catch (IOException e) {
                result.println("{\"errorMessage\":\"" + message + "\"}");
            }
            result.flush();
            Runtime.getRuntime().halt(1);
        }, "lambda-timeout");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof InvocationTargetException || current instanceof ExceptionInInitializerError)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Lambda's error response: {@code errorMessage}, {@code errorType}, {@code stackTrace}, then the causes. */
    static String errorDocument(Throwable error) {
        try {
            return JacksonFactory.getInstance().getMapper().writeValueAsString(errorFields(error));
        } catch (IOException e) {
            return "{\"errorMessage\":\"" + error.getClass().getName() + "\",\"errorType\":\""
                    + error.getClass().getName() + "\"}";
        }
    }

    private static Map<String, Object> errorFields(Throwable error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("errorMessage", error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        fields.put("errorType", error.getClass().getName());
        fields.put("stackTrace", Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList());
        if (error.getCause() != null && error.getCause() != error) {
            fields.put("cause", errorFields(error.getCause()));
        }
        return fields;
    }

    /** What one invocation gave, and how long the handler method itself took. */
    private record Invoked(byte[] output, long handlerNanos) {
    }

    /** A handler method with the serializers of its input and output types. */
    private record Handler(Object target, Method method, Shape shape, PojoSerializer<Object> input,
                           PojoSerializer<Object> output) {

        enum Shape { STREAM, STREAM_WITH_CONTEXT, POJO, POJO_WITH_CONTEXT, NO_INPUT, NO_INPUT_WITH_CONTEXT }

        static Handler load(String handler) throws ReflectiveOperationException {
            int separator = handler.indexOf("::");
            String className = separator < 0 ? handler : handler.substring(0, separator);
            String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type;
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                throw new ClassNotFoundException("Handler class " + className + " is not in the function's jar", e);
            }
            Method method = findMethod(type, methodName);
            Object target = Modifier.isStatic(method.getModifiers())
                    ? null : type.getDeclaredConstructor().newInstance();
            Type[] parameters = method.getGenericParameterTypes();
            Shape shape = shapeOf(method.getParameterTypes());
            Type inputType = parameters.length > 0 ? parameters[0] : Object.class;
            Type outputType = method.getGenericReturnType();
            if (methodName.equals("handleRequest") && RequestHandler.class.isAssignableFrom(type)) {
                Type[] declared = requestHandlerTypes(type);
                inputType = declared[0];
                outputType = declared[1];
            }
            boolean stream = shape == Shape.STREAM || shape == Shape.STREAM_WITH_CONTEXT;
            return new Handler(target, method, shape,
                    stream || shape == Shape.NO_INPUT || shape == Shape.NO_INPUT_WITH_CONTEXT
                            ? null : serializer(inputType, loader),
                    stream || outputType == void.class || outputType == Void.class ? null : serializer(outputType, loader));
        }

        Invoked invoke(byte[] event, Context context) throws ReflectiveOperationException {
            method.setAccessible(true);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            Object input = shape == Shape.POJO || shape == Shape.POJO_WITH_CONTEXT
                    ? this.input.fromJson(new ByteArrayInputStream(event)) : null;
            long start = System.nanoTime();
            Object returned = switch (shape) {
                case STREAM -> method.invoke(target, new ByteArrayInputStream(event), streamed);
                case STREAM_WITH_CONTEXT -> method.invoke(target, new ByteArrayInputStream(event), streamed, context);
                case POJO -> method.invoke(target, input);
                case POJO_WITH_CONTEXT -> method.invoke(target, input, context);
                case NO_INPUT -> method.invoke(target);
                case NO_INPUT_WITH_CONTEXT -> method.invoke(target, context);
            };
            long handlerNanos = System.nanoTime() - start;
            if (shape == Shape.STREAM || shape == Shape.STREAM_WITH_CONTEXT) {
                return new Invoked(streamed.toByteArray(), handlerNanos);
            }
            if (output == null || returned == null) {
                return new Invoked("null".getBytes(StandardCharsets.UTF_8), handlerNanos);
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            output.toJson(returned, json);
            return new Invoked(json.toByteArray(), handlerNanos);
        }

        private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
            if (name.equals("handleRequest") && RequestStreamHandler.class.isAssignableFrom(type)) {
                return type.getMethod(name, java.io.InputStream.class, java.io.OutputStream.class, Context.class);
            }
            List<Method> candidates = new ArrayList<>();
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()
                        && method.getParameterCount() <= 3) {
                    candidates.add(method);
                }
            }
            // the Lambda runtime prefers the signature that takes the most arguments (e.g. input and Context)
            return candidates.stream()
                    .max((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()))
                    .orElseThrow(() -> new NoSuchMethodException("No public method '" + name + "' in " + type.getName()));
        }

        private static Shape shapeOf(Class<?>[] parameters) {
            boolean context = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
            int inputs = context ? parameters.length - 1 : parameters.length;
            if (inputs == 2 && parameters[0] == java.io.InputStream.class && parameters[1] == java.io.OutputStream.class) {
                return context ? Shape.STREAM_WITH_CONTEXT : Shape.STREAM;
            }
            if (inputs == 1) {
                return context ? Shape.POJO_WITH_CONTEXT : Shape.POJO;
            }
            if (inputs == 0) {
                return context ? Shape.NO_INPUT_WITH_CONTEXT : Shape.NO_INPUT;
            }
            throw new IllegalArgumentException("Unsupported handler signature " + Arrays.toString(parameters));
        }

        /** The type arguments {@code <I, O>} the handler class gives {@code RequestHandler}. */
        private static Type[] requestHandlerTypes(Class<?> type) {
            for (Class<?> current = type; current != null; current = current.getSuperclass()) {
                for (Type implemented : current.getGenericInterfaces()) {
                    if (implemented instanceof ParameterizedType parameterized
                            && parameterized.getRawType() == RequestHandler.class) {
                        return parameterized.getActualTypeArguments();
                    }
                }
            }
            return new Type[] {Object.class, Object.class};
        }

        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
            if (type instanceof Class<?> raw && LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
                return LambdaEventSerializers.serializerFor((Class<Object>) raw, loader);
            }
            return JacksonFactory.getInstance().getSerializer(type);
        }
    }
}
