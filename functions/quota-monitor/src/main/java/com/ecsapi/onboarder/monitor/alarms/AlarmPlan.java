package com.ecsapi.onboarder.monitor.alarms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to write to bring the alarms in line with the desired set: create the missing, update the changed,
 * delete ours whose resource is gone. Foreign alarms (other prefix, other namespace) are never touched.
 * At most {@code maxWrites} PutMetricAlarm calls per run (CloudWatch allows 3 per second), creations before
 * updates; the rest are {@code deferred} to the next run, which plans again from scratch. Deletions are not capped:
 * DeleteAlarms takes 100 names per call.
 */
public record AlarmPlan(List<AlarmSpec> create, List<AlarmSpec> update, List<String> delete, int unchanged, int deferred) {

    public AlarmPlan {
        create = List.copyOf(create);
        update = List.copyOf(update);
        delete = List.copyOf(delete);
    }

    public static AlarmPlan of(AlarmPolicy policy, Collection<AlarmSpec> desired, Collection<AlarmSpec> existing,
                               int maxWrites) {
        Map<String, AlarmSpec> ours = new HashMap<>();
        existing.stream().filter(policy::owns).forEach(alarm -> ours.put(alarm.name(), alarm));
        List<AlarmSpec> create = new ArrayList<>();
        List<AlarmSpec> update = new ArrayList<>();
        int unchanged = 0;
        for (AlarmSpec wanted : desired) {
            AlarmSpec current = ours.remove(wanted.name());
            if (current == null) {
                create.add(wanted);
            } else if (!current.equals(wanted)) {
                update.add(wanted);
            } else {
                unchanged++;
            }
        }
        List<String> delete = ours.keySet().stream().sorted().toList();
        int budget = Math.max(0, maxWrites);
        List<AlarmSpec> createNow = create.subList(0, Math.min(create.size(), budget));
        List<AlarmSpec> updateNow = update.subList(0, Math.min(update.size(), budget - createNow.size()));
        int deferred = create.size() - createNow.size() + update.size() - updateNow.size();
        return new AlarmPlan(createNow, updateNow, delete, unchanged, deferred);
    }

    public boolean isEmpty() {
        return create.isEmpty() && update.isEmpty() && delete.isEmpty();
    }
}
