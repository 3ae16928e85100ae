package com.ecsapi.onboarder.template.iam;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One AWS call a function made, as the test bed journaled it: service (SigV4 signing name), operation, HTTP method
 * and path, the request parameters, the tags of the ELB resources it names at call time, what it created.
 */
public record RecordedCall(FunctionRun run, String service, String operation, String method, String path,
                           JsonNode params, Map<String, Map<String, String>> resourceTags, List<String> created) {

    public RecordedCall {
        resourceTags = Map.copyOf(resourceTags);
        created = List.copyOf(created);
    }

    public String param(String name) {
        JsonNode value = params.isObject() ? params.asObject().get(name) : null;
        return value == null || value.isNull() ? null : value.isString() ? value.text() : value.toString();
    }

    /** The values of a query-protocol list parameter ({@code Name.member.1}, {@code Name.member.2}, ...). */
    public List<String> members(String name) {
        return params.asObject().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + ".member.")
                        && entry.getKey().substring(name.length() + ".member.".length()).matches("\\d+"))
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue().text())
                .toList();
    }

    @Override
    public String toString() {
        return service + ":" + operation + " (" + method + " " + path + ")";
    }
}
