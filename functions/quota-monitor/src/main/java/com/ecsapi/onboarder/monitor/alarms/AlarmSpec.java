package com.ecsapi.onboarder.monitor.alarms;

import java.util.List;
import java.util.Objects;

/**
 * Everything the monitor sets on one CloudWatch alarm. Two specs are equal exactly when writing one over the
 * other would change nothing, which is how the planner decides that an alarm needs no update.
 */
public record AlarmSpec(
        String name,
        String description,
        String namespace,
        String metricName,
        String quotaId,
        String resource,
        String statistic,
        int periodSeconds,
        int evaluationPeriods,
        int datapointsToAlarm,
        double threshold,
        String comparisonOperator,
        String treatMissingData,
        List<String> alarmActions,
        List<String> okActions) {

    public AlarmSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        alarmActions = List.copyOf(alarmActions);
        okActions = List.copyOf(okActions);
    }
}
