package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.local.demo.DemoEvents;
import com.ecsapi.onboarder.local.demo.DemoSetup;
import com.ecsapi.onboarder.local.invoker.Invoker;
import com.ecsapi.onboarder.local.runner.EnvVarsFile;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;
import com.ecsapi.onboarder.local.template.FunctionDefinition;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;
import com.ecsapi.onboarder.testbed.MotoServer;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/benchmark-cold-start [RUNS]}: runs every function of the template RUNS times, each in a fresh JVM through
 * the local runner, against the emulator (with the demo's setup in it), and prints a markdown table of the median
 * "fresh JVM to first event handled" (measured inside the child JVM, from the JVM's start time to the return of
 * {@code handleRequest}) and of the size of each function's code (built as sam build does).
 *
 * <p>With {@code --priming-warm-events W} ({@code bin/benchmark-priming}) it measures SnapStart priming instead:
 * see {@link #runPriming(int)}.
 *
 * <p>Usage: {@code ColdStartBenchmark [--runs N] [--priming-warm-events W] [--template template.yaml]
 * [--events-dir events] [--work-dir DIR]}.
 * A function's event is the first {@code events/<function>*.json} (e.g. {@code onboarding-*.json} for
 * OnboardingFunction); without one, the demo's generated event for its trigger (SQS or Schedule).
 */
public final class ColdStartBenchmark {

    private static final Pattern FRESH_JVM = Pattern.compile("Fresh JVM to first event handled: (\\d+) ms");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([\\d.]+) ms");
    private static final Pattern DURATION = Pattern.compile("\tDuration: ([\\d.]+) ms");

    private final Template template;
    private final Path templateFile;
    private final Path eventsDirectory;
    private final Path workDirectory;
    private final int runs;
    private final PrintStream out;
    private final PrintStream progress;

    ColdStartBenchmark(Path templateFile, Path eventsDirectory, Path workDirectory, int runs, PrintStream out,
                       PrintStream progress) {
        this.template = Template.load(templateFile);
        this.templateFile = templateFile;
        this.eventsDirectory = eventsDirectory;
        this.workDirectory = workDirectory;
        this.runs = runs;
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) throws IOException {
        int runs = 5;
        int warmEvents = 0;
        Path templateFile = Path.of("template.yaml");
        Path eventsDirectory = Path.of("events");
        Path workDirectory = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--priming-warm-events" -> warmEvents = Integer.parseInt(args[i + 1]);
                case "--template", "-t" -> templateFile = Path.of(args[i + 1]);
                case "--events-dir" -> eventsDirectory = Path.of(args[i + 1]);
                case "--work-dir" -> workDirectory = Path.of(args[i + 1]);
                default -> {
                    System.err.println("Usage: ColdStartBenchmark [--runs N] [--priming-warm-events W] "
                            + "[--template template.yaml] [--events-dir events] [--work-dir DIR]");
                    System.exit(2);
                }
            }
        }
        if (runs < 1 || warmEvents < 0) {
            System.err.println("RUNS must be at least 1, WARM_EVENTS at least 0");
            System.exit(2);
        }
        try {
            Path directory = workDirectory != null ? Files.createDirectories(workDirectory)
                    : Files.createTempDirectory("onboarder-benchmark");
            ColdStartBenchmark benchmark = new ColdStartBenchmark(templateFile, eventsDirectory, directory, runs,
                    System.out, System.err);
            System.exit(warmEvents > 0 ? benchmark.runPriming(warmEvents) : benchmark.run());
        } catch (TemplateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** One function's measurements, in milliseconds. */
    record Measurement(String functionId, String event, List<Long> freshJvmToHandled, List<Double> init,
                       List<Double> handler, List<Long> wall, int failures, String firstFailure) {
    }

    int run() throws IOException {
        FunctionRunner runner = FunctionRunner.forThisJvm();
        List<Measurement> measurements = forEachFunction((functionId, invocation) ->
                measure(runner, functionId, invocation));
        printTable(measurements, runner);
        return measurements.stream().allMatch(m -> m.failures() == 0) ? 0 : 1;
    }

    /**
     * {@code bin/benchmark-priming}: per function, RUNS pairs of JVMs, one without SnapStart hooks and one whose
     * hooks ran after init (priming), each handling the event 1 + {@code warmEvents} times; prints the first event
     * against the warm ones. A first, unmeasured run brings the emulator to the steady state (the service onboarded,
     * the alarms in place), so that every measured event does the same work.
     */
    int runPriming(int warmEvents) throws IOException {
        FunctionRunner runner = FunctionRunner.forThisJvm();
        List<PrimingMeasurement> measurements = forEachFunction((functionId, invocation) ->
                PrimingMeasurement.measure(runner, functionId, invocation, runs, warmEvents, workDirectory, progress));
        PrimingMeasurement.printTable(measurements, runs, warmEvents, out);
        return measurements.stream().allMatch(m -> m.failures() == 0) ? 0 : 1;
    }

    /** Measures one function's invocation. */
    private interface FunctionMeasurement<M> {
        M measure(String functionId, Invocation invocation) throws IOException;
    }

    /** Starts the emulator with the demo's setup in it and measures each function of the template with its event. */
    private <M> List<M> forEachFunction(FunctionMeasurement<M> measurement) throws IOException {
        progress.println("Starting the emulator and the demo setup...");
        List<M> measurements = new ArrayList<>();
        try (MotoServer moto = MotoServer.start()) {
            moto.useForThisJvm();
            DemoSetup setup = createSetup();
            Path envVarsFile = Files.writeString(workDirectory.resolve("env-vars.json"), setup.envVarsJson(moto.endpoint()));
            EnvVarsFile envVars = EnvVarsFile.read(envVarsFile);
            Map<String, String> caller = new HashMap<>(System.getenv());
            caller.putAll(moto.clientEnvironment());
            for (String functionId : template.functionIds()) {
                Path event = eventFor(functionId, setup);
                if (event == null) {
                    progress.println(functionId + ": no sample event and no SQS or Schedule trigger; skipped");
                    continue;
                }
                measurements.add(measurement.measure(functionId,
                        Invocation.prepare(template, functionId, event, envVars, caller)));
            }
        }
        return measurements;
    }

    private static DemoSetup createSetup() {
        try (Ec2Client ec2 = AwsClients.create(Ec2Client.builder());
             ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
             ApiGatewayClient apiGateway = AwsClients.create(ApiGatewayClient.builder());
             EcsClient ecs = AwsClients.create(EcsClient.builder());
             SqsClient sqs = AwsClients.create(SqsClient.builder());
             SnsClient sns = AwsClients.create(SnsClient.builder())) {
            return DemoSetup.create(new DemoSetup.Clients(ec2, elb, apiGateway, ecs, sqs, sns));
        }
    }

    private Measurement measure(FunctionRunner runner, String functionId, Invocation invocation) throws IOException {
        List<Long> fresh = new ArrayList<>();
        List<Double> init = new ArrayList<>();
        List<Double> handler = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        int failures = 0;
        String firstFailure = "";
        for (int run = 1; run <= runs; run++) {
            Path log = workDirectory.resolve(functionId + "-" + run + ".log");
            FunctionRunner.Result result = runner.run(invocation, log);
            String logText = Files.readString(log, StandardCharsets.UTF_8);
            Matcher report = FRESH_JVM.matcher(logText);
            if (result.exitCode() != 0 || !report.find()) {
                failures++;
                if (firstFailure.isEmpty()) {
                    firstFailure = result.stdout().isEmpty() ? "exit code " + result.exitCode() : result.stdout();
                }
                progress.println(functionId + " run " + run + ": failed (exit code " + result.exitCode() + "), see "
                        + log);
                continue;
            }
            fresh.add(Long.parseLong(report.group(1)));
            init.add(number(INIT, logText));
            handler.add(number(DURATION, logText));
            wall.add(result.wallMillis());
            progress.println(functionId + " run " + run + ": " + report.group(1) + " ms fresh JVM to first event "
                    + "handled (" + result.wallMillis() + " ms process wall time)");
        }
        return new Measurement(functionId, invocation.event().getFileName().toString(), fresh, init, handler, wall,
                failures, firstFailure);
    }

    private static double number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /**
     * The first {@code events/<name>*.json}, where name is the function's kebab-case name without "Function" or
     * its last words ({@code reconcile-sweep}, then {@code sweep}); an SQS batch of a CloudTrail service event is
     * pointed at the setup. Without a sample, the demo's event for the function's trigger.
     */
    private Path eventFor(String functionId, DemoSetup setup) throws IOException {
        String name = kebab(functionId.replaceFirst("Function$", ""));
        Path sample = sampleEvent(name);
        if (sample != null) {
            String text = Files.readString(sample, StandardCharsets.UTF_8);
            if (!text.contains("\\\"responseElements\\\"")) {
                return sample;
            }
            return Files.writeString(workDirectory.resolve(sample.getFileName()),
                    DemoEvents.adaptSample(text, setup));
        }
        List<String> triggers = template.triggerTypes(functionId);
        Instant now = Instant.now();
        if (triggers.contains("SQS")) {
            return Files.writeString(workDirectory.resolve(name + "-generated.json"),
                    DemoEvents.onboardingCreateService(setup, now));
        }
        if (triggers.contains("Schedule") || triggers.contains("ScheduleV2")) {
            return Files.writeString(workDirectory.resolve(name + "-generated.json"),
                    DemoEvents.scheduled("local-" + functionId, now));
        }
        return null;
    }

    private Path sampleEvent(String name) throws IOException {
        if (!Files.isDirectory(eventsDirectory)) {
            return null;
        }
        String[] words = name.split("-");
        for (int first = 0; first < words.length; first++) {
            String prefix = String.join("-", java.util.Arrays.copyOfRange(words, first, words.length)) + "-";
            try (Stream<Path> files = Files.list(eventsDirectory)) {
                Path sample = files.filter(file -> file.getFileName().toString().startsWith(prefix)
                                && file.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .findFirst().orElse(null);
                if (sample != null) {
                    return sample;
                }
            }
        }
        return null;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private void printTable(List<Measurement> measurements, FunctionRunner runner) {
        out.println("### Local cold start: fresh JVM to first event handled");
        out.println();
        out.println("Median of " + runs + " runs per function, each in a fresh JVM (" + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs) against the local emulator; measured inside "
                + "the child JVM from its start time to the return of handleRequest. Init = loading the handler and "
                + "its serializers; handler = handleRequest.");
        out.println();
        out.println("| Function | Event | Cold start median (ms) | min–max (ms) | Init median (ms) "
                + "| Handler median (ms) | Process wall median (ms) | Failed runs |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Measurement m : measurements) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d |%n", m.functionId(), m.event(),
                    medianOf(m.freshJvmToHandled()), range(m.freshJvmToHandled()), medianOfDoubles(m.init()),
                    medianOfDoubles(m.handler()), medianOf(m.wall()), m.failures());
        }
        for (Measurement m : measurements) {
            if (m.failures() > 0) {
                String reason = m.firstFailure().length() > 300 ? m.firstFailure().substring(0, 300) + "..."
                        : m.firstFailure();
                out.println();
                out.println("- " + m.functionId() + " failed " + m.failures() + " of " + runs + " runs: `" + reason
                        + "`");
            }
        }
        out.println();
        out.println("### Deployable artifacts");
        out.println();
        out.println("| Function | Code (what the Lambda runtime loads) | Size (bytes) | Size (MiB) |");
        out.println("|---|---|---:|---:|");
        Path base = templateFile.toAbsolutePath().getParent();
        for (String functionId : template.functionIds()) {
            FunctionDefinition function = template.function(functionId, Map.of(), "us-east-1");
            Path code = runner.artifacts(function);
            List<Path> files = files(code);
            long size = files.stream().mapToLong(ColdStartBenchmark::size).sum();
            String described = function.builtWithMake()
                    ? "make build-" + functionId + ": " + String.join(", ", files.stream()
                            .map(file -> code.relativize(file).toString()).toList())
                    : base.relativize(code).toString();
            out.printf(Locale.ROOT, "| %s | %s | %d | %.1f |%n", functionId, described, size, size / 1048576.0);
        }
        out.println();
        out.println("Measured with `bin/benchmark-cold-start " + runs + "`; each run's log (with its "
                + Invoker.REPORT_PREFIX.trim() + " line) is in " + workDirectory + ".");
    }

    /** The file itself, or the regular files under a directory (a make target's ARTIFACTS_DIR). */
    private static List<Path> files(Path code) {
        if (!Files.isDirectory(code)) {
            return List.of(code);
        }
        try (Stream<Path> paths = Files.walk(code)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String medianOf(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? Long.toString(sorted.get(middle))
                : Long.toString(Math.round((sorted.get(middle - 1) + sorted.get(middle)) / 2.0));
    }

    private static String medianOfDoubles(List<Double> values) {
        return medianOf(values.stream().map(Math::round).toList());
    }

    private static String range(List<Long> values) {
        return values.isEmpty() ? "-" : values.stream().min(Long::compare).orElseThrow() + "–"
                + values.stream().max(Long::compare).orElseThrow();
    }
}
