package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.local.template.TemplateException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts an {@link Invocation} in a fresh JVM whose classpath holds only the invoker jar (the stand-in for the
 * Lambda Java runtime) and the function's CodeUri jar.
 */
public final class FunctionRunner {

    public static final String INVOKER_JAR_PROPERTY = "onboarder.invokerJar";
    private static final String INVOKER_JAR = "local-invoker.jar";
    private static final String INVOKER_MAIN = "com.ecsapi.onboarder.local.invoker.Invoker";

    private final Path java;
    private final Path invokerJar;

    public FunctionRunner(Path java, Path invokerJar) {
        this.java = java;
        this.invokerJar = invokerJar;
    }

    /** Runs functions with this JVM's {@code java} and the invoker jar built next to the runner's classes. */
    public static FunctionRunner forThisJvm() {
        return new FunctionRunner(Path.of(System.getProperty("java.home"), "bin", "java"), locateInvokerJar());
    }

    /** The artifacts the invocation needs that do not exist (the CodeUri jar, the invoker jar), or "". */
    public String missingArtifacts(Invocation invocation) {
        StringBuilder missing = new StringBuilder();
        for (Path artifact : List.of(invocation.function().codeUri(), invokerJar)) {
            if (!Files.exists(artifact)) {
                missing.append(missing.isEmpty() ? "" : ", ").append(artifact);
            }
        }
        return missing.toString();
    }

    /**
     * The command of the child JVM. The heap is sized from the function's memory as the Lambda Java runtime does,
     * with its serial collector; {@code JAVA_TOOL_OPTIONS} from the template apply on top.
     */
    public List<String> command(Invocation invocation) {
        Path code = invocation.function().codeUri();
        if (!Files.exists(code)) {
            throw new TemplateException("The CodeUri of " + invocation.function().logicalId() + " does not exist: "
                    + code + " (build it with: mvn -B -q package -DskipTests)");
        }
        if (!Files.isRegularFile(invokerJar)) {
            throw new TemplateException("The invoker jar " + invokerJar + " does not exist (build it with: "
                    + "mvn -B -q package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + Math.max(64, invocation.function().memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(invokerJar + File.pathSeparator + code);
        command.add(INVOKER_MAIN);
        command.add(invocation.function().handler());
        command.add(invocation.event().toAbsolutePath().toString());
        return command;
    }

    /** Starts the child JVM; the caller decides where its stdout (the result) and stderr (the logs) go. */
    public Process start(Invocation invocation, ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr) {
        ProcessBuilder builder = new ProcessBuilder(command(invocation))
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
        long started = System.nanoTime();
        Process process = start(invocation, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.to(log.toFile()));
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
