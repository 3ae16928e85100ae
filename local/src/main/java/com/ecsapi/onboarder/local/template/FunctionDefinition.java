package com.ecsapi.onboarder.local.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * What running one function needs, resolved from the template.
 *
 * @param codeUri     the CodeUri: a .jar/.zip file, or the directory its make target builds from
 * @param buildMethod the {@code Metadata} {@code BuildMethod} ({@code makefile}, ...), "" when the template has none
 * @param logGroup    the {@code LoggingConfig} {@code LogGroup} (resolved), "" when the function has none
 * @param environment the variables the template declares (Globals merged under the function's own), each resolved
 *                    to a string as SAM CLI does: what it cannot resolve, {@code AWS::NoValue} included, is ""
 */
public record FunctionDefinition(String logicalId, String handler, Path codeUri, String buildMethod, String runtime,
                                 int timeoutSeconds, int memoryMb, String logGroup, Map<String, String> environment) {

    public static final String MAKEFILE = "makefile";

    public FunctionDefinition {
        environment = Map.copyOf(environment);
    }

    /** Built like {@code sam build} does for {@code BuildMethod: makefile}: {@code make build-<LogicalId>}. */
    public boolean builtWithMake() {
        return MAKEFILE.equalsIgnoreCase(buildMethod);
    }
}
