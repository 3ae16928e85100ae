package com.ecsapi.onboarder.monitor.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExhaustionForecastTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static UsageSample daysAgo(double days, double usage) {
        return new UsageSample(NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60))), usage);
    }

    @Test
    void linearGrowthForecastsTheRemainingHeadroomOverTheSlope() {
        List<UsageSample> history = List.of(daysAgo(10, 22), daysAgo(5, 32));

        double days = ExhaustionForecast.daysToExhaustion(history, new UsageSample(NOW, 42), 50).orElseThrow();

        assertEquals(4.0, days, 1e-9);
    }

    @Test
    void noisyGrowthUsesTheLeastSquaresSlope() {
        // slope of the fit through (0,10) (1,14) (2,12) (3,16) is 1.6/day; from 16 to 40 takes 15 days
        List<UsageSample> history = List.of(daysAgo(3, 10), daysAgo(2, 14), daysAgo(1, 12));

        double days = ExhaustionForecast.daysToExhaustion(history, new UsageSample(NOW, 16), 40).orElseThrow();

        assertEquals(15.0, days, 1e-9);
    }

    @Test
    void flatOrShrinkingUsageHasNoForecast() {
        assertTrue(ExhaustionForecast.daysToExhaustion(List.of(daysAgo(4, 5), daysAgo(2, 5)),
                new UsageSample(NOW, 5), 50).isEmpty());
        assertTrue(ExhaustionForecast.daysToExhaustion(List.of(daysAgo(4, 9), daysAgo(2, 7)),
                new UsageSample(NOW, 5), 50).isEmpty());
    }

    @Test
    void thinHistoryHasNoForecast() {
        assertTrue(ExhaustionForecast.daysToExhaustion(List.of(daysAgo(3, 1)),
                new UsageSample(NOW, 9), 50).isEmpty(), "two samples are not a trend");
        assertTrue(ExhaustionForecast.daysToExhaustion(List.of(daysAgo(0.1, 1), daysAgo(0.05, 2)),
                new UsageSample(NOW, 9), 50).isEmpty(), "less than six hours of history");
    }

    @Test
    void aQuotaAtOrPastItsLimitIsExhaustedNow() {
        assertEquals(0.0, ExhaustionForecast.daysToExhaustion(List.of(), new UsageSample(NOW, 50), 50).orElseThrow());
        assertEquals(0.0, ExhaustionForecast.daysToExhaustion(List.of(), new UsageSample(NOW, 51), 50).orElseThrow());
    }

    @Test
    void samplesAtOrAfterNowAreIgnored() {
        List<UsageSample> history = List.of(daysAgo(10, 22), daysAgo(5, 32),
                new UsageSample(NOW, 1), new UsageSample(NOW.plusSeconds(3600), 1));

        assertEquals(4.0, ExhaustionForecast.daysToExhaustion(history, new UsageSample(NOW, 42), 50).orElseThrow(), 1e-9);
    }
}
