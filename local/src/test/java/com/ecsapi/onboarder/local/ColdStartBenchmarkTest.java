package com.ecsapi.onboarder.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColdStartBenchmarkTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals("700", ColdStartBenchmark.medianOf(List.of(900L, 700L, 650L, 1200L, 690L)));
        assertEquals("695", ColdStartBenchmark.medianOf(List.of(700L, 690L)));
        assertEquals("-", ColdStartBenchmark.medianOf(List.of()));
    }

    @Test
    void sampleEventPrefixIsTheKebabNameWithoutFunction() {
        assertEquals("quota-monitor", ColdStartBenchmark.kebab("QuotaMonitorFunction".replaceFirst("Function$", "")));
        assertEquals("onboarding", ColdStartBenchmark.kebab("Onboarding"));
        assertEquals("reconcile-sweep", ColdStartBenchmark.kebab("ReconcileSweep"));
    }
}
