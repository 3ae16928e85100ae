package com.ecsapi.onboarder.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInvokeArgumentsTest {

    @Test
    void readsSamStyleOptions() {
        LocalInvoke.Arguments arguments = LocalInvoke.Arguments.parse(new String[] {"OnboardingFunction",
                "-e", "events/onboarding-create-service.json", "--parameter-overrides", "ApiId=a1b2c3d4e5",
                "StageName=test", "--env-vars", "env.json", "--plan"});

        assertEquals("OnboardingFunction", arguments.function());
        assertEquals(Path.of("events/onboarding-create-service.json"), arguments.event());
        assertEquals(Path.of("env.json"), arguments.envVars());
        assertEquals(Map.of("ApiId", "a1b2c3d4e5", "StageName", "test"),
                arguments.parameterOverrides());
        assertTrue(arguments.plan());
    }

    @Test
    void withoutOptionsNothingIsOverriddenOrPlanned() {
        LocalInvoke.Arguments arguments = LocalInvoke.Arguments.parse(new String[] {"QuotaMonitorFunction",
                "-e", "events/quota-monitor-scheduled.json"});

        assertEquals(Map.of(), arguments.parameterOverrides());
        assertFalse(arguments.plan());
        assertEquals(Path.of("template.yaml"), arguments.template());
    }

    @Test
    void aParameterOverrideWithoutValueIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
                LocalInvoke.Arguments.parse(new String[] {"OnboardingFunction", "-e", "e.json",
                        "--parameter-overrides", "ApiId"}));
        assertTrue(error.getMessage().contains("KEY=VALUE"), error.getMessage());
    }
}
