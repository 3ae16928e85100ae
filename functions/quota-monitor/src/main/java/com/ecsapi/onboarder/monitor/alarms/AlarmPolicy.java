package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.monitor.metrics.QuotaMetric;
import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.Quota;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms the monitor keeps: one per quota and resource on its {@code Utilization}, at or above the threshold
 * for one 15-minute period (the monitor's default schedule), notifying the topic on ALARM and on OK. Missing data
 * keeps the alarm's state ({@code ignore}), so a slower schedule or a skipped run does not flap it.
 *
 * @param alarmTopicArn the SNS topic to notify; blank for alarms without actions
 */
public record AlarmPolicy(String namePrefix, String namespace, double thresholdPercent, String alarmTopicArn) {

    public static final String STATISTIC = "Maximum";
    public static final int PERIOD_SECONDS = 900;
    public static final String COMPARISON = "GreaterThanOrEqualToThreshold";
    public static final String TREAT_MISSING_DATA = "ignore";

    /** One alarm per reading, keyed by name (the first reading wins should two resources share a safe name). */
    public List<AlarmSpec> desired(Collection<QuotaReading> readings) {
        Map<String, AlarmSpec> byName = new LinkedHashMap<>();
        for (QuotaReading reading : readings) {
            AlarmSpec spec = alarm(reading.usage());
            byName.putIfAbsent(spec.name(), spec);
        }
        return List.copyOf(byName.values());
    }

    public AlarmSpec alarm(QuotaUsage usage) {
        List<String> actions = alarmTopicArn == null || alarmTopicArn.isBlank() ? List.of() : List.of(alarmTopicArn);
        return new AlarmSpec(
                AlarmNames.name(namePrefix, usage.quota().id(), usage.resource()),
                description(usage),
                namespace,
                QuotaMetric.UTILIZATION.metricName(),
                usage.quota().id(),
                usage.resource(),
                STATISTIC,
                PERIOD_SECONDS,
                1,
                1,
                thresholdPercent,
                COMPARISON,
                TREAT_MISSING_DATA,
                actions,
                actions);
    }

    /** Whether {@code alarm} is one this policy owns: our name prefix and quota ids, our namespace. */
    public boolean owns(AlarmSpec alarm) {
        return namespace.equals(alarm.namespace())
                && Arrays.stream(Quota.values())
                .anyMatch(quota -> alarm.name().startsWith(AlarmNames.quotaPrefix(namePrefix, quota.id())));
    }

    private static String description(QuotaUsage usage) {
        Quota quota = usage.quota();
        String where = usage.resource().equals(QuotaUsage.REGION) ? "this Region" : usage.resource();
        String pool = usage.inPool() ? " (pool " + usage.pool() + ")" : "";
        return quota.description() + " (" + quota.serviceCode() + " " + quota.quotaCode() + ") on " + where + pool
                + ": utilization at or above the threshold. Managed by the ECS API Onboarder quota monitor;"
                + " manual edits are overwritten.";
    }
}
