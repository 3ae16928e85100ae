package com.ecsapi.onboarder.local.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * What running one function needs, resolved from the template.
 *
 * @param environment the function's variables (Globals merged under the function's own), intrinsics resolved
 */
public record FunctionDefinition(String logicalId, String handler, Path codeUri, String runtime, int timeoutSeconds,
                                 int memoryMb, Map<String, String> environment) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
    }
}
