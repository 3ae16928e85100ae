package com.ecsapi.onboarder.monitor.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Days until a quota is exhausted, from its recent usage history.
 *
 * <p>Method: an ordinary least-squares line through the samples of the lookback window (history from
 * {@code GetMetricData} plus this run's measurement), time in days. Its slope is the growth rate; the forecast
 * is {@code (limit - current usage) / slope}, measured from the current usage. There is no forecast (empty)
 * when usage does not grow (slope &lt;= 0), or when the history is too thin to speak of a trend: fewer than
 * {@value #MIN_SAMPLES} samples or less than {@link #MIN_SPAN} between the first and the last. A quota already
 * at or past its limit forecasts 0.
 */
public final class ExhaustionForecast {

    public static final int MIN_SAMPLES = 3;
    public static final Duration MIN_SPAN = Duration.ofHours(6);

    private static final double SECONDS_PER_DAY = 86_400.0;

    private ExhaustionForecast() {
    }

    public static OptionalDouble daysToExhaustion(List<UsageSample> history, UsageSample current, double limit) {
        if (current.usage() >= limit) {
            return OptionalDouble.of(0);
        }
        List<UsageSample> samples = new ArrayList<>();
        history.stream().filter(sample -> sample.at().isBefore(current.at())).forEach(samples::add);
        samples.add(current);
        Instant first = samples.stream().map(UsageSample::at).min(Instant::compareTo).orElseThrow();
        if (samples.size() < MIN_SAMPLES || Duration.between(first, current.at()).compareTo(MIN_SPAN) < 0) {
            return OptionalDouble.empty();
        }
        double slopePerDay = slopePerDay(samples, first);
        if (!(slopePerDay > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((limit - current.usage()) / slopePerDay);
    }

    private static double slopePerDay(List<UsageSample> samples, Instant origin) {
        int n = samples.size();
        double[] days = new double[n];
        double meanDay = 0;
        double meanUsage = 0;
        for (int i = 0; i < n; i++) {
            days[i] = Duration.between(origin, samples.get(i).at()).toMillis() / 1000.0 / SECONDS_PER_DAY;
            meanDay += days[i] / n;
            meanUsage += samples.get(i).usage() / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (days[i] - meanDay) * (samples.get(i).usage() - meanUsage);
            variance += (days[i] - meanDay) * (days[i] - meanDay);
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
