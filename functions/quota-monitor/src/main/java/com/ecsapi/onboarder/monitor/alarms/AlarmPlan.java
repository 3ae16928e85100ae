package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.monitor.failures.UnreadSeries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to write to bring the alarms in line with the desired set: create the missing, update the changed,
 * delete ours whose resource is gone. Foreign alarms (other prefix, other namespace) are never touched, nor are
 * the alarms of series this run could not read ({@code held}: a failed read is no evidence that a resource is gone).
 * At most {@code maxWrites} PutMetricAlarm calls per run (CloudWatch allows 3 per second), creations before
 * updates; the rest are {@code deferred} to the next run, which plans again from scratch. Deletions are not capped:
 * DeleteAlarms takes 100 names per call.
 */
public record AlarmPlan(List<AlarmSpec> create, List<AlarmSpec> update, List<String> delete, int unchanged, int deferred,
                        int held) {

    /** The plan of a run that could not list the existing alarms: it writes nothing. */
    public static final AlarmPlan NONE = new AlarmPlan(List.of(), List.of(), List.of(), 0, 0, 0);

    public AlarmPlan {
        create = List.copyOf(create);
        update = List.copyOf(update);
        delete = List.copyOf(delete);
    }

    public static AlarmPlan of(AlarmPolicy policy, Collection<AlarmSpec> desired, Collection<AlarmSpec> existing,
                               Collection<UnreadSeries> unread, int maxWrites) {
        Map<String, AlarmSpec> ours = new HashMap<>();
        existing.stream().filter(policy::owns).forEach(alarm -> ours.put(alarm.name(), alarm));
        List<AlarmSpec> create = new ArrayList<>();
        List<AlarmSpec> update = new ArrayList<>();
        int unchanged = 0;
        int held = 0;
        for (AlarmSpec wanted : desired) {
            AlarmSpec current = ours.remove(wanted.name());
            if (isUnread(wanted, unread)) {
                held++;
            } else if (current == null) {
                create.add(wanted);
            } else if (!current.equals(wanted)) {
                update.add(wanted);
            } else {
                unchanged++;
            }
        }
        List<String> delete = new ArrayList<>();
        for (AlarmSpec gone : ours.values()) {
            if (isUnread(gone, unread)) {
                held++;
            } else {
                delete.add(gone.name());
            }
        }
        delete.sort(null);
        int budget = Math.max(0, maxWrites);
        List<AlarmSpec> createNow = create.subList(0, Math.min(create.size(), budget));
        List<AlarmSpec> updateNow = update.subList(0, Math.min(update.size(), budget - createNow.size()));
        int deferred = create.size() - createNow.size() + update.size() - updateNow.size();
        return new AlarmPlan(createNow, updateNow, delete, unchanged, deferred, held);
    }

    private static boolean isUnread(AlarmSpec alarm, Collection<UnreadSeries> unread) {
        return unread.stream().anyMatch(series -> series.covers(alarm.quotaId(), alarm.resource()));
    }

    public boolean isEmpty() {
        return create.isEmpty() && update.isEmpty() && delete.isEmpty();
    }
}
