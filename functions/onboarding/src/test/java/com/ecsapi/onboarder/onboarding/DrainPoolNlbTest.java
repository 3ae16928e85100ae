package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.testbed.Fault;
import com.ecsapi.onboarder.testbed.FaultInjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Draining a cordoned pool NLB through the real handler and a real FIFO queue: each step is one message, which asks
 * for the next; after every delivery each route is served by the stage, through a listener of its own service (a
 * stage whose deployment failed still serves the old listener, which stands until the stage serves the new one).
 * Option-3 services move through a bridge target group holding a copy of their targets.
 */
class DrainPoolNlbTest extends EmulatorTestBase {

    private static final List<String> PATHS = List.of("/pay0", "/pay1", "/pay2");
    private final SqsClient sqs = AwsClients.create(SqsClient.builder());
    private SqsEventSourceReplay queue;
    private TestLandscape.Nlb nlbA2;

    @AfterEach
    void closeClient() {
        sqs.close();
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("QUEUE_URL", queue.queueUrl);
        variables.put("DEAD_LETTER_QUEUE_URL", queue.deadLetterQueueUrl);
        variables.put("RETRY_DELAY_SECONDS", "1");
        variables.put("RETRY_DELAY_MAX_SECONDS", "1");
        return variables;
    }

    /** Three option-4 services on a1, a second pool NLB a2, a1 cordoned. */
    private void threeServicesOnACordonedNlb() {
        threeServicesOnACordonedNlb(i -> aws.albWithTargetGroup(vpcA, "pay" + i + "-alb")[1]);
    }

    /**
     * Three option-3 services on a1 (each forwarding to its own target group, with two registered targets), a
     * second pool NLB a2, a1 cordoned; returns the services' target groups.
     */
    private List<String> threeOptionThreeServicesOnACordonedNlb() {
        List<String> groups = new ArrayList<>();
        threeServicesOnACordonedNlb(i -> {
            String group = aws.tcpTargetGroup(vpcA, "pay" + i + "-tg");
            aws.elb.registerTargets(request -> request.targetGroupArn(group).targets(
                    target -> target.id("10.0.1." + (10 + i)).port(8080),
                    target -> target.id("10.0.1." + (20 + i)).port(8080)));
            groups.add(group);
            return group;
        });
        return groups;
    }

