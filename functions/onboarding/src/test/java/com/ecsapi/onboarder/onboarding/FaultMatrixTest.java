package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The fault matrix: for every pattern, onboarding and removal, and every write the fault-free run makes (each
 * call of each writing operation), that one call fails (three answers in a row, 500, which defeats the SDK's
 * retries), the message is redelivered until it succeeds, and the end state is exactly the fault-free run's: the
 * same listeners, target groups and targets, API objects and what each stage serves, and no stage serving other
 * than what its API holds, no route to a port another service (or no one) listens on. Then another team's service
 * is onboarded on the same pool, taking a port that may be the one just freed, and the state must again equal the
 * fault-free run's and route nothing wrongly. The tally (writes tried and held per pattern and phase) is printed
 * and written to {@code functions/onboarding/target/fault-matrix.md}.
 */
class FaultMatrixTest extends EmulatorTestBase {

    private static final Pattern WRITE = Pattern.compile(
            "[a-z]+:(Create|Put|Delete|Register|Deregister|Update|Add|Remove|Tag|Untag|Modify)\\w*");
    private static final int MAX_DELIVERIES = 4;

    enum Phase { ONBOARD, REMOVE }

    /** The {@code nth} call of {@code operation} during the message, as counted by the test bed. */
    record Write(String service, String operation, int nth) {

        @Override
        public String toString() {
            return service + ":" + operation + " #" + nth;
        }
    }

    /** How a story ended: the state text after the message and after the port reuse, and what routes wrongly. */
    record Outcome(List<Write> writes, List<String> failuresLeft, int faultsFired, String end, String afterReuse,
                   List<String> violations) {
    }

    /** Writes tried and held per pattern and phase, for BENCHMARKS.md. */
    private static final Map<String, Tally> TALLY = new TreeMap<>();

    private static final class Tally {
        final Set<String> operations = new TreeSet<>();
        int tried;
        int held;

        void add(Write write, boolean ok) {
            operations.add(write.service() + ":" + write.operation());
            tried++;
            held += ok ? 1 : 0;
        }
    }

    @AfterAll
    static void writeTally() throws IOException {
        StringBuilder table = new StringBuilder("| pattern | phase | writes tried (one failed each) | held | operations |\n"
                + "|---|---|---:|---:|---|\n");
        int tried = 0;
        int held = 0;
        for (Map.Entry<String, Tally> entry : TALLY.entrySet()) {
            Tally tally = entry.getValue();
            table.append("| ").append(entry.getKey()).append(" | ").append(tally.tried).append(" | ").append(tally.held)
                    .append(" | ").append(String.join(", ", tally.operations)).append(" |\n");
            tried += tally.tried;
            held += tally.held;
        }
        table.append("| **all** | | **").append(tried).append("** | **").append(held).append("** | |\n");
        System.err.println(table);
        Path out = Path.of("target", "fault-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PREFER_REST_VPC_LINK_V2", "true");
        return variables;
    }

    @TestFactory
    Stream<DynamicNode> oneFailedWriteThenTheRedeliveryEndsExactlyAsWithoutIt() {
        return Arrays.stream(PatternLandscape.Kind.values()).map(kind -> DynamicContainer.dynamicContainer(kind.label,
                Arrays.stream(Phase.values()).map(phase -> DynamicContainer.dynamicContainer(phase.name(),
                        cases(kind, phase)))));
    }

    private Stream<DynamicNode> cases(PatternLandscape.Kind kind, Phase phase) {
        Outcome[] reference = new Outcome[1];
        DynamicTest faultFree = DynamicTest.dynamicTest("without a fault", () -> {
            reference[0] = story(kind, phase, null);
            assertEquals(List.of(), reference[0].failuresLeft());
            assertEquals(List.of(), reference[0].violations());
            assertNotEquals(List.of(), reference[0].writes(), "the story writes something");
        });
        Stream<DynamicNode> withFaults = Stream.of(0).flatMap(ignored -> reference[0] == null ? Stream.empty()
                : reference[0].writes().stream().map(write -> DynamicTest.dynamicTest("fails " + write, () -> {
                    Outcome outcome = story(kind, phase, write);
                    boolean held = outcome.faultsFired() == 3 && outcome.failuresLeft().isEmpty()
                            && outcome.violations().isEmpty() && outcome.end().equals(reference[0].end())
                            && outcome.afterReuse().equals(reference[0].afterReuse());
                    TALLY.computeIfAbsent(kind.label + " | " + phase.name().toLowerCase(Locale.ROOT), key -> new Tally())
                            .add(write, held);
                    assertEquals(3, outcome.faultsFired(), "the injected failure hit " + write);
                    assertEquals(List.of(), outcome.failuresLeft(), "the redeliveries succeed");
                    assertEquals(List.of(), outcome.violations());
                    assertEquals(reference[0].end(), outcome.end());
                    assertEquals(reference[0].afterReuse(), outcome.afterReuse());
                })));
        return Stream.concat(Stream.of(faultFree), withFaults);
    }

    /**
     * A fresh landscape, the service of {@code kind} (for removal: onboarded, then deleted), one message with
     * {@code fault} armed (null: none), redelivered while it fails; then the port reuse.
     */
    private Outcome story(PatternLandscape.Kind kind, Phase phase, Write fault) {
        baseLandscape();
        PatternLandscape patterns = new PatternLandscape(aws, vpcA, cluster);
        String service = patterns.service(kind);
        String message = TestLandscape.createServiceEvent(service, cluster);
        if (phase == Phase.REMOVE) {
            assertEquals(List.of(), failures(run(TestLandscape.batch(message))));
            aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
            message = TestLandscape.deleteServiceEvent(service, cluster);
        }
        moto.clearCallCounts();
        if (fault != null) {
            moto.inject(FaultInjection.of(fault.service(), fault.operation(), Fault.SERVER_ERROR).onCall(fault.nth())
                    .forCalls(3));
        }
        SQSEvent event = TestLandscape.batch(message);
        SQSBatchResponse response = run(event);
        List<Write> writes = writes(moto.callCounts());
        for (int delivery = 2; !failures(response).isEmpty() && delivery <= MAX_DELIVERIES; delivery++) {
            event.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(delivery)));
            response = run(event);
        }
        List<String> failuresLeft = failures(response);
        RoutingState end = RoutingState.read(aws);
        List<String> violations = new ArrayList<>(end.violations());

        TestLandscape.Vpc reuserVpc = kind == PatternLandscape.Kind.OPTION_4 ? patterns.vpcB : vpcA;
        String reuser = aws.service(cluster, "reuser", aws.tcpTargetGroup(reuserVpc, "reuser-tg"), reuserVpc,
                Map.of("apigw:path", "/reuser"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(reuser, cluster)))));
        RoutingState afterReuse = RoutingState.read(aws);
        violations.addAll(afterReuse.violations());
        return new Outcome(writes, failuresLeft, moto.faultsFired(), end.text(), afterReuse.text(), violations);
    }

    /** Each call of each writing operation the counts show. */
    private static List<Write> writes(Map<String, Integer> counts) {
        List<Write> writes = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (WRITE.matcher(key).matches()) {
                int colon = key.indexOf(':');
                for (int nth = 1; nth <= count; nth++) {
                    writes.add(new Write(key.substring(0, colon), key.substring(colon + 1), nth));
                }
            }
        });
        return writes;
    }
}
