package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.local.template.FunctionDefinition;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One local invocation: the function from the template, its event file and the environment its JVM gets.
 *
 * @param environment the complete environment of the child process
 */
public record Invocation(FunctionDefinition function, Path event, Map<String, String> environment) {

    /** Variables of the caller that reach the function besides {@code AWS_*}: what a JVM needs to behave normally. */
    private static final List<String> PASSED_THROUGH = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

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

    /**
     * Builds the invocation like {@code sam local invoke}: the caller's {@code AWS_*} variables (credentials, region,
     * {@code AWS_ENDPOINT_URL}), the Lambda runtime's variables, then the function's variables from the template
     * with the env-vars file's overrides.
     */
    public static Invocation prepare(Template template, String functionId, Path event, EnvVarsFile envVars,
                                     Map<String, String> callerEnvironment) {
        return prepare(template, functionId, event, envVars, Map.of(), callerEnvironment);
    }

    /**
     * As {@link #prepare(Template, String, Path, EnvVarsFile, Map)}, with template parameter values as
     * {@code sam local invoke --parameter-overrides} gives them; they win over the env-vars file's {@code Parameters}.
     */
    public static Invocation prepare(Template template, String functionId, Path event, EnvVarsFile envVars,
                                     Map<String, String> parameterOverrides, Map<String, String> callerEnvironment) {
        if (!Files.isRegularFile(event)) {
            throw new TemplateException("Event file " + event + " does not exist");
        }
        String region = callerEnvironment.getOrDefault("AWS_REGION",
                callerEnvironment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        Map<String, String> parameters = new LinkedHashMap<>(envVars.parameters());
        parameters.putAll(parameterOverrides);
        FunctionDefinition function = template.function(functionId, parameters, region);

        Map<String, String> environment = new LinkedHashMap<>();
        PASSED_THROUGH.forEach(name -> {
            if (callerEnvironment.containsKey(name)) {
                environment.put(name, callerEnvironment.get(name));
            }
        });
        callerEnvironment.forEach((name, value) -> {
            if (name.startsWith("AWS_")) {
                environment.put(name, value);
            }
        });
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_SAM_LOCAL", "true");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (function.runtime().isEmpty() ? "java21" : function.runtime()));
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeoutSeconds()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST");
        environment.put("_HANDLER", function.handler());
        environment.putAll(envVars.applyTo(functionId, function.environment()));
        return new Invocation(function, event, environment);
    }
}
