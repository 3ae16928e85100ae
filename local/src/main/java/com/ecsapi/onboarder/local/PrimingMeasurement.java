package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.local.invoker.Invoker;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One function's SnapStart priming figures: in each JVM, the handler's first event against its warm events (the
 * median of the events after the first), without and with the function's {@code org.crac} hooks run after init.
 *
 * @param without one {@link Run} per JVM without the hooks
 * @param with    one per JVM whose hooks ran (priming)
 */
record PrimingMeasurement(String functionId, String event, List<Run> without, List<Run> with, int failures,
                          String firstFailure) {

    private static final Pattern DURATION = Pattern.compile("\tDuration: ([\\d.]+) ms\t"
            + Pattern.quote(Invoker.HANDLER_DURATION) + "([\\d.]+) ms");
    private static final Pattern HOOKS = Pattern.compile(Pattern.quote(Invoker.HOOKS_PREFIX)
            + "(\\d+) resources, beforeCheckpoint and afterRestore took ([\\d.]+) ms");

    /**
     * One JVM: its first event, the median of its warm events (the handler alone, and the whole invocation with the
     * runtime's reading of the event and writing of the result) and, with priming, how long the hooks took.
     */
    record Run(double first, double warm, double firstInvocation, double warmInvocation, double hooks) {
        double ratio() {
            return first / warm;
        }

        double invocationRatio() {
            return firstInvocation / warmInvocation;
        }
    }

    /**
     * Between two events of a JVM: as between scheduled runs, the quota monitor's rate limiters refill (it makes about
     * 6 ELB calls a run; its limiter gives 8 a second), so warm events measure work, not waiting for tokens.
     */
    static final int PAUSE_MILLIS = 1000;

    static PrimingMeasurement measure(FunctionRunner runner, String functionId, Invocation invocation, int runs,
                                      int warmEvents, Path workDirectory, PrintStream progress) throws IOException {
        List<String> events = List.of(Invoker.INVOCATIONS_OPTION, Integer.toString(1 + warmEvents),
                Invoker.PAUSE_OPTION, Integer.toString(PAUSE_MILLIS));
        FunctionRunner.Result settle = runner.run(invocation, workDirectory.resolve(functionId + "-settle.log"));
        List<Run> without = new ArrayList<>();
        List<Run> with = new ArrayList<>();
        int failures = settle.exitCode() == 0 ? 0 : 1;
        String firstFailure = settle.exitCode() == 0 ? "" : "settling run: " + settle.stdout();
        for (int run = 1; run <= runs; run++) {
            for (boolean primed : new boolean[] {false, true}) {
                String name = functionId + "-" + (primed ? "primed" : "unprimed") + "-" + run;
                Path log = workDirectory.resolve(name + ".log");
                List<String> options = new ArrayList<>(events);
                if (primed) {
                    options.add(Invoker.SNAPSTART_OPTION);
                }
                FunctionRunner.Result result = runner.run(invocation, log, options);
                Run measured = parse(Files.readString(log, StandardCharsets.UTF_8), 1 + warmEvents, primed);
                if (result.exitCode() != 0 || measured == null) {
                    failures++;
                    if (firstFailure.isEmpty()) {
                        firstFailure = result.stdout().isEmpty() ? "exit code " + result.exitCode() + ", see " + log
                                : result.stdout();
                    }
                    progress.println(name + ": failed (exit code " + result.exitCode() + "), see " + log);
                    continue;
                }
                (primed ? with : without).add(measured);
                progress.printf(Locale.ROOT, "%s: handler first %.0f ms, warm %.0f ms, ratio %.2f (invocation %.2f)%n",
                        name, measured.first(), measured.warm(), measured.ratio(), measured.invocationRatio());
            }
        }
        return new PrimingMeasurement(functionId, invocation.event().getFileName().toString(), without, with,
                failures, firstFailure);
    }

    /** The run a child JVM's log shows: null unless it reports every event and, when primed, hooks that ran. */
    static Run parse(String log, int events, boolean primed) {
        List<Double> invocations = new ArrayList<>();
        List<Double> handler = new ArrayList<>();
        Matcher duration = DURATION.matcher(log);
        while (duration.find()) {
            invocations.add(Double.parseDouble(duration.group(1)));
            handler.add(Double.parseDouble(duration.group(2)));
        }
        double hooks = Double.NaN;
        if (primed) {
            Matcher hooksLine = HOOKS.matcher(log);
            if (!hooksLine.find() || Integer.parseInt(hooksLine.group(1)) == 0) {
                return null;
            }
            hooks = Double.parseDouble(hooksLine.group(2));
        }
        if (handler.size() != events || events < 2) {
            return null;
        }
        return new Run(handler.get(0), median(handler.subList(1, events)), invocations.get(0),
                median(invocations.subList(1, events)), hooks);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static void printTable(List<PrimingMeasurement> measurements, int runs, int warmEvents, PrintStream out) {
        out.println("### SnapStart priming: first event against warm events, in one JVM");
        out.println();
        out.println("Per function, " + runs + " JVMs without and " + runs + " with the SnapStart hooks run after init "
                + "(" + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, the template's "
                + "JAVA_TOOL_OPTIONS), each handling the event 1 + " + warmEvents + " times, " + PAUSE_MILLIS
                + " ms apart, against the local emulator in its steady state. First = the first event's "
                + "handleRequest; warm = the median of the other " + warmEvents + "; medians over the JVMs. The invocation ratio adds the runtime's reading of the event "
                + "and writing of the result (the local invoker's, as Lambda's runtime does it: not the function's "
                + "code, out of its priming's reach).");
        out.println();
        out.println("| Function | Event | without priming: first / warm (ms) | ratio | invocation ratio "
                + "| with priming: first / warm (ms) | ratio | invocation ratio | hooks (ms) | Failed runs |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PrimingMeasurement m : measurements) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", m.functionId(),
                    m.event(), firstAndWarm(m.without()), ratio(m.without(), Run::ratio),
                    ratio(m.without(), Run::invocationRatio), firstAndWarm(m.with()), ratio(m.with(), Run::ratio),
                    ratio(m.with(), Run::invocationRatio), figure(m.with().stream().map(Run::hooks).toList(), "%.0f"),
                    m.failures());
        }
        for (PrimingMeasurement m : measurements) {
            if (m.failures() > 0) {
                out.println();
                out.println("- " + m.functionId() + ": " + m.failures() + " failed runs: `" + m.firstFailure() + "`");
            }
        }
        out.println();
        out.println("Measured with `bin/benchmark-priming " + runs + " " + warmEvents + "`.");
    }

    private static String firstAndWarm(List<Run> runs) {
        return figure(runs.stream().map(Run::first).toList(), "%.0f") + " / "
                + figure(runs.stream().map(Run::warm).toList(), "%.0f");
    }

    private static String ratio(List<Run> runs, ToDoubleFunction<Run> ratio) {
        return figure(runs.stream().map(run -> ratio.applyAsDouble(run)).toList(), "%.2f");
    }

    private static String figure(List<Double> values, String format) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, format, median(values));
    }
}
