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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Draining a cordoned pool NLB through the real handler and a real FIFO queue: each step is one message, which asks
 * for the next; after every delivery each route is served by the stage, through a listener of its own service (a
 * stage whose deployment failed still serves the old listener, which stands until the stage serves the new one).
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
        queue = new SqsEventSourceReplay(sqs);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < PATHS.size(); i++) {
            String[] alb = aws.albWithTargetGroup(vpcA, "pay" + i + "-alb");
            String service = aws.service(cluster, "pay" + i, alb[1], vpcA, Map.of("apigw:path", PATHS.get(i)));
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
        int deliveries = 0;
        while (queue.queued() > 0) {
            assertTrue(++deliveries <= 20, "the drain ends");
            SQSEvent batch = queue.poll(5);
            queue.deliver(batch, this::run);
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
        assertEquals("Drained", ((Decision.Skipped) outcome.decisions().getLast()).skip().reason());
        assertEquals(0, queue.deadLettersWaiting());
    }

    @Test
    void aFaultHalfWayIsRetriedByTheQueueAndEndsAsWithoutIt() {
        baseLandscape();
        threeServicesOnACordonedNlb();
        drain();
        List<String> faultFree = RoutingState.read(aws).text().lines().sorted().toList();

        baseLandscape();
        threeServicesOnACordonedNlb();
        moto.inject(FaultInjection.of("apigateway", "CreateDeployment", Fault.SERVER_ERROR).onCall(2).forCalls(3));
        moto.inject(FaultInjection.of("elasticloadbalancing", "DeleteListener", Fault.SERVER_ERROR).onCall(2)
                .forCalls(3));
        drain();

        assertEquals(faultFree, RoutingState.read(aws).text().lines().sorted().toList());
        assertTrue(moto.faultsFired() >= 6, "both faults fired past the SDK's retries");
        assertEquals(0, queue.deadLettersWaiting());
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
