package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.local.runner.EnvVarsFile;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code local-invoke FUNCTION -e EVENT_FILE [--env-vars ENV_JSON] [--template template.yaml]
 * [--parameter-overrides KEY=VALUE ...] [--plan]}: runs one function of the template like {@code sam local invoke},
 * in a fresh JVM instead of a container. The result goes to
 * stdout, the function's logs to stderr; the exit code is non-zero when the function or the set-up fails.
 * {@code --plan} runs it with {@code DRY_RUN=true}: the function logs its decision and the exact AWS changes it would
 * make, and makes none.
 */
public final class LocalInvoke {

    static final int USAGE_ERROR = 2;
    /** A .jar/.zip CodeUri or the invoker jar is missing: {@code bin/local-invoke} builds and runs again. */
    static final int NOT_BUILT = 3;
    private static final String USAGE =
            "Usage: local-invoke FUNCTION -e EVENT_FILE [--env-vars ENV_JSON] [--template template.yaml]"
                    + " [--parameter-overrides KEY=VALUE ...] [--plan]";

    private LocalInvoke() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return USAGE_ERROR;
        }
        Process process;
        FunctionRunner runner = FunctionRunner.forThisJvm();
        try {
            Template template = Template.load(arguments.template());
            EnvVarsFile envVars = arguments.envVars() == null ? EnvVarsFile.NONE : EnvVarsFile.read(arguments.envVars());
            Invocation prepared = Invocation.prepare(template, arguments.function(), arguments.event(), envVars,
                    arguments.parameterOverrides(), System.getenv());
            Invocation invocation = arguments.plan() ? prepared.dryRun() : prepared;
            String missing = runner.missingArtifacts(invocation);
            if (!missing.isEmpty()) {
                System.err.println("Error: not built yet: " + missing
                        + " (build with: mvn -B -q package -DskipTests)");
                return NOT_BUILT;
            }
            System.err.println("Invoking " + invocation.function().handler() + " (" + invocation.function().runtime()
                    + ", " + runner.artifacts(invocation.function()) + ")");
            process = runner.start(invocation, ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT);
        } catch (TemplateException | UncheckedIOException e) {
            System.err.println("Error: " + e.getMessage());
            return USAGE_ERROR;
        }
        Thread stopChild = new Thread(process::destroyForcibly, "local-invoke-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                System.err.println("Error: " + arguments.function() + " failed (exit code " + exitCode + ")");
            }
            return exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return 130;
        }
    }

    record Arguments(String function, Path event, Path envVars, Path template, Map<String, String> parameterOverrides,
                     boolean plan) {

        static Arguments parse(String[] args) {
            String function = null;
            Path event = null;
            Path envVars = null;
            Path template = Path.of("template.yaml");
            Map<String, String> parameterOverrides = new LinkedHashMap<>();
            boolean plan = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-e", "--event" -> event = Path.of(value(args, ++i, arg));
                    case "-n", "--env-vars" -> envVars = Path.of(value(args, ++i, arg));
                    case "-t", "--template", "--template-file" -> template = Path.of(value(args, ++i, arg));
                    case "--plan", "--dry-run" -> plan = true;
                    case "--parameter-overrides" -> {
                        // SAM's form: one or more KEY=VALUE words after the option
                        while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                            String override = args[++i];
                            int equals = override.indexOf('=');
                            if (equals < 1) {
                                throw new IllegalArgumentException("--parameter-overrides takes KEY=VALUE, got: "
                                        + override);
                            }
                            parameterOverrides.put(override.substring(0, equals), override.substring(equals + 1));
                        }
                    }
                    case "-h", "--help" -> throw new IllegalArgumentException("Runs FUNCTION of the template locally.");
                    default -> {
                        if (arg.startsWith("-") || function != null) {
                            throw new IllegalArgumentException("Unexpected argument: " + arg);
                        }
                        function = arg;
                    }
                }
            }
            if (function == null) {
                throw new IllegalArgumentException("Missing FUNCTION (the logical id of a function in the template)");
            }
            if (event == null) {
                throw new IllegalArgumentException("Missing -e EVENT_FILE");
            }
            return new Arguments(function, event, envVars, template, parameterOverrides, plan);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            return args[index];
        }
    }
}
