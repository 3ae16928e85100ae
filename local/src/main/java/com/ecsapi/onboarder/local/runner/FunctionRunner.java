package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.local.template.FunctionDefinition;
import com.ecsapi.onboarder.local.template.TemplateException;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts an {@link Invocation} in a fresh JVM whose classpath holds only the invoker jar (the stand-in for the
 * Lambda Java runtime) and the function's code: a .jar/.zip CodeUri as it is, or, for {@code Metadata: BuildMethod:
 * makefile}, what {@code make build-<LogicalId>} put into its {@code ARTIFACTS_DIR} (the directory and its
 * {@code lib/*.jar}, as the Lambda Java runtime loads {@code /var/task} and {@code /var/task/lib/*}).
 */
public final class FunctionRunner {

    public static final String INVOKER_JAR_PROPERTY = "onboarder.invokerJar";
    private static final String INVOKER_JAR = "local-invoker.jar";
    private static final String INVOKER_MAIN = "com.ecsapi.onboarder.local.invoker.Invoker";
    private static final String BUILD_HINT = "build it with: mvn -B -q package -DskipTests";
    private static final int MAKE_LOG_LINES = 20;

    private final Path java;
    private final Path invokerJar;
    private final PrintStream progress;
    private final Map<String, Path> builtArtifacts = new HashMap<>();
    private Path buildRoot;

    /**
     * @param progress where the runner says what it builds (make's own output goes to a log file next to the
     *                 build)
     */
    public FunctionRunner(Path java, Path invokerJar, PrintStream progress) {
        this.java = java;
        this.invokerJar = invokerJar;
        this.progress = progress;
    }

    /** Runs functions with this JVM's {@code java} and the invoker jar built next to the runner's classes. */
    public static FunctionRunner forThisJvm() {
        return new FunctionRunner(Path.of(System.getProperty("java.home"), "bin", "java"), locateInvokerJar(),
                System.err);
    }

    /** The artifacts the invocation needs that do not exist (a .jar/.zip CodeUri, the invoker jar), or "". */
    public String missingArtifacts(Invocation invocation) {
        List<Path> needed = invocation.function().builtWithMake() ? List.of(invokerJar)
                : List.of(invocation.function().codeUri(), invokerJar);
        StringBuilder missing = new StringBuilder();
        for (Path artifact : needed) {
            if (!Files.exists(artifact)) {
                missing.append(missing.isEmpty() ? "" : ", ").append(artifact);
            }
        }
        return missing.toString();
    }

    /**
     * The command of the child JVM. The heap is sized from the function's memory as the Lambda Java runtime does,
     * with its serial collector; {@code JAVA_TOOL_OPTIONS} from the template apply on top. Builds the function's
     * code first when its BuildMethod is makefile.
     */
    public List<String> command(Invocation invocation) {
        return command(invocation, List.of());
    }

    /** As {@link #command(Invocation)}, with options of the invoker (e.g. {@code --snapstart}, see its usage). */
    public List<String> command(Invocation invocation, List<String> invokerOptions) {
        if (!Files.isRegularFile(invokerJar)) {
            throw new TemplateException("The invoker jar " + invokerJar + " does not exist (" + BUILD_HINT + ")");
        }
        List<String> classpath = new ArrayList<>();
        classpath.add(invokerJar.toString());
        classpath.addAll(codeClasspath(invocation.function()));
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + Math.max(64, invocation.function().memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(INVOKER_MAIN);
        command.addAll(invokerOptions);
        command.add(invocation.function().handler());
        command.add(invocation.event().toAbsolutePath().toString());
        return command;
    }

    private List<String> codeClasspath(FunctionDefinition function) {
        if (function.builtWithMake()) {
            Path artifacts = artifacts(function);
            return List.of(artifacts.toString(), artifacts.resolve("lib").resolve("*").toString());
        }
        Path code = function.codeUri();
        if (!Files.exists(code)) {
            throw new TemplateException("The CodeUri of " + function.logicalId() + " does not exist: " + code + " ("
                    + BUILD_HINT + ")");
        }
        if (Files.isDirectory(code)) {
            throw new TemplateException("The CodeUri of " + function.logicalId() + " is a directory (" + code
                    + ") and its Metadata has no 'BuildMethod: makefile': the local runner runs a .jar or .zip "
                    + "CodeUri, or builds the function with make build-" + function.logicalId());
        }
        return List.of(code.toString());
    }

    /**
     * The function's code as the Lambda runtime gets it: a .jar/.zip CodeUri, or the {@code ARTIFACTS_DIR} that
     * {@code make -C <CodeUri> build-<LogicalId>} filled, as {@code sam build} runs it. Built once per runner, into
     * an empty directory of its own (removed when this JVM exits).
     */
    public synchronized Path artifacts(FunctionDefinition function) {
        if (!function.builtWithMake()) {
            return function.codeUri();
        }
        return builtArtifacts.computeIfAbsent(function.logicalId(), id -> make(function));
    }

    private Path make(FunctionDefinition function) {
        Path artifacts = buildRoot().resolve(function.logicalId());
        Path log = buildRoot().resolve(function.logicalId() + "-make.log");
        List<String> command = List.of("make", "-C", function.codeUri().toString(), "build-" + function.logicalId(),
                "ARTIFACTS_DIR=" + artifacts);
        progress.println("Building " + function.logicalId() + " as sam build does: " + String.join(" ", command));
        int exitCode;
        try {
            deleteRecursively(artifacts);
            Files.createDirectories(artifacts);
            Process make = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            make.getOutputStream().close();
            exitCode = make.waitFor();
        } catch (IOException e) {
            throw new TemplateException("Cannot run '" + String.join(" ", command) + "' to build "
                    + function.logicalId() + " (its Metadata says BuildMethod: makefile; is make installed?): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building " + function.logicalId(), e);
        }
        if (exitCode != 0) {
            throw new TemplateException("The build of " + function.logicalId() + " failed: '"
                    + String.join(" ", command) + "' exited with " + exitCode + ". Its last lines (all in " + log
                    + "):\n" + lastLines(log));
        }
        return artifacts;
    }

    private synchronized Path buildRoot() {
        if (buildRoot == null) {
            try {
                buildRoot = Files.createTempDirectory("onboarder-sam-build-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory for the functions' builds", e);
            }
            Path created = buildRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(created), "delete-builds"));
        }
        return buildRoot;
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - MAKE_LOG_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    /** Starts the child JVM; the caller decides where its stdout (the result) and stderr (the logs) go. */
    public Process start(Invocation invocation, ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr) {
        return start(invocation, List.of(), stdout, stderr);
    }

    private Process start(Invocation invocation, List<String> invokerOptions, ProcessBuilder.Redirect stdout,
                          ProcessBuilder.Redirect stderr) {
        ProcessBuilder builder = new ProcessBuilder(command(invocation, invokerOptions))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(stdout)
                .redirectError(stderr);
        builder.environment().clear();
        builder.environment().putAll(invocation.environment());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + java, e);
        }
    }

    /**
     * What one run gave.
     *
     * @param stdout     the function's result (or Lambda's error document)
     * @param wallMillis from starting the child JVM to its exit, as the caller saw it
     */
    public record Result(int exitCode, String stdout, long wallMillis, boolean timedOut) {
    }

    /**
     * Runs the invocation to its end (at most the function's Timeout plus a JVM's start-up), the logs going to
     * {@code log}. The child JVM never outlives this JVM: a shutdown hook (Ctrl-C) stops it.
     */
    public Result run(Invocation invocation, Path log) {
        return run(invocation, log, List.of());
    }

    /** As {@link #run(Invocation, Path)}, with options of the invoker (e.g. {@code --snapstart}, see its usage). */
    public Result run(Invocation invocation, Path log, List<String> invokerOptions) {
        long started = System.nanoTime();
        Process process = start(invocation, invokerOptions, ProcessBuilder.Redirect.PIPE,
                ProcessBuilder.Redirect.to(log.toFile()));
        Thread stopChild = new Thread(process::destroyForcibly, "stop-" + invocation.function().logicalId());
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process));
            boolean finished = process.waitFor(invocation.function().timeoutSeconds() + 30L, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            long wallMillis = (System.nanoTime() - started) / 1_000_000;
            return new Result(process.exitValue(), stdout.join().trim(), wallMillis, !finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while " + invocation.function().logicalId() + " ran", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook runs anyway
            }
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateInvokerJar() {
        String configured = System.getProperty(INVOKER_JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path codeSource = Path.of(FunctionRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // local/target/local-runner.jar or local/target/classes: the invoker jar is local/target/local-invoker.jar
            return codeSource.toAbsolutePath().getParent().resolve(INVOKER_JAR);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the runner's own classes", e);
        }
    }
}
