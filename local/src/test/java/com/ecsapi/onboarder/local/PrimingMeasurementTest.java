package com.ecsapi.onboarder.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PrimingMeasurementTest {

    private static final String EVENTS = """
            START RequestId: a Version: $LATEST
            REPORT RequestId: a\tDuration: 300.00 ms\tHandler Duration: 240.50 ms\tInit Duration: 900.00 ms\tMemory Size: 512 MB\tFresh JVM to first event handled: 2000 ms
            REPORT RequestId: b\tDuration: 90.00 ms\tHandler Duration: 80.00 ms\tMemory Size: 512 MB
            REPORT RequestId: c\tDuration: 70.00 ms\tHandler Duration: 60.00 ms\tMemory Size: 512 MB
            REPORT RequestId: d\tDuration: 110.00 ms\tHandler Duration: 100.00 ms\tMemory Size: 512 MB
            """;

    @Test
    void theFirstEventAgainstTheMedianOfTheWarmOnes() {
        PrimingMeasurement.Run run = PrimingMeasurement.parse(
                "SNAPSTART hooks: 1 resources, beforeCheckpoint and afterRestore took 812.25 ms\n" + EVENTS, 4, true);

        assertEquals(new PrimingMeasurement.Run(240.5, 80.0, 300.0, 90.0, 812.25), run);
        assertEquals(240.5 / 80.0, run.ratio());
        assertEquals(300.0 / 90.0, run.invocationRatio());
    }

    @Test
    void aPrimedRunWithoutHooksOrWithMissingEventsIsNoMeasurement() {
        assertNull(PrimingMeasurement.parse(EVENTS, 4, true), "no hooks ran");
        assertNull(PrimingMeasurement.parse(
                "SNAPSTART hooks: 0 resources, beforeCheckpoint and afterRestore took 0.10 ms\n" + EVENTS, 4, true),
                "no hook registered");
        assertNull(PrimingMeasurement.parse(EVENTS, 5, false), "an event is missing");
        assertEquals(90.0, PrimingMeasurement.median(List.of(100.0, 80.0)));
    }
}
