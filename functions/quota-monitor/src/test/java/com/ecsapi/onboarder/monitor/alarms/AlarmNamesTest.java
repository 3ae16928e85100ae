package com.ecsapi.onboarder.monitor.alarms;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmNamesTest {

    @Test
    void namesArePrefixQuotaAndResource() {
        assertEquals("prod-onboarder-listeners-per-nlb-shared-nlb-1",
                AlarmNames.name("prod-onboarder", "listeners-per-nlb", "shared-nlb-1"));
        assertEquals("prod-onboarder-vpc-links-v1-region", AlarmNames.name("prod-onboarder", "vpc-links-v1", "region"));
    }

    @Test
    void unsafeCharactersBecomeUnderscores() {
        assertEquals("my_stack-routes-per-http-api-a_b_c", AlarmNames.name("my stack", "routes-per-http-api", "a/b:c"));
    }

    @Test
    void longNamesAreCutDeterministicallyAndStayDistinct() {
        String longResource = "r".repeat(300);
        String name = AlarmNames.name("stack", "listeners-per-nlb", longResource);
        String other = AlarmNames.name("stack", "listeners-per-nlb", longResource + "x");

        assertEquals(AlarmNames.MAX_LENGTH, name.length());
        assertEquals(name, AlarmNames.name("stack", "listeners-per-nlb", longResource));
        assertNotEquals(name, other);
        assertTrue(name.matches("stack-listeners-per-nlb-r+-[0-9a-f]{8}"), name);
    }
}
