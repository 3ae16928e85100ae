package com.ecsapi.onboarder.template.iam;

import java.util.List;
import java.util.Map;

/**
 * A policy statement with the template's intrinsics resolved. {@code id} says where it is written
 * (role/policy/Sid or index); each resource keeps the template text it came from, so a grant has one name
 * whatever the stack's values.
 *
 * @param conditions operator (e.g. {@code StringEquals}, {@code ForAnyValue:StringLike}) -> key -> values
 */
public record Statement(String id, boolean allow, List<String> actions, List<Resource> resources,
                        Map<String, Map<String, List<String>>> conditions) {

    public record Resource(String arn, String source) {
    }

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = Map.copyOf(conditions);
    }
}
