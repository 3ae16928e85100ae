package com.ecsapi.onboarder.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are: the root is handed over by Maven (surefire's {@code project.root}). */
final class Project {

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("project.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent()).normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("No template.yaml in " + root + " (run the tests through Maven)");
        }
        return root;
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static Path event(String fileName) {
        return root().resolve("events").resolve(fileName);
    }
}
