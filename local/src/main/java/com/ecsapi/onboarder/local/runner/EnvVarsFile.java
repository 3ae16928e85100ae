package com.ecsapi.onboarder.local.runner;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.local.template.TemplateException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --env-vars} file of {@code sam local invoke}: {@code {"FunctionName": {"VAR": "value"}, "Parameters":
 * {"NAME": "value"}}}.
 *
 * <p>As in SAM CLI, {@code Parameters} overrides the variables of that name of every function that declares them (it
 * does not set template parameters: that is {@code --parameter-overrides}); a function's own section overrides its
 * variables. Only variables the function declares in the template are overridden, others are ignored: precedence
 * template &lt; caller's shell &lt; {@code Parameters} &lt; function section. A value that is null, an object or a
 * list becomes "", as SAM CLI does.
 */
public record EnvVarsFile(Map<String, String> parameters, Map<String, Map<String, String>> functions) {

    public static final EnvVarsFile NONE = new EnvVarsFile(Map.of(), Map.of());

    public EnvVarsFile {
        parameters = Map.copyOf(parameters);
        functions = Map.copyOf(functions);
    }

    public static EnvVarsFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the env-vars file " + file, e);
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (RuntimeException e) {
            throw new TemplateException("The env-vars file " + file + " is not valid JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new TemplateException("The env-vars file " + file + " must hold a JSON object");
        }
        Map<String, String> parameters = Map.of();
        Map<String, Map<String, String>> functions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> section : root.asObject().entrySet()) {
            if (!section.getValue().isObject()) {
                throw new TemplateException("Environment variables " + section.getKey() + " in " + file
                        + " are in an incorrect format: expected {\"" + section.getKey() + "\": {\"VAR\": \"value\"}}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            section.getValue().asObject().forEach((name, value) ->
                    values.put(name, value.isString() ? value.asString()
                            : value.isNull() || value.isObject() || value.isArray() ? "" : value.text()));
            if (section.getKey().equals("Parameters")) {
                parameters = values;
            } else {
                functions.put(section.getKey(), values);
            }
        }
        return new EnvVarsFile(parameters, functions);
    }

    /** The function's variables after the overrides of this file. */
    public Map<String, String> applyTo(String functionId, Map<String, String> declared) {
        Map<String, String> result = new LinkedHashMap<>(declared);
        overrideDeclared(result, parameters);
        overrideDeclared(result, functions.getOrDefault(functionId, Map.of()));
        return result;
    }

    private static void overrideDeclared(Map<String, String> variables, Map<String, String> overrides) {
        overrides.forEach((name, value) -> {
            if (variables.containsKey(name)) {
                variables.put(name, value);
            }
        });
    }
}
