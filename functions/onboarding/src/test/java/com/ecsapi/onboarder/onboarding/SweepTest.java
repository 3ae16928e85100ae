package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.testbed.Fault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep finds what events missed; the onboarding handler fixes it from the sweep's messages. */
class SweepTest extends EmulatorTestBase {

    private final SqsClient sqs = AwsClients.create(SqsClient.builder());

    private Map<String, Object> sweep(Map<String, String> variables) {
        return asFunction("ReconcileSweepFunction", variables,
                () -> new SweepHandler(Environment.of(variables)).handleRequest(new ScheduledEvent(), null));
    }

    @Test
    void sweepRepairsADeletedListenerAndRemovesTheObjectsOfAServiceDeletedWithoutEvent() {
        String queueUrl = sqs.createQueue(request -> request.queueName("onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String keptTg = aws.tcpTargetGroup(vpcA, "kept-tg");
        String kept = aws.service(cluster, "kept", keptTg, vpcA, Map.of("apigw:path", "/kept"));
        String gone = aws.service(cluster, "gone", aws.tcpTargetGroup(vpcA, "gone-tg"), vpcA, Map.of("apigw:path", "/gone"));
        aws.service(cluster, "plain", aws.tcpTargetGroup(vpcA, "plain-tg"), vpcA, Map.of());
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(kept, cluster),
                TestLandscape.createServiceEvent(gone, cluster)))));
        Listener keptListener = aws.listeners(nlbA1).stream()
                .filter(listener -> listener.defaultActions().get(0).targetGroupArn().equals(keptTg)).findFirst().orElseThrow();
        aws.elb.deleteListener(request -> request.listenerArn(keptListener.listenerArn()));
        aws.ecs.deleteService(request -> request.cluster(cluster).service(gone).force(true));

        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("QUEUE_URL", queueUrl);
        variables.put("CLUSTERS", "apps");
        Map<String, Object> summary = sweep(variables);
        assertEquals(2, ((Number) summary.get("enqueued")).intValue(), summary.toString());

        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10))
                .messages();
        assertEquals(2, messages.size());
        List<String> bodies = new ArrayList<>();
        messages.forEach(message -> bodies.add(message.body()));
        SQSBatchResponse response = run(TestLandscape.batch(bodies));

        assertEquals(List.of(), failures(response));
        List<Listener> listeners = aws.listeners(nlbA1);
        assertEquals(1, listeners.size());
        assertEquals(keptTg, listeners.get(0).defaultActions().get(0).targetGroupArn());
        assertEquals(keptListener.port(), listeners.get(0).port(), "the route's uri still names this port");
        assertEquals(Set.of("/", "/kept", "/kept/{proxy+}"), aws.resources(apiId).keySet());
        assertEquals(Set.of("Onboarded", "Deregistered"),
                Set.copyOf(decisions().stream().map(decision -> decision.plan().outcome().name()).toList()));
    }

    @Test
    void sweepMessagesAreUnderstoodByTheOnboardingHandler() {
        String tg = aws.tcpTargetGroup(vpcA, "orders-tg");
        String service = aws.service(cluster, "orders", tg, vpcA, Map.of("apigw:path", "/orders"));
        String body = "{\"version\":\"0\",\"id\":\"s\",\"source\":\"ecs-api-onboarder.sweep\",\"detail-type\":\"Reconcile Service\","
                + "\"detail\":{\"serviceArn\":\"" + service + "\",\"clusterArn\":\"" + cluster + "\"}}";
        SQSEvent event = TestLandscape.batch(body);

        assertEquals(List.of(), failures(run(event)));
        assertEquals(1, aws.listeners(nlbA1).size());
        assertEquals("Sweep", decisions().get(0).reconcile().trigger());
    }

    @Test
    void sweepFindsOwnersOnHttpApisAndTellsTheReconcileWhereTheirObjectsAre() {
        // the default API is the REST API: the untagged service's routes on the HTTP API are found only by the sweep
        String queueUrl = sqs.createQueue(request -> request.queueName("onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String httpApi = aws.httpApi("public-http", "$default", true);
        aws.vpcLinkV2(vpcA);
        Map<String, String> tags = Map.of("apigw:api", httpApi, "apigw:stage", "$default");
        String gone = aws.service(cluster, "gone", aws.albWithTargetGroup(vpcA, "gone-alb")[1], vpcA,
                with(tags, "/gone"));
        String stay = aws.service(cluster, "stay", aws.albWithTargetGroup(vpcA, "stay-alb")[1], vpcA, with(tags, "/stay"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(gone, cluster),
                TestLandscape.createServiceEvent(stay, cluster)))));
        // all apigw tags removed at once, and the event lost: nothing on the service names the HTTP API any more
        aws.ecs.untagResource(request -> request.resourceArn(gone).tagKeys("apigw:path", "apigw:api", "apigw:stage"));

        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("QUEUE_URL", queueUrl);
        sweep(variables);
        List<String> bodies = new ArrayList<>();
        sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()
                .forEach(message -> bodies.add(message.body()));
        assertEquals(2, bodies.size());
        SQSBatchResponse response = run(TestLandscape.batch(bodies));

        assertEquals(List.of(), failures(response));
        assertEquals(Set.of("ANY /stay", "ANY /stay/{proxy+}"), aws.routes(httpApi).keySet());
        assertEquals(1, aws.integrations(httpApi).size());
        assertEquals(Set.of("Unchanged", "Deregistered"),
                Set.copyOf(decisions().stream().map(decision -> decision.plan().outcome().name()).toList()));
    }

    @Test
    void theSweepCompletesWhateverStringAnyOneServiceCarriesInAnyTagAndEveryRequestEndsClearly() {
        SqsEventSourceReplay queue = new SqsEventSourceReplay(sqs);
        String keeper = aws.service(cluster, "keeper", aws.tcpTargetGroup(vpcA, "keeper-tg"), vpcA,
                Map.of("apigw:path", "/keeper"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(keeper, cluster)))));
        Map<String, Set<String>> keeperRoute = Map.of("keeper", aws.resources(apiId).keySet());
        List<String> hostile = List.of("", " ", "..", "/..", "../..", "{proxy+}", "ä", "x".repeat(256), "a\nb", "%2F",
                "$default", "' OR 1=1");
        List<String> keys = List.of("apigw:path", "apigw:api", "apigw:stage", "apigw:pool", "apigw:tls-server-name");
        int count = 0;
        for (String key : keys) {
            for (String value : hostile) {
                Map<String, String> tags = new java.util.HashMap<>(Map.of("apigw:path", "/h" + count));
                tags.put(key, value);
                aws.service(cluster, "h" + count, aws.tcpTargetGroup(vpcA, "h" + count), vpcA, tags);
                count++;
            }
        }
        String inactive = aws.service(cluster, "inactive", aws.tcpTargetGroup(vpcA, "inactive-tg"), vpcA,
                Map.of("apigw:path", "/inactive", "apigw:api", ""));
        aws.ecs.deleteService(request -> request.cluster(cluster).service(inactive).force(true));

        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("QUEUE_URL", queue.queueUrl);
        Map<String, Object> summary = sweep(variables);

        assertEquals(count + 1, ((Number) summary.get("enqueued")).intValue(), "every opted-in service, the keeper too");
        variables.put("DEAD_LETTER_QUEUE_URL", queue.deadLetterQueueUrl);
        int handled = 0;
        for (SQSEvent batch = queue.poll(0); !batch.getRecords().isEmpty(); batch = queue.poll(0)) {
            SQSBatchResponse response = queue.deliver(batch, event -> run(event, variables));
            assertEquals(List.of(), failures(response));
            assertEquals(batch.getRecords().size(), decisions().size(), "one decision per request");
            handled += batch.getRecords().size();
        }
        assertEquals(count + 1, handled);
        assertEquals(0, queue.deadLettersWaiting(), "nothing needed parking");
        assertEquals(keeperRoute, Map.of("keeper", aws.resources(apiId).keySet()), "the keeper's route stands, alone");
        assertEquals(1, aws.listeners(nlbA1).size());
    }

    @Test
    void aDryRunSweepSendsNothing() {
        String queueUrl = sqs.createQueue(request -> request.queueName("onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        aws.service(cluster, "orders", aws.tcpTargetGroup(vpcA, "orders-tg"), vpcA, Map.of("apigw:path", "/orders"));
        aws.service(cluster, "payments", aws.tcpTargetGroup(vpcA, "payments-tg"), vpcA, Map.of("apigw:path", "/payments"));
        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("QUEUE_URL", queueUrl);
        variables.put("DRY_RUN", "true");
        moto.clearCallCounts();

        Map<String, Object> summary = sweep(variables);

        assertEquals(2, ((Number) summary.get("requests")).intValue());
        assertEquals(0, ((Number) summary.get("enqueued")).intValue());
        assertEquals(List.of(), sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)).messages());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(call -> call.startsWith("sqs:Send")),
                moto.callCounts().toString());
    }

    @Test
    void sweepRedeploysAStageStillServingTheRouteOfAServiceWhoseRemovalLostItsDeployment() {
        String queueUrl = sqs.createQueue(request -> request.queueName("onboarding.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String gone = aws.service(cluster, "gone", aws.tcpTargetGroup(vpcA, "gone-tg"), vpcA, Map.of("apigw:path", "/gone"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(gone, cluster)))));
        aws.ecs.deleteService(request -> request.cluster(cluster).service(gone).force(true));
        // the removal's deployment fails past the SDK's retries, and its message never comes back
        moto.failNextCalls("apigateway", "CreateDeployment", 3, Fault.SERVER_ERROR);
        assertEquals(1, failures(run(TestLandscape.batch(TestLandscape.deleteServiceEvent(gone, cluster)))).size());
        assertEquals(Set.of("/"), aws.resources(apiId).keySet());
        assertEquals(List.of(), aws.listeners(nlbA1));
        int deployments = aws.deployments(apiId);

        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("QUEUE_URL", queueUrl);
        variables.put("CLUSTERS", "apps");
        Map<String, Object> summary = new SweepHandler(Environment.of(variables)).handleRequest(new ScheduledEvent(), null);
        assertEquals(1, ((Number) summary.get("enqueued")).intValue(), "the stage names the owner: " + summary);
        List<String> bodies = new ArrayList<>();
        sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()
                .forEach(message -> bodies.add(message.body()));

        assertEquals(List.of(), failures(run(TestLandscape.batch(bodies))));
        assertEquals(deployments + 1, aws.deployments(apiId), "the stage is deployed again");
        String export = aws.apiGateway.getExport(request -> request.restApiId(apiId).stageName("prod")
                .exportType("oas30").accepts("application/json")).body().asUtf8String();
        assertFalse(export.contains("/gone"), export);
    }

    private static Map<String, String> with(Map<String, String> tags, String path) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put("apigw:path", path);
        return all;
    }
}
