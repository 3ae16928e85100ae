package com.ecsapi.onboarder.onboarding.model;

import java.util.Map;

/**
 * A REST API stage and what it serves: the methods of the deployment it points at (GetExport of the stage), by
 * path and HTTP method. That can differ from the API's resources until the stage is deployed again.
 */
public record DeployedStage(String name, Map<String, Map<String, RestMethod>> methodsByPath) {

    public DeployedStage {
        methodsByPath = Map.copyOf(methodsByPath);
    }
}
