package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.monitor.internal.Batches;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.monitor.metrics.QuotaMetric;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's alarms in CloudWatch: lists those whose name starts with the prefix, writes one alarm per
 * {@code PutMetricAlarm} (there is no batch call; paced at CloudWatch's 3 per second) and deletes 100 per
 * {@code DeleteAlarms} call.
 */
public final class CloudWatchAlarms {

    public static final double WRITES_PER_SECOND = 3;
    private static final int DELETE_BATCH = 100;
    private static final int DESCRIBE_PAGE = 100;

    private final CloudWatchClient cloudWatch;
    private final RateLimiter writeLimiter;

    public CloudWatchAlarms(CloudWatchClient cloudWatch, RateLimiter writeLimiter) {
        this.cloudWatch = cloudWatch;
        this.writeLimiter = writeLimiter;
    }

    public List<AlarmSpec> list(String namePrefix) {
        List<AlarmSpec> alarms = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeAlarmsResponse response = cloudWatch.describeAlarms(request -> request
                    .alarmNamePrefix(namePrefix).maxRecords(DESCRIBE_PAGE).nextToken(page));
            response.metricAlarms().stream().map(CloudWatchAlarms::spec).forEach(alarms::add);
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return alarms;
    }

    public void apply(AlarmPlan plan) {
        for (List<String> batch : Batches.of(plan.delete(), DELETE_BATCH)) {
            writeLimiter.acquire();
            cloudWatch.deleteAlarms(request -> request.alarmNames(batch));
        }
        plan.create().forEach(this::put);
        plan.update().forEach(this::put);
    }

    private void put(AlarmSpec alarm) {
        writeLimiter.acquire();
        cloudWatch.putMetricAlarm(request -> request
                .alarmName(alarm.name())
                .alarmDescription(alarm.description())
                .namespace(alarm.namespace())
                .metricName(alarm.metricName())
                .dimensions(
                        Dimension.builder().name(QuotaMetric.QUOTA_DIMENSION).value(alarm.quotaId()).build(),
                        Dimension.builder().name(QuotaMetric.RESOURCE_DIMENSION).value(alarm.resource()).build())
                .statistic(Statistic.fromValue(alarm.statistic()))
                .period(alarm.periodSeconds())
                .evaluationPeriods(alarm.evaluationPeriods())
                .datapointsToAlarm(alarm.datapointsToAlarm())
                .threshold(alarm.threshold())
                .comparisonOperator(ComparisonOperator.fromValue(alarm.comparisonOperator()))
                .treatMissingData(alarm.treatMissingData())
                .actionsEnabled(true)
                .alarmActions(alarm.alarmActions())
                .okActions(alarm.okActions()));
    }

    /** As read back; an alarm on anything but our two dimensions gets null quota/resource, so it never equals ours. */
    static AlarmSpec spec(MetricAlarm alarm) {
        return new AlarmSpec(
                alarm.alarmName(),
                alarm.alarmDescription(),
                alarm.namespace(),
                alarm.metricName(),
                dimension(alarm, QuotaMetric.QUOTA_DIMENSION),
                dimension(alarm, QuotaMetric.RESOURCE_DIMENSION),
                alarm.statisticAsString(),
                alarm.period() == null ? 0 : alarm.period(),
                alarm.evaluationPeriods() == null ? 0 : alarm.evaluationPeriods(),
                alarm.datapointsToAlarm() == null ? alarm.evaluationPeriods() == null ? 0 : alarm.evaluationPeriods()
                        : alarm.datapointsToAlarm(),
                alarm.threshold() == null ? Double.NaN : alarm.threshold(),
                alarm.comparisonOperatorAsString(),
                alarm.treatMissingData() == null ? "missing" : alarm.treatMissingData(),
                alarm.alarmActions(),
                alarm.okActions());
    }

    private static String dimension(MetricAlarm alarm, String name) {
        if (alarm.dimensions().size() != 2) {
            return null;
        }
        return alarm.dimensions().stream().filter(d -> name.equals(d.name())).map(Dimension::value).findFirst().orElse(null);
    }
}
