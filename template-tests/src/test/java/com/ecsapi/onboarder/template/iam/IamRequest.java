package com.ecsapi.onboarder.template.iam;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One authorisation AWS makes for a call: the IAM action, the ARN it acts on ({@code *} where the action has no
 * resource-level permission) and the condition keys the request context carries.
 */
public record IamRequest(String action, String resource, Map<String, List<String>> context) {

    public IamRequest {
        context = Collections.unmodifiableSortedMap(new TreeMap<>(context));
    }

    public static IamRequest of(String action, String resource) {
        return new IamRequest(action, resource, Map.of());
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
    }
}
