package com.ecsapi.onboarder.onboarding.operator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest {

    @Test
    void explainTakesAClusterAndAServiceOrAPath() {
        Arguments named = Arguments.parse(List.of("explain", "shop", "orders", "--json", "--api", "a1", "--api", "b2",
                "--log-file", "onboarding.log", "--since-hours", "6"));
        Arguments byPath = Arguments.parse(List.of("explain", "--path", "/orders", "--stack", "prod-onboarder"));

        assertEquals("shop", named.cluster());
        assertEquals("orders", named.service());
        assertEquals(List.of("a1", "b2"), named.apis());
        assertEquals(Optional.of(Path.of("onboarding.log")), named.logFile());
        assertEquals(6, named.sinceHours());
        assertTrue(named.json());
        assertEquals(Optional.of("/orders"), byPath.path());
        assertEquals("prod-onboarder", byPath.stack());
        assertEquals(72, byPath.sinceHours());
    }

    @Test
    void whatCannotBeMeantIsRefusedWithWhy() {
        assertEquals("Name a tool: explain or inventory", refusal());
        assertEquals("explain takes <cluster> <service>, or --path /path", refusal("explain", "orders"));
        assertEquals("explain takes <cluster> <service>, or --path /path",
                refusal("explain", "shop", "orders", "--path", "/orders"));
        assertEquals("inventory takes options only", refusal("inventory", "shop"));
        assertEquals("Unknown option --apis", refusal("inventory", "--apis", "a1"));
        assertEquals("--since-hours needs a positive whole number, got 0", refusal("explain", "--path", "/o",
                "--since-hours", "0"));
        assertEquals("--stage needs a value", refusal("inventory", "--stage"));
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Arguments.parse(List.of(args))).getMessage();
    }
}
