package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.monitor.increases.IncreasePolicy;
import com.ecsapi.onboarder.monitor.metrics.QuotaMetric;

import java.util.List;

/**
 * QuotaMonitorFunction's configuration, from its environment:
 * {@code QUOTA_METRICS_NAMESPACE} (default {@code EcsApiOnboarder/Quotas}), {@code METRICS_NAMESPACE} (the run's
 * own metrics such as {@code MonitorItemFailures}; default {@code EcsApiOnboarder}), {@code ALARM_TOPIC_ARN} (blank: alarms
 * without actions), {@code ALARM_THRESHOLD_PERCENT} (default 80), {@code ALARM_NAME_PREFIX} (default
 * {@code ecs-api-onboarder}; the template sets the stack name), {@code MONITORED_API_IDS} (comma list; empty = all),
 * {@code FORECAST_LOOKBACK_DAYS} (default 14), {@code MAX_ALARM_WRITES_PER_RUN} (default 250: CloudWatch takes
 * 3 PutMetricAlarm per second, so a first run over 500 NLBs spreads its alarm creation over two runs rather than
 * risk the function's timeout); {@code QUOTA_INCREASE_REQUEST_DAYS} (empty or 0, the default: off; else a quota whose
 * forecast days-to-exhaustion is below it is asked to grow) and {@code QUOTA_INCREASE_FACTOR} (default 2: the
 * value asked for, as a multiple of the limit); {@code DRY_RUN} (default false: when true, increases are decided and
 * logged, not requested).
 */
public record MonitorSettings(
        String namespace,
        String metricsNamespace,
        String alarmTopicArn,
        double alarmThresholdPercent,
        String alarmNamePrefix,
        List<String> monitoredApiIds,
        int forecastLookbackDays,
        int maxAlarmWritesPerRun,
        IncreasePolicy increasePolicy,
        boolean dryRun) {

    public static final String DEFAULT_ALARM_NAME_PREFIX = "ecs-api-onboarder";
    public static final String DEFAULT_METRICS_NAMESPACE = "EcsApiOnboarder";

    public MonitorSettings {
        monitoredApiIds = List.copyOf(monitoredApiIds);
        if (!(alarmThresholdPercent > 0)) {
            throw new IllegalStateException("ALARM_THRESHOLD_PERCENT must be positive, was " + alarmThresholdPercent);
        }
        if (forecastLookbackDays < 1 || forecastLookbackDays > 455) {
            throw new IllegalStateException("FORECAST_LOOKBACK_DAYS must be 1..455 (CloudWatch retention), was "
                    + forecastLookbackDays);
        }
        if (maxAlarmWritesPerRun < 0) {
            throw new IllegalStateException("MAX_ALARM_WRITES_PER_RUN must not be negative, was " + maxAlarmWritesPerRun);
        }
    }

    public static MonitorSettings from(Environment environment) {
        return new MonitorSettings(
                environment.string("QUOTA_METRICS_NAMESPACE", QuotaMetric.DEFAULT_NAMESPACE),
                environment.string("METRICS_NAMESPACE", DEFAULT_METRICS_NAMESPACE),
                environment.string("ALARM_TOPIC_ARN", ""),
                environment.decimal("ALARM_THRESHOLD_PERCENT", 80),
                environment.string("ALARM_NAME_PREFIX", DEFAULT_ALARM_NAME_PREFIX),
                environment.list("MONITORED_API_IDS"),
                environment.integer("FORECAST_LOOKBACK_DAYS", 14),
                environment.integer("MAX_ALARM_WRITES_PER_RUN", 250),
                new IncreasePolicy(environment.decimal("QUOTA_INCREASE_REQUEST_DAYS", 0),
                        environment.decimal("QUOTA_INCREASE_FACTOR", IncreasePolicy.OFF.factor())),
                environment.bool("DRY_RUN", false));
    }
}
