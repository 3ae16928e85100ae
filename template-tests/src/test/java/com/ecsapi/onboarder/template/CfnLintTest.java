package com.ecsapi.onboarder.template;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The template is clean for cfn-lint: no error, no warning, and no informational finding either. */
@Tag("emulator")
class CfnLintTest {

    private static final String INSTALL_HINT = "The template tests need cfn-lint: python3 -m pip install cfn-lint";

    @Test
    void cfnLintPrintsNothing() {
        assertClean(List.of("cfn-lint", "template.yaml"));
    }

    @Test
    void cfnLintPrintsNothingWithInformationalChecksIncluded() {
        assertClean(List.of("cfn-lint", "--include-checks", "I", "--", "template.yaml"));
    }

    private static void assertClean(List<String> command) {
        ExternalCommand.Result result = ExternalCommand.run(command, Project.root(), Map.of(), INSTALL_HINT);
        assertEquals("", result.output(), String.join(" ", command) + " printed findings");
        assertEquals(0, result.exitCode(), String.join(" ", command) + " exited non-zero");
    }
}
