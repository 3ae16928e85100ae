package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.monitor.failures.UnreadSeries;
import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmPlanTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:quota-alarms";
    private static final AlarmPolicy POLICY = new AlarmPolicy("stack", "EcsApiOnboarder/Quotas", 80, TOPIC);

    private static QuotaReading nlb(String name, int listeners, String pool) {
        return new QuotaReading(new QuotaUsage(Quota.LISTENERS_PER_NLB, name, listeners, pool),
                new QuotaLimit(Quota.LISTENERS_PER_NLB, 50, QuotaLimit.Source.AWS_DEFAULT, true), Double.NaN);
    }

    @Test
    void desiredAlarmsWatchUtilizationOfEachQuotaAndResource() {
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("nlb-a", 5, "default"),
                new QuotaReading(QuotaUsage.regional(Quota.VPC_LINKS_V1, 3),
                        new QuotaLimit(Quota.VPC_LINKS_V1, 20, QuotaLimit.Source.APPLIED, true), Double.NaN)));

        assertEquals(List.of("stack-listeners-per-nlb-nlb-a", "stack-vpc-links-v1-region"),
                desired.stream().map(AlarmSpec::name).toList());
        AlarmSpec alarm = desired.getFirst();
        assertEquals("EcsApiOnboarder/Quotas", alarm.namespace());
        assertEquals("Utilization", alarm.metricName());
        assertEquals("listeners-per-nlb", alarm.quotaId());
        assertEquals("nlb-a", alarm.resource());
        assertEquals(80.0, alarm.threshold());
        assertEquals("GreaterThanOrEqualToThreshold", alarm.comparisonOperator());
        assertEquals(List.of(TOPIC), alarm.alarmActions());
        assertEquals(List.of(TOPIC), alarm.okActions());
        assertTrue(alarm.description().contains("pool default"), alarm.description());
    }

    @Test
    void createsMissingUpdatesChangedKeepsEqualAndDeletesGone() {
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("kept", 1, null), nlb("changed", 1, "default"),
                nlb("new", 1, null)));
        AlarmSpec kept = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "kept", 1, null));
        AlarmSpec changedBefore = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "changed", 1, null));
        AlarmSpec gone = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "gone", 1, null));

        AlarmPlan plan = AlarmPlan.of(POLICY, desired, List.of(kept, changedBefore, gone), List.of(), 100);

        assertEquals(List.of("stack-listeners-per-nlb-new"), plan.create().stream().map(AlarmSpec::name).toList());
        assertEquals(List.of("stack-listeners-per-nlb-changed"), plan.update().stream().map(AlarmSpec::name).toList());
        assertEquals(List.of("stack-listeners-per-nlb-gone"), plan.delete());
        assertEquals(1, plan.unchanged());
        assertEquals(0, plan.deferred());
    }

    @Test
    void aChangedThresholdOrTopicUpdatesEveryAlarm() {
        List<AlarmSpec> existing = POLICY.desired(List.of(nlb("a", 1, null), nlb("b", 1, null)));
        AlarmPolicy stricter = new AlarmPolicy("stack", "EcsApiOnboarder/Quotas", 70, TOPIC);

        AlarmPlan plan = AlarmPlan.of(stricter, stricter.desired(List.of(nlb("a", 1, null), nlb("b", 1, null))),
                existing, List.of(), 100);

        assertEquals(2, plan.update().size());
        assertEquals(70.0, plan.update().getFirst().threshold());
    }

    @Test
    void nothingChangedPlansNothing() {
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("a", 1, null), nlb("b", 49, "default")));

        AlarmPlan plan = AlarmPlan.of(POLICY, desired, desired, List.of(), 100);

        assertTrue(plan.isEmpty());
        assertEquals(2, plan.unchanged());
    }

    @Test
    void neverTouchesAlarmsOfAnotherPrefixOrNamespace() {
        AlarmSpec otherStack = new AlarmPolicy("other", "EcsApiOnboarder/Quotas", 80, TOPIC)
                .alarm(QuotaUsage.of(Quota.LISTENERS_PER_NLB, "x", 1));
        AlarmSpec samePrefixOtherNamespace = new AlarmPolicy("stack", "Somebody/Else", 80, TOPIC)
                .alarm(QuotaUsage.of(Quota.LISTENERS_PER_NLB, "y", 1));
        AlarmSpec samePrefixNotAQuota = new AlarmSpec("stack-cpu-high", "", "EcsApiOnboarder/Quotas", "Utilization",
                null, null, "Maximum", 60, 1, 1, 90, "GreaterThanThreshold", "missing", List.of(), List.of());

        AlarmPlan plan = AlarmPlan.of(POLICY, List.of(), List.of(otherStack, samePrefixOtherNamespace, samePrefixNotAQuota), List.of(),
                100);

        assertTrue(plan.isEmpty(), plan.toString());
    }

    @Test
    void capsWritesPerRunCreationsFirstAndDefersTheRest() {
        List<AlarmSpec> existing = POLICY.desired(List.of(nlb("u1", 1, null), nlb("u2", 1, null)));
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("u1", 1, "p"), nlb("u2", 1, "p"),
                nlb("c1", 1, null), nlb("c2", 1, null)));

        AlarmPlan plan = AlarmPlan.of(POLICY, desired, existing, List.of(), 3);

        assertEquals(2, plan.create().size());
        assertEquals(1, plan.update().size());
        assertEquals(1, plan.deferred());
    }

    @Test
    void anUnreadSeriesKeepsItsAlarmAsItIsWhileTheOthersAreBroughtInLine() {
        AlarmSpec unreadBefore = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "unread", 1, null));
        AlarmSpec gone = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "gone", 1, null));
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("new", 1, null)));

        AlarmPlan plan = AlarmPlan.of(POLICY, desired, List.of(unreadBefore, gone),
                List.of(new UnreadSeries(Quota.LISTENERS_PER_NLB, "unread")), 100);

        assertEquals(List.of("stack-listeners-per-nlb-new"), plan.create().stream().map(AlarmSpec::name).toList());
        assertEquals(List.of("stack-listeners-per-nlb-gone"), plan.delete(), "only the unread series is held");
        assertEquals(1, plan.held());
    }

    @Test
    void aSeriesMeasuredWithoutItsPoolIsNeitherCreatedNorUpdated() {
        AlarmSpec before = POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "a", 1, "default"));
        List<AlarmSpec> desired = POLICY.desired(List.of(nlb("a", 1, null), nlb("b", 1, null)));

        AlarmPlan plan = AlarmPlan.of(POLICY, desired, List.of(before),
                List.of(new UnreadSeries(Quota.LISTENERS_PER_NLB, "a"), new UnreadSeries(Quota.LISTENERS_PER_NLB, "b")),
                100);

        assertTrue(plan.isEmpty(), plan.toString());
        assertEquals(2, plan.held());
    }

    @Test
    void anUnreadListingHoldsEveryAlarmOfItsQuotaAndNoOther() {
        List<AlarmSpec> existing = List.of(
                POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "a", 1, null)),
                POLICY.alarm(new QuotaUsage(Quota.LISTENERS_PER_NLB, "b", 1, null)),
                POLICY.alarm(QuotaUsage.regional(Quota.VPC_LINKS_V1, 1)));

        AlarmPlan plan = AlarmPlan.of(POLICY, List.of(), existing,
                List.of(UnreadSeries.everyResourceOf(Quota.LISTENERS_PER_NLB)), 100);

        assertEquals(List.of("stack-vpc-links-v1-region"), plan.delete());
        assertEquals(2, plan.held());
    }
}
