package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the journals the test bed writes for function runs (moto_launcher.py, CallJournal): JSON lines. */
public final class CallJournal {

    private CallJournal() {
    }

    public static List<RecordedCall> read(List<Path> files) {
        List<RecordedCall> calls = new ArrayList<>();
        for (Path file : files) {
            Map<String, FunctionRun> runs = new HashMap<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    JsonNode entry = Json.parse(line);
                    String session = Json.text(entry, "session").orElseThrow();
                    if (Json.text(entry, "kind").orElseThrow().equals("session")) {
                        runs.put(session, new FunctionRun(session, Json.text(entry, "function").orElseThrow(),
                                strings(entry, "environment"), strings(entry, "parameters")));
                    } else {
                        calls.add(call(entry, runs.get(session)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the call journal " + file, e);
            }
        }
        return calls;
    }

    private static RecordedCall call(JsonNode entry, FunctionRun run) {
        if (run == null) {
            throw new IllegalStateException("a journaled call without its session line: " + entry);
        }
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        Json.at(entry, "resourceTags").ifPresent(all -> all.asObject()
                .forEach((arn, resourceTags) -> tags.put(arn, strings(resourceTags))));
        return new RecordedCall(run, Json.text(entry, "service").orElseThrow(), Json.text(entry, "operation").orElseThrow(),
                Json.text(entry, "method").orElseThrow(), Json.text(entry, "path").orElseThrow(),
                Json.at(entry, "params").orElseThrow(), tags,
                Json.array(entry, "created").stream().map(JsonNode::text).toList());
    }

    private static Map<String, String> strings(JsonNode entry, String field) {
        return Json.at(entry, field).map(CallJournal::strings).orElse(Map.of());
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.asObject().forEach((key, value) -> map.put(key, value.text()));
        return map;
    }
}
