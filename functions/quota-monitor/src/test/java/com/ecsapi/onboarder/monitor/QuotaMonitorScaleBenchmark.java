package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.config.Environment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls and wall time of monitor runs over 50 and 500 NLBs in the emulator, with AWS's ELB Describe* rate limit
 * (bucket 40, 10/s) enforced. Not part of the default build (the name does not end in Test); run it with
 * <pre>mvn -B -q -pl functions/quota-monitor -am verify -Dtest=QuotaMonitorScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * It prints one block per run: the first run (creates the alarms, at most MAX_ALARM_WRITES_PER_RUN), follow-up
 * runs until no alarm write is deferred, then one steady-state run (nothing changed).
 */
class QuotaMonitorScaleBenchmark extends MonitorEmulatorTestBase {

    private static final int LISTENERS_PER_NLB = 2;

    @Test
    void fiftyNlbs() {
        benchmark(50);
    }

    @Test
    void fiveHundredNlbs() {
        benchmark(500);
    }

    private void benchmark(int nlbs) {
        long setupStart = System.nanoTime();
        // an account with this many NLBs has had its NLB quota (default 50, enforced by the test bed) raised
        moto.setAppliedQuota("elasticloadbalancing", "L-69A177A2", nlbs);
        for (int i = 0; i < nlbs; i++) {
            monitored.nlb("bench-nlb-" + i, LISTENERS_PER_NLB, i % 5 == 0 ? null : "default");
        }
        monitored.vpcLinksV2(3);
        monitored.restApi("bench-rest", 20);
        monitored.httpApi("bench-http", 20);
        System.out.printf("%n=== %d NLBs (%d listeners each): resources built in %.1f s%n", nlbs, LISTENERS_PER_NLB,
                (System.nanoTime() - setupStart) / 1e9);
        moto.enforceElbDescribeRateLimit(true);
        QuotaMonitorHandler handler = new QuotaMonitorHandler(Environment.of(Map.of(
                "ALARM_NAME_PREFIX", "bench", "ALARM_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:quota-alarms")));

        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> summary;
        do {
            summary = timedRun(handler, "run " + (runs.size() + 1));
            runs.add(summary);
        } while ((int) summary.get("alarmsDeferred") > 0 && runs.size() < 5);
        Map<String, Object> steady = timedRun(handler, "steady state (nothing changed)");

        int quotas = nlbs + 4 + 2;
        assertEquals(quotas, steady.get("quotasMeasured"));
        assertEquals(0, steady.get("alarmsCreated"));
        assertEquals(0, steady.get("alarmsUpdated"));
        assertEquals(quotas, steady.get("alarmsUnchanged"));
        @SuppressWarnings("unchecked")
        Map<String, Integer> calls = (Map<String, Integer>) steady.get("calls");
        assertEquals(nlbs, calls.get("ElasticLoadBalancingV2:DescribeListeners"), "one per NLB, none retried: " + calls);
        assertEquals((nlbs + 19) / 20, calls.get("ElasticLoadBalancingV2:DescribeTags"));
        int datums = (int) steady.get("metricsPublished");
        assertEquals((datums + 999) / 1000, calls.get("CloudWatch:PutMetricData"));
        assertTrue((long) steady.get("durationMillis") < 300_000, "well inside a 5-minute timeout");
    }

    private static Map<String, Object> timedRun(QuotaMonitorHandler handler, String label) {
        moto.clearCallCounts();
        long start = System.nanoTime();
        Map<String, Object> summary = handler.handleRequest(null, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("--- %s: %.1f s wall, %s calls; quotas %s, metrics %s in %s PutMetricData; alarms +%s ~%s -%s =%s deferred %s%n",
                label, seconds, summary.get("totalCalls"), summary.get("quotasMeasured"), summary.get("metricsPublished"),
                summary.get("putMetricDataCalls"), summary.get("alarmsCreated"), summary.get("alarmsUpdated"),
                summary.get("alarmsDeleted"), summary.get("alarmsUnchanged"), summary.get("alarmsDeferred"));
        System.out.println("    phases (ms): " + summary.get("phaseMillis"));
        System.out.println("    monitor's calls by operation: " + summary.get("calls"));
        System.out.println("    emulator's requests received: " + moto.callCounts());
        return summary;
    }
}