    /** Three services on a1, service i with the target group {@code targetGroupOf(i)}; a2 added, a1 cordoned. */
    private void threeServicesOnACordonedNlb(IntFunction<String> targetGroupOf) {
        queue = new SqsEventSourceReplay(sqs);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < PATHS.size(); i++) {
            String service = aws.service(cluster, "pay" + i, targetGroupOf.apply(i), vpcA,
                    Map.of("apigw:path", PATHS.get(i)));
            events.add(TestLandscape.createServiceEvent(service, cluster));
        }
        assertEquals(List.of(), failures(run(TestLandscape.batch(events))));
        assertEquals(3, aws.listeners(nlbA1).size());
        nlbA2 = aws.nlb(vpcA, "a2", "default");
        aws.vpcLink(nlbA2);
        aws.elb.addTags(request -> request.resourceArns(nlbA1.arn())
                .tags(Tag.builder().key("apigw:cordon").value("true").build()));
    }

    private int drain() {
        queue.send(EventParser.drainMessage(nlbA1.arn()));
        return deliverAll();
    }

    /** Delivers what the queue holds, one poll at a time, checking after each that every route is served. */
    private int deliverAll() {
        return deliverAll(() -> {
        });
    }

    /** The same, running {@code afterEach} after every delivery too. */
    private int deliverAll(Runnable afterEach) {
        int deliveries = 0;
        while (queue.queued() > 0) {
            assertTrue(++deliveries <= 20, "the drain ends");
            SQSEvent batch = queue.poll(5);
            queue.deliver(batch, this::run);
            afterEach.run();
            RoutingState state = RoutingState.read(aws);
            assertEquals(List.of(), state.unreachable(), "after delivery " + deliveries);
            for (String path : PATHS) {
                assertTrue(state.text().lines().anyMatch(line -> line.startsWith("stage ") && line.contains(" " + path
                        + " ANY ")), path + " is served after delivery " + deliveries);
            }
        }
        assertEquals(List.of(), RoutingState.read(aws).violations(), "every stage serves what its API holds");
        return deliveries;
    }

    @Test
    void drainsThreeServicesOneAtATimeWithEveryRouteServedAfterEveryStep() {
        baseLandscape();
        threeServicesOnACordonedNlb();
        int deploymentsBefore = aws.deployments(apiId);

        int deliveries = drain();

        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(List.of(10000, 10001, 10002), aws.listeners(nlbA2).stream().map(l -> l.port()).sorted().toList());
        assertEquals(deploymentsBefore + 3, aws.deployments(apiId), "one deployment per moved service");
        assertEquals(7, deliveries, "a move and a removal per service, then the end");
        assertDrainEnded();
    }

    private void assertDrainEnded() {
        assertEquals("Drained", ((Decision.Skipped) outcome.decisions().getLast()).skip().reason());
        assertEquals(0, queue.deadLettersWaiting());
    }

    @Test
    void aFaultHalfWayIsRetriedByTheQueueAndEndsAsWithoutIt() {
        assertFaultsEndAsWithoutThem(this::threeServicesOnACordonedNlb, 6,
                FaultInjection.of("apigateway", "CreateDeployment", Fault.SERVER_ERROR).onCall(2).forCalls(3),
                FaultInjection.of("elasticloadbalancing", "DeleteListener", Fault.SERVER_ERROR).onCall(2).forCalls(3));
    }

    /**
     * Drains the landscape {@code fixture} makes once without faults, then again with {@code faults}: every route is
     * served after every delivery, at least {@code fired} faults fire, and the end is the same.
     */
    private void assertFaultsEndAsWithoutThem(Runnable fixture, int fired, FaultInjection... faults) {
        baseLandscape();
        fixture.run();
        drain();
        List<String> faultFree = RoutingState.read(aws).text().lines().sorted().toList();

        baseLandscape();
        fixture.run();
        for (FaultInjection fault : faults) {
            moto.inject(fault);
        }
        drain();

        assertEquals(faultFree, RoutingState.read(aws).text().lines().sorted().toList());
        assertTrue(moto.faultsFired() >= fired, "the faults fired past the SDK's retries: " + moto.faultsFired());
        assertEquals(0, queue.deadLettersWaiting());
    }

    @Test
    void drainsOptionThreeServicesThroughABridgeWithEveryRouteServedAfterEveryStep() {
        baseLandscape();
        List<String> ownGroups = threeOptionThreeServicesOnACordonedNlb();
        int deploymentsBefore = aws.deployments(apiId);
        List<String> bridgedTargets = new ArrayList<>();

        queue.send(EventParser.drainMessage(nlbA1.arn()));
        int deliveries = deliverAll(() -> bridges().forEach(bridge -> bridgedTargets.add(
                ownGroups.indexOf(bridgeOf(bridge)) + "=" + targets(bridge.targetGroupArn()))));

        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(ownGroups, aws.listeners(nlbA2).stream().sorted(Comparator.comparing(l -> l.port()))
                .map(l -> l.defaultActions().getFirst().targetGroupArn()).toList(),
                "each listener on a2 forwards to its service's own target group");
        assertEquals(List.of(), bridges(), "no bridge is left");
        assertTrue(bridgedTargets.containsAll(List.of("0=[10.0.1.10:8080, 10.0.1.20:8080]",
                "1=[10.0.1.11:8080, 10.0.1.21:8080]", "2=[10.0.1.12:8080, 10.0.1.22:8080]")), bridgedTargets.toString());
        assertEquals(deploymentsBefore + 6, aws.deployments(apiId), "two deployments per moved service");
        assertEquals(13, deliveries, "bridge, old listener removed, own group on a2, bridge removed; then the end");
        assertDrainEnded();
    }

    @Test
    void anOptionThreeDrainWithFaultsHalfWayIsRetriedByTheQueueAndEndsAsWithoutThem() {
        assertFaultsEndAsWithoutThem(this::threeOptionThreeServicesOnACordonedNlb, 9,
                FaultInjection.of("apigateway", "CreateDeployment", Fault.SERVER_ERROR).onCall(3).forCalls(3),
                FaultInjection.of("elasticloadbalancing", "RegisterTargets", Fault.SERVER_ERROR).onCall(2).forCalls(3),
                FaultInjection.of("elasticloadbalancing", "DeleteTargetGroup", Fault.SERVER_ERROR).onCall(1)
                        .forCalls(3));
        assertEquals(List.of(), bridges());
    }

    @Test
    void anOrdinaryReconcileOfAServiceHalfWayThroughItsBridgeContinuesTheDrainInsteadOfUndoingIt() {
        baseLandscape();
        threeOptionThreeServicesOnACordonedNlb();
        queue.send(EventParser.drainMessage(nlbA1.arn()));
        queue.deliver(queue.poll(5), this::run);
        assertEquals(1, bridges().size(), "the first step made a bridge");
        String serviceArn = aws.elb.describeTags(request -> request.resourceArns(bridges().getFirst().targetGroupArn()))
                .tagDescriptions().getFirst().tags().stream()
                .filter(tag -> tag.key().equals("ecs-api-onboarder:service")).map(Tag::value).findFirst().orElseThrow();

        assertEquals(List.of(), failures(run(TestLandscape.batch(List.of(
                TestLandscape.tagEvent("TagResource", serviceArn))))));

        assertEquals(List.of(), RoutingState.read(aws).unreachable());
        assertEquals(1, bridges().size(), "the bridge stays while the stage serves it");
        assertEquals(2, aws.listeners(nlbA1).size(), "the served bridge let the old listener go");
        deliverAll();
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(List.of(), bridges());
    }

    /** The onboarder's bridge target groups. */
    private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> bridges() {
        return aws.elb.describeTargetGroups().targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith("eao-"))
                .filter(group -> bridgeOf(group) != null).toList();
    }

    private String bridgeOf(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup group) {
        return aws.elb.describeTags(request -> request.resourceArns(group.targetGroupArn())).tagDescriptions()
                .getFirst().tags().stream().filter(tag -> tag.key().equals("ecs-api-onboarder:bridge-of"))
                .map(Tag::value).findFirst().orElse(null);
    }

    private List<String> targets(String targetGroupArn) {
        return aws.elb.describeTargetHealth(request -> request.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions().stream()
                .map(description -> description.target().id() + ":" + description.target().port()).sorted().toList();
    }

    @Test
    void theSweepStartsTheDrainOfAnNlbTaggedForIt() {
        baseLandscape();
        threeServicesOnACordonedNlb();
        Map<String, String> variables = environment();
        variables.put("CLUSTERS", "apps");

        Map<String, Object> idle = asFunction("ReconcileSweepFunction", variables,
                () -> new SweepHandler(Environment.of(variables)).handleRequest(new ScheduledEvent(), null));
        assertEquals(0, ((Number) idle.get("drains")).intValue(), "cordoned alone: the services stay");
        deliverAll();
        assertEquals(3, aws.listeners(nlbA1).size());

        aws.elb.addTags(request -> request.resourceArns(nlbA1.arn())
                .tags(Tag.builder().key("apigw:drain").value("true").build()));
        Map<String, Object> summary = asFunction("ReconcileSweepFunction", variables,
                () -> new SweepHandler(Environment.of(variables)).handleRequest(new ScheduledEvent(), null));
        assertEquals(1, ((Number) summary.get("drains")).intValue(), summary.toString());
        deliverAll();

        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(3, aws.listeners(nlbA2).size());
    }
}
