package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.local.template.FunctionDefinition;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One local invocation: the function from the template, its event file and the environment its JVM gets, by the
 * rules of {@code sam local invoke}.
 *
 * @param environment the complete environment of the child process
 */
public record Invocation(FunctionDefinition function, Path event, Map<String, String> environment) {

    /**
     * Variables of the caller a JVM needs to behave normally; in SAM's container the Lambda runtime image gives
     * them (their values differ there).
     */
    private static final List<String> PROCESS_BASICS = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

    public Invocation {
        environment = Map.copyOf(environment);
    }

    /**
     * The same invocation with {@code DRY_RUN=true}: the onboarding functions then log the decision and the exact AWS
     * changes they would make, and make none.
     */
    public Invocation dryRun() {
        Map<String, String> planned = new LinkedHashMap<>(environment);
        planned.put("DRY_RUN", "true");
        return new Invocation(function, event, planned);
    }

    /** As {@link #prepare(Template, String, Path, EnvVarsFile, Map, Map)} without parameter overrides. */
    public static Invocation prepare(Template template, String functionId, Path event, EnvVarsFile envVars,
                                     Map<String, String> callerEnvironment) {
        return prepare(template, functionId, event, envVars, Map.of(), callerEnvironment);
    }

    /**
     * Builds the environment the way {@code sam local invoke} (SAM CLI 1.164) does, so that what runs here runs
     * there:
     * <ul>
     *   <li>SAM's fixed {@code AWS_*} set: {@code AWS_SAM_LOCAL}, the {@code AWS_LAMBDA_*} settings of the function,
     *   region (the caller's {@code AWS_DEFAULT_REGION}, else {@code AWS_REGION}, else us-east-1), the caller's
     *   credentials (else SAM's placeholders), {@code AWS_ACCOUNT_ID=123456789012}. No other {@code AWS_*} variable
     *   of the caller: its {@code AWS_ENDPOINT_URL} or {@code AWS_PROFILE} does not reach the function;</li>
     *   <li>the variables the template declares for the function (Globals under its own), template parameters
     *   taken from {@code parameterOverrides} only ({@code --parameter-overrides}; the env-vars file's
     *   {@code Parameters} are variable values, not template parameters);</li>
     *   <li>a declared variable takes the caller's shell value of that name, then the env-vars file's
     *   {@code Parameters} value, then the function's section value; names the template does not declare are
     *   ignored, wherever they come from.</li>
     * </ul>
     * Besides, what the Lambda runtime image sets ({@code AWS_EXECUTION_ENV}, {@code _HANDLER}) and the caller's
     * {@link #PROCESS_BASICS}.
     */
    public static Invocation prepare(Template template, String functionId, Path event, EnvVarsFile envVars,
                                     Map<String, String> parameterOverrides, Map<String, String> callerEnvironment) {
        if (!Files.isRegularFile(event)) {
            throw new TemplateException("Event file " + event + " does not exist");
        }
        String region = firstPresent(callerEnvironment, "AWS_DEFAULT_REGION", "AWS_REGION").orElse("us-east-1");
        FunctionDefinition function = template.function(functionId, parameterOverrides, region);

        Map<String, String> environment = new LinkedHashMap<>();
        PROCESS_BASICS.forEach(name -> {
            if (callerEnvironment.containsKey(name)) {
                environment.put(name, callerEnvironment.get(name));
            }
        });
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (function.runtime().isEmpty() ? "java21" : function.runtime()));
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_SAM_LOCAL", "true");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeoutSeconds()));
        environment.put("AWS_LAMBDA_FUNCTION_HANDLER", function.handler());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup().isEmpty()
                ? "aws/lambda/" + function.logicalId() : function.logGroup());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST");
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_ACCESS_KEY_ID", firstPresent(callerEnvironment, "AWS_ACCESS_KEY_ID").orElse("defaultkey"));
        environment.put("AWS_SECRET_ACCESS_KEY",
                firstPresent(callerEnvironment, "AWS_SECRET_ACCESS_KEY").orElse("defaultsecret"));
        firstPresent(callerEnvironment, "AWS_SESSION_TOKEN").ifPresent(token -> environment.put("AWS_SESSION_TOKEN", token));
        environment.put("AWS_ACCOUNT_ID", "123456789012");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");

        Map<String, String> declared = new LinkedHashMap<>(function.environment());
        declared.replaceAll((name, value) -> callerEnvironment.getOrDefault(name, value));
        environment.putAll(envVars.applyTo(functionId, declared));
        return new Invocation(function, event, environment);
    }

    /** The first of the caller's variables that is set and not empty. */
    private static Optional<String> firstPresent(Map<String, String> callerEnvironment, String... names) {
        return Stream.of(names)
                .map(callerEnvironment::get)
                .filter(value -> value != null && !value.isEmpty())
                .findFirst();
    }
}
