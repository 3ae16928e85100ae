package com.ecsapi.onboarder.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A SAM template read for local runs: its functions, with parameters, globals and intrinsics resolved. */
public final class Template {

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;

    private final Path directory;
    private final Map<String, Object> document;

    private Template(Path directory, Map<String, Object> document) {
        this.directory = directory;
        this.document = document;
    }

    public static Template load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TemplateException("Template " + file + " does not exist (pass --template FILE or run from the "
                    + "directory holding template.yaml)");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Path directory = file.toAbsolutePath().getParent();
            return new Template(directory, CloudFormationYaml.parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + file, e);
        }
    }

    /** The directory the template is in: CodeUri paths (and the project's events/) are relative to it. */
    public Path directory() {
        return directory;
    }

    /** Logical ids of the template's {@code AWS::Serverless::Function} resources, in template order. */
    public List<String> functionIds() {
        return section("Resources").entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Map<?, ?> resource
                        && SERVERLESS_FUNCTION.equals(resource.get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The {@code Type} of each of the function's event sources ({@code SQS}, {@code Schedule}, ...). */
    public List<String> triggerTypes(String logicalId) {
        Map<String, Object> properties = map(map(section("Resources").get(logicalId)).get("Properties"));
        return map(properties.get("Events")).values().stream()
                .map(event -> String.valueOf(map(event).get("Type")))
                .toList();
    }

    /**
     * The function as {@code sam local invoke} would run it.
     *
     * @param parameterOverrides template parameter values that replace the parameters' defaults
     * @param region             the value of {@code AWS::Region}
     */
    public FunctionDefinition function(String logicalId, Map<String, String> parameterOverrides, String region) {
        if (!(section("Resources").get(logicalId) instanceof Map<?, ?> resource)
                || !SERVERLESS_FUNCTION.equals(resource.get("Type"))) {
            throw new TemplateException("Function '" + logicalId + "' not found in the template. Possible options: "
                    + String.join(", ", functionIds()));
        }
        Intrinsics intrinsics = new Intrinsics(parameterValues(parameterOverrides, region), listParameters(),
                section("Conditions"), section("Mappings"));
        Map<String, Object> globals = map(section("Globals").get("Function"));
        Map<String, Object> properties = map(resource.get("Properties"));

        String handler = string(intrinsics, property(properties, globals, "Handler"));
        if (handler.isEmpty()) {
            throw new TemplateException("Function '" + logicalId + "' has no Handler");
        }
        String codeUri = string(intrinsics, property(properties, globals, "CodeUri"));
        if (codeUri.isEmpty()) {
            throw new TemplateException("Function '" + logicalId + "' has no CodeUri");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.putAll(variables(intrinsics, globals));
        environment.putAll(variables(intrinsics, properties));
        Object loggingConfig = intrinsics.resolve(property(properties, globals, "LoggingConfig"));
        return new FunctionDefinition(
                logicalId,
                handler,
                directory.resolve(codeUri).normalize(),
                string(intrinsics, map(resource.get("Metadata")).get("BuildMethod")),
                string(intrinsics, property(properties, globals, "Runtime")),
                number(intrinsics, property(properties, globals, "Timeout"), DEFAULT_TIMEOUT_SECONDS),
                number(intrinsics, property(properties, globals, "MemorySize"), DEFAULT_MEMORY_MB),
                string(intrinsics, map(loggingConfig).get("LogGroup")),
                environment);
    }

    private Map<String, String> parameterValues(Map<String, String> overrides, String region) {
        Map<String, String> values = new HashMap<>(Intrinsics.pseudoParameters(region));
        section("Parameters").forEach((name, definition) -> {
            Object defaultValue = map(definition).get("Default");
            if (defaultValue != null) {
                values.put(name, defaultValue instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(defaultValue));
            }
        });
        overrides.forEach((name, value) -> {
            if (section("Parameters").containsKey(name)) {
                values.put(name, value);
            }
        });
        return values;
    }

    private Set<String> listParameters() {
        Set<String> names = new HashSet<>();
        section("Parameters").forEach((name, definition) -> {
            String type = String.valueOf(map(definition).get("Type"));
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * The variables declared under {@code Environment.Variables}, as SAM CLI hands them over: every declared name is
     * present, and a value it cannot resolve ({@code !Ref AWS::NoValue}, also inside {@code !If}) or none is "".
     */
    private static Map<String, String> variables(Intrinsics intrinsics, Map<String, Object> owner) {
        Map<String, String> variables = new LinkedHashMap<>();
        map(map(owner.get("Environment")).get("Variables")).forEach((name, value) ->
                variables.put(name, value == null ? "" : intrinsics.resolveToString(value)));
        return variables;
    }

    private static Object property(Map<String, Object> properties, Map<String, Object> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    private static String string(Intrinsics intrinsics, Object value) {
        return value == null ? "" : intrinsics.resolveToString(value);
    }

    private static int number(Intrinsics intrinsics, Object value, int fallback) {
        String text = string(intrinsics, value);
        try {
            return text.isEmpty() ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException("Expected a number, got '" + text + "'");
        }
    }

    private Map<String, Object> section(String name) {
        return map(document.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
