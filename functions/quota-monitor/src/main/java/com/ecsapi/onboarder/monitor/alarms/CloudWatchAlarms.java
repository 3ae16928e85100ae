package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.monitor.metrics.QuotaMetric;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's alarms in CloudWatch: lists those whose name starts with the prefix, writes one alarm per
 * {@code PutMetricAlarm} (there is no batch call; paced at CloudWatch's 3 per second) and deletes 100 per
 * {@code DeleteAlarms} call. A write that fails for good costs that alarm (or that batch of deletions); the
 * others are written, and the next run plans the difference again.
 */
public final class CloudWatchAlarms {

    public static final double WRITES_PER_SECOND = 3;
    private static final String DESCRIBE_ALARMS = "CloudWatch:DescribeAlarms";
    private static final String PUT_METRIC_ALARM = "CloudWatch:PutMetricAlarm";
    private static final String DELETE_ALARMS = "CloudWatch:DeleteAlarms";

    private static final int DELETE_BATCH = 100;
    private static final int DESCRIBE_PAGE = 100;

    private final CloudWatchClient cloudWatch;
    private final RateLimiter writeLimiter;

    public CloudWatchAlarms(CloudWatchClient cloudWatch, RateLimiter writeLimiter) {
        this.cloudWatch = cloudWatch;
        this.writeLimiter = writeLimiter;
    }

    /** What {@link #apply} wrote. */
    public record AlarmWrites(int created, int updated, int deleted) {
    }

    /** Our alarms; empty when they cannot be listed, and then the run must write none. */
    public Optional<List<AlarmSpec>> list(String namePrefix, ItemFailures failures) {
        try {
            return Optional.of(listAll(namePrefix));
        } catch (SdkException e) {
            failures.add(DESCRIBE_ALARMS, namePrefix + "*", "no alarm created, updated or deleted this run", e);
            return Optional.empty();
        }
    }

    private List<AlarmSpec> listAll(String namePrefix) {
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

    public AlarmWrites apply(AlarmPlan plan, ItemFailures failures) {
        int deleted = 0;
        for (List<String> batch : Batches.of(plan.delete(), DELETE_BATCH)) {
            writeLimiter.acquire();
            try {
                cloudWatch.deleteAlarms(request -> request.alarmNames(batch));
                deleted += batch.size();
            } catch (SdkException e) {
                failures.add(DELETE_ALARMS, String.join(", ", batch), "alarms not deleted this run", e);
            }
        }
        int created = (int) plan.create().stream().filter(alarm -> put(alarm, failures)).count();
        int updated = (int) plan.update().stream().filter(alarm -> put(alarm, failures)).count();
        return new AlarmWrites(created, updated, deleted);
    }

    /** Whether CloudWatch took the alarm. */
    private boolean put(AlarmSpec alarm, ItemFailures failures) {
        writeLimiter.acquire();
        try {
            write(alarm);
            return true;
        } catch (SdkException e) {
            failures.add(PUT_METRIC_ALARM, alarm.name(), "alarm not written this run", e);
            return false;
        }
    }

    private void write(AlarmSpec alarm) {
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
