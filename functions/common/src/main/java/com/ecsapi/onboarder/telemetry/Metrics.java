package com.ecsapi.onboarder.telemetry;

import com.ecsapi.onboarder.json.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects metrics during one invocation and writes them as CloudWatch Embedded Metric Format documents:
 * one log line per distinct set of dimensions, values of the same metric summed. No PutMetricData call,
 * so publishing costs the function nothing.
 */
public final class Metrics {

    public enum Unit { Count, Milliseconds, Percent, None }

    private record Key(String name, Unit unit, Map<String, String> dimensions) {
    }

    private final String namespace;
    private final Map<String, String> defaultDimensions;
    private final PrintStream out;
    private final Clock clock;
    private final Map<Key, Double> values = new LinkedHashMap<>();

    private Metrics(String namespace, Map<String, String> defaultDimensions, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.defaultDimensions = Map.copyOf(defaultDimensions);
        this.out = out;
        this.clock = clock;
    }

    public static Metrics create(String namespace, Map<String, String> defaultDimensions) {
        return new Metrics(namespace, defaultDimensions, System.out, Clock.systemUTC());
    }

    public static Metrics create(String namespace, Map<String, String> defaultDimensions, PrintStream out, Clock clock) {
        return new Metrics(namespace, defaultDimensions, out, clock);
    }

    public void count(String name) {
        add(name, 1, Unit.Count, Map.of());
    }

    public void count(String name, Map<String, String> dimensions) {
        add(name, 1, Unit.Count, dimensions);
    }

    public synchronized void add(String name, double value, Unit unit, Map<String, String> dimensions) {
        Map<String, String> all = new TreeMap<>(defaultDimensions);
        all.putAll(dimensions);
        values.merge(new Key(name, unit, Map.copyOf(all)), value, Double::sum);
    }

    /** Writes what was collected since the last flush, one EMF document per dimension set. */
    public synchronized void flush() {
        Map<Map<String, String>, List<Map.Entry<Key, Double>>> byDimensions = new LinkedHashMap<>();
        values.entrySet().forEach(entry ->
                byDimensions.computeIfAbsent(entry.getKey().dimensions(), d -> new ArrayList<>()).add(entry));
        long timestamp = clock.millis();
        byDimensions.forEach((dimensions, entries) -> out.println(Json.write(document(timestamp, dimensions, entries))));
        values.clear();
    }

    private Map<String, Object> document(long timestamp, Map<String, String> dimensions,
                                         List<Map.Entry<Key, Double>> entries) {
        List<Map<String, Object>> definitions = new ArrayList<>();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of(
                "Timestamp", timestamp,
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", namespace,
                        "Dimensions", List.of(List.copyOf(new TreeMap<>(dimensions).keySet())),
                        "Metrics", definitions))));
        document.putAll(new TreeMap<>(dimensions));
        for (Map.Entry<Key, Double> entry : entries) {
            definitions.add(Map.of("Name", entry.getKey().name(), "Unit", entry.getKey().unit()));
            document.put(entry.getKey().name(), entry.getValue());
        }
        return document;
    }
}
