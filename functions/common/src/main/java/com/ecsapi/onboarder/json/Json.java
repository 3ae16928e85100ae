package com.ecsapi.onboarder.json;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON on the SDK's own streaming parser and writer: no data-binding library, nothing reflective at start-up.
 */
public final class Json {

    private Json() {
    }

    public static JsonNode parse(String text) {
        return JsonNode.parser().parse(text);
    }

    /** The node at {@code path}, if every step exists and is not JSON {@code null}. */
    public static Optional<JsonNode> at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return Optional.empty();
            }
            current = current.asObject().get(step);
        }
        return current == null || current.isNull() ? Optional.empty() : Optional.of(current);
    }

    /** The text at {@code path}, if it is a string, number or boolean. */
    public static Optional<String> text(JsonNode node, String... path) {
        return at(node, path)
                .filter(value -> value.isString() || value.isNumber() || value.isBoolean())
                .map(JsonNode::text);
    }

    /** The array at {@code path}, or an empty list. */
    public static List<JsonNode> array(JsonNode node, String... path) {
        return at(node, path).filter(JsonNode::isArray).map(JsonNode::asArray).orElse(List.of());
    }

    /**
     * Writes maps (string keys), iterables, strings, numbers, booleans, enums and {@code null} as JSON.
     * Map order is kept, so a {@link java.util.LinkedHashMap} gives a stable field order.
     */
    public static String write(Object value) {
        JsonWriter writer = JsonWriter.create();
        writeValue(writer, value);
        return new String(writer.getBytes(), StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonWriter writer, Object value) {
        switch (value) {
            case null -> writer.writeNull();
            case String text -> writer.writeValue(text);
            case Boolean bool -> writer.writeValue(bool);
            case Integer number -> writer.writeValue(number);
            case Long number -> writer.writeValue(number);
            case Double number -> writer.writeValue(number);
            case Number number -> writer.writeNumber(number.toString());
            case Enum<?> constant -> writer.writeValue(constant.name());
            case Map<?, ?> map -> {
                writer.writeStartObject();
                map.forEach((key, item) -> {
                    writer.writeFieldName(String.valueOf(key));
                    writeValue(writer, item);
                });
                writer.writeEndObject();
            }
            case Iterable<?> items -> {
                writer.writeStartArray();
                items.forEach(item -> writeValue(writer, item));
                writer.writeEndArray();
            }
            default -> writer.writeValue(value.toString());
        }
    }
}
