package com.ecsapi.onboarder.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packages the fixture handlers as a function jar, with aws-lambda-java-events and joda-time as a real function jar
 * bundles them, and copies a fixture template next to it.
 */
final class FixtureFunctionJar {

    private static final String FIXTURE_PACKAGE = "com/ecsapi/onboarder/local/fixture/";

    private FixtureFunctionJar() {
    }

    /**
     * Writes {@code fixture-function.jar}, {@code template.yaml} (from the resource) and the fixture {@code Makefile}
     * (its {@code build-<LogicalId>} targets copy that jar) into the directory.
     */
    static Path build(Path directory, String templateResource) throws IOException, URISyntaxException {
        Path template = directory.resolve("template.yaml");
        try (InputStream in = FixtureFunctionJar.class.getResourceAsStream(templateResource)) {
            Files.copy(in, template);
        }
        try (InputStream in = FixtureFunctionJar.class.getResourceAsStream("/fixture/Makefile")) {
            Files.copy(in, directory.resolve("Makefile"));
        }
        Path testClasses = Path.of(FixtureFunctionJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> libraries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(path -> path.getFileName().toString().startsWith("aws-lambda-java-events")
                        || path.getFileName().toString().startsWith("joda-time"))
                .toList();
        if (libraries.size() != 2) {
            throw new IllegalStateException("aws-lambda-java-events and joda-time must be on the test classpath: "
                    + libraries);
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(directory.resolve("fixture-function.jar")))) {
            Set<String> written = new HashSet<>();
            try (Stream<Path> classes = Files.walk(testClasses.resolve(FIXTURE_PACKAGE))) {
                for (Path file : classes.filter(Files::isRegularFile).toList()) {
                    add(jar, written, testClasses.relativize(file).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(file));
                }
            }
            for (Path library : libraries) {
                try (JarFile libraryJar = new JarFile(library.toFile())) {
                    for (Enumeration<JarEntry> entries = libraryJar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                            try (InputStream in = libraryJar.getInputStream(entry)) {
                                add(jar, written, entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
        return template;
    }

    private static void add(JarOutputStream jar, Set<String> written, String name, byte[] content) throws IOException {
        if (written.add(name)) {
            jar.putNextEntry(new JarEntry(name));
            jar.write(content);
            jar.closeEntry();
        }
    }
}
