package com.ecsapi.onboarder.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    private final Environment environment = Environment.of(Map.of(
            "LISTENER_PORT_MIN", "10000",
            "BROKEN_PORT", "ten",
            "CLUSTERS", " prod, ,staging ",
            "DRY_RUN", "TRUE",
            "BLANK", "  "));

    @Test
    void readsTypedValuesWithFallbacks() {
        assertEquals(10000, environment.integer("LISTENER_PORT_MIN", 1));
        assertEquals(10999, environment.integer("LISTENER_PORT_MAX", 10999));
        assertEquals(List.of("prod", "staging"), environment.list("CLUSTERS"));
        assertTrue(environment.bool("DRY_RUN", false));
        assertEquals("prod", environment.string("BLANK", "prod"));
        assertFalse(environment.optional("BLANK").isPresent());
    }

    @Test
    void errorsNameTheVariable() {
        IllegalStateException badInteger = assertThrows(IllegalStateException.class,
                () -> environment.integer("BROKEN_PORT", 1));
        assertTrue(badInteger.getMessage().contains("BROKEN_PORT"));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> environment.required("DEFAULT_API_ID"));
        assertTrue(missing.getMessage().contains("DEFAULT_API_ID"));
    }
}
