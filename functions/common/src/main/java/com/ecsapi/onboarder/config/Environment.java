package com.ecsapi.onboarder.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a function's environment variables, with errors that name the variable. */
public final class Environment {

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "Environment variable " + name + " is required but not set"));
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return optional(name).map(value -> parseInt(name, value)).orElse(fallback);
    }

    public double decimal(String name, double fallback) {
        return optional(name).map(value -> {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Environment variable " + name + " must be a number, was '" + value + "'");
            }
        }).orElse(fallback);
    }

    public boolean bool(String name, boolean fallback) {
        return optional(name).map(value -> switch (value.toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalStateException(
                    "Environment variable " + name + " must be true or false, was '" + value + "'");
        }).orElse(fallback);
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name) {
        return optional(name).map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " must be an integer, was '" + value + "'");
        }
    }
}
