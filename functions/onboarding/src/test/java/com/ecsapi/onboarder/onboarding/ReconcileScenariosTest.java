package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Placement, idempotency, conflicts, tag changes and bad events, each checking the outcome and the state. */
class ReconcileScenariosTest extends EmulatorTestBase {

    private String onboard(String name, String path) {
        String service = service(name, path);
        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));
        assertEquals(List.of(), failures(response));
        return service;
    }

    private String service(String name, String path) {
        String tg = aws.tcpTargetGroup(vpcA, name + "-tg");
        return aws.service(cluster, name, tg, vpcA, Map.of("apigw:path", path));
    }

    /** Everything a test must see unchanged: listeners of every NLB, resources and deployments of the API. */
    private String snapshot(TestLandscape.Nlb... nlbs) {
        StringBuilder state = new StringBuilder();
        for (TestLandscape.Nlb nlb : nlbs) {
            aws.listeners(nlb).forEach(listener -> state.append(listener.port()).append(' ')
                    .append(listener.defaultActions()).append('\n'));
        }
        aws.resources(apiId).forEach((path, resource) -> state.append(path).append(' ')
                .append(resource.resourceMethods()).append('\n'));
        state.append("deployments ").append(aws.deployments(apiId));
        state.append(" onboarderTargetGroups ").append(aws.elb.describeTargetGroups().targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith("eao-")).count());
        return state.toString();
    }

    @Test
    void twoVpcsTwoPoolsTheServiceLandsOnTheNlbOfItsOwnVpcAndPool() {
        TestLandscape.Vpc vpcB = aws.vpc("10.2");
        TestLandscape.Nlb nlbB1 = aws.nlb(vpcB, "b1", "default");
        TestLandscape.Nlb nlbBlue = aws.nlb(vpcB, "b2-blue", "blue");
        aws.vpcLink(nlbB1);
        String linkBlue = aws.vpcLink(nlbBlue);
        String tg = aws.tcpTargetGroup(vpcB, "inventory-tg");
        String service = aws.service(cluster, "inventory", tg, vpcB, Map.of("apigw:path", "/inventory", "apigw:pool", "blue"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(List.of(), aws.listeners(nlbB1));
        assertEquals(List.of(10000), aws.listeners(nlbBlue).stream().map(Listener::port).toList());
        assertEquals(linkBlue, decisions().get(0).plan().vpcLinkId());
        assertTrue(aws.apiGateway.getIntegration(request -> request.restApiId(apiId)
                .resourceId(aws.resources(apiId).get("/inventory").id()).httpMethod("ANY")).uri()
                .startsWith("http://" + nlbBlue.dnsName() + ":10000/"));
    }

    @Test
    void aFullNlbSpillsToTheNextOneOfThePool() {
        TestLandscape.Nlb nlbA2 = aws.nlb(vpcA, "a2", "default");
        aws.vpcLink(nlbA2);
        moto.setAppliedQuota("elasticloadbalancing", "L-57A373D6", 2);
        onboard("one", "/one");
        onboard("two", "/two");
        onboard("three", "/three");

        assertEquals(List.of(10000, 10001), aws.listeners(nlbA1).stream().map(Listener::port).sorted().toList());
        assertEquals(List.of(10000), aws.listeners(nlbA2).stream().map(Listener::port).toList());
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
    }

    @Test
    void aFullPoolIsCapacityExhaustedAndNothingIsCreated() {
        moto.setAppliedQuota("elasticloadbalancing", "L-57A373D6", 1);
        onboard("one", "/one");
        String before = snapshot(nlbA1);

        onboard("two", "/two");

        assertEquals(Outcome.Rejected, decisions().get(0).plan().outcome());
        assertEquals(RejectReason.CapacityExhausted, decisions().get(0).plan().reason());
        assertTrue(lines.stream().anyMatch(line -> line.asObject().containsKey("CapacityExhausted")),
                "a CapacityExhausted metric is published");
        assertEquals(before, snapshot(nlbA1));
    }

    @Test
    void anAwsRefusalOfOneMoreListenerSpillsToTheNextNlb() {
        TestLandscape.Nlb nlbA2 = aws.nlb(vpcA, "a2", "default");
        aws.vpcLink(nlbA2);
        moto.setAppliedQuota("elasticloadbalancing", "L-57A373D6", 1);
        onboard("one", "/one");

        onboard("two", "/two");

        assertEquals(List.of(10000), aws.listeners(nlbA1).stream().map(Listener::port).toList());
        assertEquals(List.of(10000), aws.listeners(nlbA2).stream().map(Listener::port).toList());
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertTrue(lines.stream().anyMatch(line -> "TooManyListenersException".equals(text(line, "refusal"))),
                "AWS's TooManyListeners made the reconciler re-plan");
    }

    @Test
    void withServiceQuotasDownTheDocumentedDefaultIsUsedOnceAnNlbHoldsThatMany() {
        TestLandscape.Nlb nlbA2 = aws.nlb(vpcA, "a2", "default");
        aws.vpcLink(nlbA2);
        String foreign = aws.tcpTargetGroup(vpcA, "foreign-tg");
        for (int port = 20000; port < 20050; port++) {
            int listenerPort = port;
            aws.elb.createListener(request -> request.loadBalancerArn(nlbA1.arn()).protocol("TCP").port(listenerPort)
                    .defaultActions(action -> action.type("forward").targetGroupArn(foreign)));
        }
        moto.failServiceQuotas(true);

        onboard("one", "/one");

        assertEquals(50, aws.listeners(nlbA1).size());
        assertEquals(List.of(10000), aws.listeners(nlbA2).stream().map(Listener::port).toList());
        assertTrue(lines.stream().anyMatch(line -> "Service Quotas did not answer; using the documented default"
                .equals(text(line, "message"))));
        assertTrue(lines.stream().noneMatch(line -> "TooManyListenersException".equals(text(line, "refusal"))),
                "the documented default kept the full NLB out of the placement");
    }

    @Test
    void theListenerQuotaIsNotReadWhileEveryNlbHoldsFewerListenersThanItsDefault() {
        onboard("one", "/one");

        assertEquals(List.of(10000), aws.listeners(nlbA1).stream().map(Listener::port).toList());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(call -> call.startsWith("servicequotas:")),
                moto.callCounts().toString());
    }

    @Test
    void dryRunLogsThePlanAndChangesNothing() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        String before = snapshot(nlbA1);
        dryRun = true;

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(before, snapshot(nlbA1));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertEquals(5, decisions().get(0).plan().changes().size(),
                "1 listener, 2 resources, 2 methods with their integrations");
    }

    private boolean dryRun;

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("DRY_RUN", String.valueOf(dryRun));
        return variables;
    }

    @Test
    void redeliveryChangesNothing() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        String event = TestLandscape.createServiceEvent(service, cluster);
        run(TestLandscape.batch(event));
        String before = snapshot(nlbA1);
        moto.clearCallCounts();

        SQSBatchResponse response = run(TestLandscape.batch(event, event));

        assertEquals(List.of(), failures(response));
        assertEquals(before, snapshot(nlbA1));
        assertEquals(List.of("Unchanged", "Unchanged"), decisions().stream().map(decision -> decision.plan().outcome().name()).toList());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(key -> key.matches(
                ".*:(Create|Put|Delete|Add|Register).*") && !key.endsWith("GetResources")), moto.callCounts().toString());
    }

    @Test
    void aPathMadeByHandOrOwnedByAnotherServiceIsAConflictAndNothingChanges() {
        String rootId = aws.resources(apiId).get("/").id();
        String handMade = aws.apiGateway.createResource(request -> request.restApiId(apiId).parentId(rootId)
                .pathPart("legacy")).id();
        aws.apiGateway.putMethod(request -> request.restApiId(apiId).resourceId(handMade).httpMethod("GET")
                .authorizationType("NONE"));
        aws.apiGateway.putIntegration(request -> request.restApiId(apiId).resourceId(handMade).httpMethod("GET")
                .type(IntegrationType.MOCK));
        onboard("orders", "/orders");
        String before = snapshot(nlbA1);

        assertEquals(RejectReason.PathConflict, reconcile(service("intruder", "/legacy")).plan().reason());
        assertEquals(RejectReason.PathConflict, reconcile(service("thief", "/orders")).plan().reason());
        assertEquals(RejectReason.PathConflict, reconcile(service("nested", "/orders/admin")).plan().reason());

        assertEquals(before, snapshot(nlbA1));
    }

    @Test
    void removingThePathTagDeregistersTheService() {
        String service = onboard("orders", "/orders");
        int deployments = aws.deployments(apiId);
        aws.ecs.untagResource(request -> request.resourceArn(service).tagKeys("apigw:path"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.tagEvent("UntagResource", service)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(List.of(), aws.listeners(nlbA1));
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(deployments + 1, aws.deployments(apiId));
    }

    @Test
    void changingThePathMovesTheRouteAndKeepsThePort() {
        String service = onboard("orders", "/orders");
        aws.ecs.tagResource(request -> request.resourceArn(service).tags(tag -> tag.key("apigw:path").value("/shop/orders")));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.tagEvent("TagResource", service)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        Map<String, Resource> resources = aws.resources(apiId);
        assertEquals(Set.of("/", "/shop", "/shop/orders", "/shop/orders/{proxy+}"), resources.keySet());
        List<Listener> listeners = aws.listeners(nlbA1);
        assertEquals(1, listeners.size());
        assertEquals(10000, listeners.get(0).port());
        assertEquals("/shop/orders", aws.tags(listeners.get(0).listenerArn()).get("ecs-api-onboarder:path"));
    }

    @Test
    void badAndFailedEventsAreReportedAndChangeNothing() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        String untagged = aws.service(cluster, "internal", aws.tcpTargetGroup(vpcA, "internal-tg"), vpcA, Map.of());
        String before = snapshot(nlbA1);

        SQSEvent skipped = TestLandscape.batch(TestLandscape.failedCreateEvent(cluster, "orders"),
                TestLandscape.createServiceEvent(untagged, cluster),
                TestLandscape.tagEvent("TagResource", cluster));
        SQSBatchResponse response = run(skipped);
        assertEquals(List.of(), failures(response));
        assertEquals(before, snapshot(nlbA1));
        assertTrue(outcome.decisions().stream().anyMatch(decision -> decision instanceof Decision.Skipped skip
                && "FailedCall".equals(skip.skip().reason())));
        assertEquals(Outcome.Skipped, decisions().get(0).plan().outcome());

        SQSEvent withGarbage = TestLandscape.batch("{not json", TestLandscape.createServiceEvent(service, cluster));
        response = run(withGarbage);
        List<String> ids = withGarbage.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
        assertEquals(ids, failures(response), "no dead-letter queue to park in: the bad message and every later one go"
                + " back to the FIFO queue (FifoRedeliveryReplayTest parks it)");
        assertEquals(before, snapshot(nlbA1));
        assertTrue(outcome.decisions().stream().anyMatch(decision -> decision instanceof Decision.NotParked notParked
                && "MalformedEvent".equals(notParked.failure().reason())));
    }
}
