package com.ecsapi.onboarder.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool the tests stand on (cfn-lint, python3) and captures its exit code and combined output. */
final class ExternalCommand {

    record Result(int exitCode, String output) {
    }

    private ExternalCommand() {
    }

    /** Fails the test with {@code installHint} when the tool cannot be started at all: never a silent skip. */
    static Result run(List<String> command, Path directory, Map<String, String> environment, String installHint) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run '" + command.getFirst() + "' (" + e.getMessage() + "). " + installHint, e);
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 2 minutes:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the output of " + command + " failed", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
