package com.ecsapi.onboarder.template;

import com.ecsapi.onboarder.testbed.MotoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * template.yaml as `sam build` and `sam deploy` hand it to CloudFormation: sam_transform.py builds each function
 * with its make target (into {@code directory/build}), packages it to the test bed's S3 and applies the SAM
 * transform.
 */
final class SamTransform {

    static final String HINT = "The template tests need python3 with boto3 and aws-sam-translator: "
            + "python3 -m pip install boto3 aws-sam-translator";

    private SamTransform() {
    }

    /** Writes the transformed template (JSON) into {@code directory} and returns its path. */
    static Path run(MotoServer moto, Path directory, String bucket, String... parameters) throws IOException {
        Path script = directory.resolve("sam_transform.py");
        try (var in = SamTransform.class.getResourceAsStream("sam_transform.py")) {
            assertNotNull(in, "sam_transform.py is missing from the test resources");
            Files.copy(in, script);
        }
        Path output = directory.resolve("transformed.json");
        List<String> command = new ArrayList<>(List.of(python(), script.toString(),
                "--template", Project.template().toString(), "--bucket", bucket, "--output", output.toString(),
                "--build-dir", directory.resolve("build").toString()));
        for (String parameter : parameters) {
            command.addAll(List.of("--parameter", parameter));
        }
        ExternalCommand.Result result = ExternalCommand.run(command, Project.root(), moto.clientEnvironment(), HINT);
        assertEquals(0, result.exitCode(), "sam_transform.py failed (" + HINT + "):\n" + result.output());
        return output;
    }

    /** Removes a directory {@link #run} worked in, with what it built. */
    static void delete(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String python() {
        String configured = System.getProperty(MotoServer.PYTHON_PROPERTY, System.getenv(MotoServer.PYTHON_ENV));
        return configured == null || configured.isBlank() ? "python3" : configured;
    }
}
