package com.ecsapi.onboarder.onboarding.model;

import java.util.Map;

/** A REST API resource (GetResources with embed=methods). The root has path {@code /} and no parent. */
public record RestResource(String id, String parentId, String path, Map<String, RestMethod> methods) {

    public RestResource {
        methods = Map.copyOf(methods);
    }
}
