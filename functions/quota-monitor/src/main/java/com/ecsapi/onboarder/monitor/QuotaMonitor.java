package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.monitor.alarms.AlarmNames;
import com.ecsapi.onboarder.monitor.alarms.AlarmPlan;
import com.ecsapi.onboarder.monitor.alarms.AlarmPolicy;
import com.ecsapi.onboarder.monitor.alarms.AlarmSpec;
import com.ecsapi.onboarder.monitor.alarms.CloudWatchAlarms;
import com.ecsapi.onboarder.monitor.failures.ItemFailure;
import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.monitor.forecast.ExhaustionForecast;
import com.ecsapi.onboarder.monitor.forecast.UsageSample;
import com.ecsapi.onboarder.monitor.increases.IncreaseDecision;
import com.ecsapi.onboarder.monitor.increases.IncreaseOutcome;
import com.ecsapi.onboarder.monitor.increases.QuotaIncreaseRequests;
import com.ecsapi.onboarder.monitor.internal.CallCounter;
import com.ecsapi.onboarder.monitor.metrics.CloudWatchQuotaMetrics;
import com.ecsapi.onboarder.monitor.metrics.QuotaDatum;
import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.monitor.usage.ApiGatewayUsageReader;
import com.ecsapi.onboarder.monitor.usage.ElbUsageReader;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;
import com.ecsapi.onboarder.quota.QuotaLimits;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One monitoring run: count usage, read each limit once, forecast from the Usage history, publish the metrics,
 * bring the alarms in line, then (opt-in) ask Service Quotas to raise the quotas about to run out. Answers a summary
 * of what it measured, published, changed and requested.
 *
 * <p>Each quota, metric batch and alarm is independent: an AWS call that fails for good (the SDK's retries spent)
 * costs only its item. The run goes on, logs each such failure with its reason, counts it in
 * {@value #ITEM_FAILURES_METRIC} (Embedded Metric Format, dimension {@code Function}, and {@code Function} +
 * {@code Call}) and lists it in the summary's {@code itemFailures}. An alarm whose series could not be read is
 * left as it is.
 */
public final class QuotaMonitor {

    public static final String ITEM_FAILURES_METRIC = "MonitorItemFailures";
    public static final String INCREASE_REQUESTED_METRIC = "QuotaIncreaseRequested";
    public static final String INCREASE_SKIPPED_METRIC = "QuotaIncreaseSkipped";
    private static final String GET_SERVICE_QUOTA = "ServiceQuotas:GetServiceQuota";

    private final MonitorSettings settings;
    private final ElbUsageReader elbUsage;
    private final ApiGatewayUsageReader apiUsage;
    private final Supplier<QuotaLimits> limitsPerRun;
    private final CloudWatchQuotaMetrics metrics;
    private final CloudWatchAlarms alarms;
    private final QuotaIncreaseRequests increases;
    private final CallCounter calls;
    private final StructuredLog log;
    private final Metrics runMetrics;
    private final Clock clock;

    /** @param runMetrics the run's own metrics (EMF), e.g. {@value #ITEM_FAILURES_METRIC} */
    public QuotaMonitor(MonitorSettings settings, ElbUsageReader elbUsage, ApiGatewayUsageReader apiUsage,
                        Supplier<QuotaLimits> limitsPerRun, CloudWatchQuotaMetrics metrics, CloudWatchAlarms alarms,
                        QuotaIncreaseRequests increases, CallCounter calls, StructuredLog log, Metrics runMetrics,
                        Clock clock) {
        this.settings = settings;
        this.elbUsage = elbUsage;
        this.apiUsage = apiUsage;
        this.limitsPerRun = limitsPerRun;
        this.metrics = metrics;
        this.alarms = alarms;
        this.increases = increases;
        this.calls = calls;
        this.log = log;
        this.runMetrics = runMetrics;
        this.clock = clock;
    }

    public Map<String, Object> run() {
        calls.clear();
        Instant started = clock.instant();
        Laps laps = new Laps(clock, started);
        List<String> warnings = new ArrayList<>();
        ItemFailures failures = new ItemFailures();

        List<QuotaUsage> usages = new ArrayList<>(elbUsage.read(failures));
        usages.addAll(apiUsage.read(settings.monitoredApiIds(),
                apiId -> warnings.add("MONITORED_API_IDS names " + apiId + ", which is neither a REST API nor an HTTP API"),
                failures));
        laps.lap("usage");

        QuotaLimits limits = limitsPerRun.get();
        Map<Quota, QuotaLimit> limitByQuota = new EnumMap<>(Quota.class);
        usages.forEach(usage -> limitByQuota.computeIfAbsent(usage.quota(), limits::limit));
        limitByQuota.values().stream()
                .filter(limit -> limit.source() == QuotaLimit.Source.DOCUMENTED_DEFAULT)
                .forEach(limit -> failures.add(new ItemFailure(GET_SERVICE_QUOTA, limit.quota().id(),
                        "ServiceQuotasDidNotAnswer", "measured against the documented default " + limit.value(),
                        "Service Quotas answered neither the applied value nor AWS's default")));
        laps.lap("limits");

        Instant now = clock.instant();
        Map<QuotaUsage.SeriesKey, List<UsageSample>> history = metrics.usageHistory(
                usages.stream().map(QuotaUsage::key).toList(),
                now.minus(Duration.ofDays(settings.forecastLookbackDays())), now, failures);
        List<QuotaReading> readings = usages.stream().map(usage -> {
            QuotaLimit limit = limitByQuota.get(usage.quota());
            double days = ExhaustionForecast.daysToExhaustion(history.getOrDefault(usage.key(), List.of()),
                    new UsageSample(now, usage.usage()), limit.value()).orElse(QuotaReading.NO_FORECAST);
            return new QuotaReading(usage, limit, days);
        }).toList();
        laps.lap("forecast");

        List<QuotaDatum> datums = readings.stream().flatMap(reading -> reading.datums().stream()).toList();
        CloudWatchQuotaMetrics.Publication publication = metrics.publish(datums, now, failures);
        laps.lap("publish");

        AlarmPolicy policy = new AlarmPolicy(settings.alarmNamePrefix(), settings.namespace(),
                settings.alarmThresholdPercent(), settings.alarmTopicArn());
        Optional<List<AlarmSpec>> existing = alarms.list(AlarmNames.prefix(settings.alarmNamePrefix()), failures);
        AlarmPlan plan = existing.map(current -> AlarmPlan.of(policy, policy.desired(readings), current,
                failures.unread(), settings.maxAlarmWritesPerRun())).orElse(AlarmPlan.NONE);
        CloudWatchAlarms.AlarmWrites writes = alarms.apply(plan, failures);
        laps.lap("alarms");

        List<IncreaseDecision> increaseDecisions = increases.requestWhereDue(settings.increasePolicy(), readings,
                failures);
        laps.lap("increases");

        reportIncreases(increaseDecisions);
        reportFailures(failures.all());
        Map<String, Object> summary = summary(readings, limitByQuota, publication, plan, writes, failures.all(),
                warnings, Duration.between(started, clock.instant()));
        summary.put("increaseRequests", increaseDecisions.stream().map(IncreaseDecision::summary).toList());
        summary.put("phaseMillis", laps.millis());
        warnings.forEach(warning -> log.warn(warning, Map.of()));
        log.info("Quota monitor run finished", summary);
        return summary;
    }

    /**
     * One log line and one metric per quota due for an increase: {@value #INCREASE_REQUESTED_METRIC} (dimension
     * {@code Quota}) for a request made, {@value #INCREASE_SKIPPED_METRIC} ({@code Quota}, {@code Reason}) for one not
     * made. Flushed with the item failures.
     */
    private void reportIncreases(List<IncreaseDecision> decisions) {
        for (IncreaseDecision decision : decisions) {
            String quota = decision.candidate().limit().quota().id();
            if (decision.outcome() == IncreaseOutcome.REQUESTED) {
                log.info("Quota increase requested", decision.summary());
                runMetrics.count(INCREASE_REQUESTED_METRIC, Map.of("Quota", quota));
            } else {
                log.info("Quota increase not requested", decision.summary());
                runMetrics.count(INCREASE_SKIPPED_METRIC, Map.of("Quota", quota, "Reason", decision.outcome().reason()));
            }
        }
    }

    /** One log line per failed item, and {@value #ITEM_FAILURES_METRIC}: 0 on a clean run, so the series exists. */
    private void reportFailures(List<ItemFailure> failures) {
        for (ItemFailure failure : failures) {
            Map<String, Object> fields = new LinkedHashMap<>(failure.summary());
            fields.put("error", failure.detail());
            log.warn("Monitor item failed; the run goes on without it", fields);
            runMetrics.count(ITEM_FAILURES_METRIC, Map.of("Call", failure.call()));
        }
        runMetrics.add(ITEM_FAILURES_METRIC, failures.size(), Metrics.Unit.Count, Map.of());
        runMetrics.flush();
    }

    private Map<String, Object> summary(List<QuotaReading> readings, Map<Quota, QuotaLimit> limitByQuota,
                                        CloudWatchQuotaMetrics.Publication publication, AlarmPlan plan,
                                        CloudWatchAlarms.AlarmWrites writes, List<ItemFailure> failures,
                                        List<String> warnings, Duration duration) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limitByQuota.forEach((quota, limit) -> limits.put(quota.id(),
                Map.of("value", limit.value(), "source", limit.source().name())));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("quotasMeasured", readings.size());
        summary.put("poolMembers", readings.stream().filter(reading -> reading.usage().inPool()).count());
        summary.put("forecasts", readings.stream().filter(QuotaReading::hasForecast).count());
        summary.put("limits", limits);
        summary.put("metricsPublished", publication.published());
        summary.put("putMetricDataCalls", publication.calls());
        summary.put("alarmsCreated", writes.created());
        summary.put("alarmsUpdated", writes.updated());
        summary.put("alarmsDeleted", writes.deleted());
        summary.put("alarmsUnchanged", plan.unchanged());
        summary.put("alarmsDeferred", plan.deferred());
        summary.put("alarmsHeld", plan.held());
        summary.put("itemFailures", failures.stream().map(ItemFailure::summary).toList());
        summary.put("calls", calls.snapshot());
        summary.put("totalCalls", calls.total());
        summary.put("durationMillis", duration.toMillis());
        summary.put("warnings", List.copyOf(warnings));
        return summary;
    }

    /** Wall time per phase of the run, for the summary. */
    private static final class Laps {
        private final Clock clock;
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private Instant last;

        Laps(Clock clock, Instant start) {
            this.clock = clock;
            this.last = start;
        }

        void lap(String phase) {
            Instant now = clock.instant();
            millis.put(phase, Duration.between(last, now).toMillis());
            last = now;
        }

        Map<String, Long> millis() {
            return new LinkedHashMap<>(millis);
        }
    }
}
