package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts the AWS calls the onboarding handler makes, by operation, as the emulator sees them. Not part of the
 * default test run (the name does not end in Test); run it with
 * {@code mvn -B -q -pl functions/onboarding -am verify -Dit.test=OnboardingCallCountBenchmark}.
 * The table is printed and written to {@code functions/onboarding/target/call-counts.md}. One handler runs the
 * batches, as one warm Lambda instance does for a FIFO queue with one message group; one column shows a cold one.
 */
class OnboardingCallCountBenchmark extends EmulatorTestBase {

    private OnboardingHandler warm;

    @Override
    OnboardingHandler handler(Map<String, String> variables) {
        if (warm == null) {
            warm = super.handler(variables);
        }
        return warm;
    }

    private List<String> createServices(String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-%02d", prefix, i);
            String tg = aws.tcpTargetGroup(vpcA, name + "-tg");
            String service = aws.service(cluster, name, tg, vpcA, Map.of("apigw:path", "/" + name));
            events.add(TestLandscape.createServiceEvent(service, cluster));
        }
        return events;
    }

    private Map<String, Integer> measure(List<List<String>> batches) {
        moto.clearCallCounts();
        for (List<String> batch : batches) {
            SQSBatchResponse response = run(TestLandscape.batch(batch));
            assertEquals(List.of(), failures(response));
        }
        // each run lists the APIs once (GetRestApis, GetApis) to tell the IAM judge the stack's other APIs: not the function's
        Map<String, Integer> counts = new java.util.TreeMap<>(moto.callCounts());
        for (String harnessCall : List.of("apigateway:GetRestApis", "apigateway:GetApis")) {
            counts.computeIfPresent(harnessCall, (call, count) -> count == batches.size() ? null : count - batches.size());
        }
        return counts;
    }

    @Test
    void countCallsPerServiceAndPerBatch() throws IOException {
        Map<String, Map<String, Integer>> columns = new LinkedHashMap<>();

        List<String> one = createServices("single", 1);
        columns.put("1 service, batch of 1", measure(List.of(one)));
        columns.put("same event again (unchanged)", measure(List.of(one)));

        String[] alb = aws.albWithTargetGroup(vpcA, "behind-alb");
        String option4 = aws.service(cluster, "behind-alb", alb[1], vpcA, Map.of("apigw:path", "/behind-alb"));
        columns.put("1 option-4 service (ALB)", measure(List.of(List.of(TestLandscape.createServiceEvent(option4, cluster)))));

        List<String> ten = createServices("ten", 10);
        columns.put("batch of 10 (SQS max)", measure(List.of(ten)));

        List<String> cold = createServices("cold", 10);
        warm = null;
        columns.put("batch of 10, cold instance", measure(List.of(cold)));

        List<String> rest = createServices("rest", 28);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < rest.size(); i += 10) {
            batches.add(rest.subList(i, Math.min(rest.size(), i + 10)));
        }
        columns.put("28 more in 3 batches (NLB now at 50)", measure(batches));

        moto.reset();
        baseLandscape();
        warm = null;
        List<String> burst = createServices("burst", 50);
        columns.put("batch of 50", measure(List.of(burst)));

        aws.ecs.deleteService(request -> request.cluster(cluster).service("burst-00").force(true));
        String arn = "arn:aws:ecs:us-east-1:123456789012:service/apps/burst-00";
        columns.put("deregister 1 (DeleteService)", measure(List.of(List.of(TestLandscape.deleteServiceEvent(arn, cluster)))));

        String table = table(columns);
        System.err.println(table);
        Path out = Path.of("target", "call-counts.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        assertEquals(28, columns.get("28 more in 3 batches (NLB now at 50)").get("elasticloadbalancing:CreateListener"));
        assertEquals(1, columns.get("batch of 50").get("apigateway:CreateDeployment"));
        assertEquals(50, columns.get("batch of 50").get("elasticloadbalancing:CreateListener"));
        assertTrue(perService(columns.get("batch of 10 (SQS max)"), 10) <= 8.0, "at most 8 calls per service in a batch of 10");
        assertEquals(columns.get("batch of 10 (SQS max)").values().stream().mapToInt(Integer::intValue).sum(),
                columns.get("batch of 10, cold instance").values().stream().mapToInt(Integer::intValue).sum(),
                "a cold instance reads ahead the listeners of the NLBs behind the VPC links: no more calls than a warm one");
        assertTrue(perService(columns.get("batch of 50"), 50) <= 7.3, "the fixed reads spread over 50 services");
        assertEquals(1, columns.get("batch of 10 (SQS max)").get("ecs:DescribeServices"), "10 services a call");
        assertEquals(1, columns.get("batch of 10 (SQS max)").get("elasticloadbalancing:DescribeTargetGroups"),
                "the services' target groups are in the batch's listing");
        assertEquals(0, columns.get("batch of 10 (SQS max)").getOrDefault("servicequotas:GetServiceQuota", 0),
                "no NLB at the default listener quota: nothing to read");
        assertEquals(1, columns.get("deregister 1 (DeleteService)").get("servicequotas:GetServiceQuota"),
                "an NLB at 50 listeners: the quota in force is read");
    }

    private static double perService(Map<String, Integer> counts, int services) {
        return counts.values().stream().mapToInt(Integer::intValue).sum() / (double) services;
    }

    private static String table(Map<String, Map<String, Integer>> columns) {
        TreeSet<String> operations = new TreeSet<>();
        columns.values().forEach(counts -> operations.addAll(counts.keySet()));
        StringBuilder table = new StringBuilder("| operation |");
        columns.keySet().forEach(name -> table.append(' ').append(name).append(" |"));
        table.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (String operation : operations) {
            table.append("| ").append(operation).append(" |");
            columns.values().forEach(counts -> table.append(' ').append(counts.getOrDefault(operation, 0)).append(" |"));
            table.append('\n');
        }
        table.append("| **total** |");
        columns.values().forEach(counts -> table.append(" **")
                .append(counts.values().stream().mapToInt(Integer::intValue).sum()).append("** |"));
        return table.append('\n').toString();
    }
}
