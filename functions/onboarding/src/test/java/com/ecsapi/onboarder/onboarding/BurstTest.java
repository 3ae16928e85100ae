package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 50 services created in the same second: 50 distinct ports and paths, one deployment per batch. */
class BurstTest extends EmulatorTestBase {

    private List<String> createServices(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("svc-%02d", i);
            String tg = aws.tcpTargetGroup(vpcA, name + "-tg");
            String service = aws.service(cluster, name, tg, vpcA, Map.of("apigw:path", "/" + name));
            events.add(TestLandscape.createServiceEvent(service, cluster));
        }
        return events;
    }

    private void assertFiftyDistinctRoutes() {
        List<Listener> listeners = aws.listeners(nlbA1);
        Set<Integer> ports = listeners.stream().map(Listener::port).collect(Collectors.toSet());
        assertEquals(50, listeners.size());
        assertEquals(50, ports.size());
        Set<String> targets = listeners.stream().map(listener -> listener.defaultActions().get(0).targetGroupArn())
                .collect(Collectors.toSet());
        assertEquals(50, targets.size(), "every listener forwards to its own service");
        Map<String, Resource> resources = aws.resources(apiId);
        Set<String> uris = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            String path = String.format("/svc-%02d", i);
            Resource resource = resources.get(path);
            uris.add(aws.apiGateway.getIntegration(request -> request.restApiId(apiId).resourceId(resource.id())
                    .httpMethod("ANY")).uri());
        }
        assertEquals(50, uris.size(), "50 paths, each on its own listener port");
        assertEquals(1 + 50 * 2, resources.size());
    }

    @Test
    void fiftyServicesInOneBatch() {
        List<String> events = createServices(50);
        int deployments = aws.deployments(apiId);
        moto.clearCallCounts();

        SQSBatchResponse response = run(TestLandscape.batch(events));

        assertEquals(List.of(), failures(response));
        assertFiftyDistinctRoutes();
        assertEquals(deployments + 1, aws.deployments(apiId));
        assertEquals(1, moto.callCounts().get("apigateway:CreateDeployment"));
    }

    private static SQSBatchResponse await(Future<SQSBatchResponse> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * AWS refuses CreateDeployment while any method of the API has no integration, as another writer's has between
     * its PutMethod and PutIntegration: such a batch fails and SQS brings its messages back, which then deploy.
     */
    @Test
    void fiftyServicesInFiveConcurrentBatches() throws Exception {
        List<String> events = createServices(50);
        int deployments = aws.deployments(apiId);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<SQSEvent.SQSMessage> failed = new ArrayList<>();
        int cleanBatches = 0;
        try {
            List<SQSEvent> batches = new ArrayList<>();
            for (int batch = 0; batch < 5; batch++) {
                batches.add(TestLandscape.batch(events.subList(batch * 10, batch * 10 + 10)));
            }
            List<SQSBatchResponse> responses = asFunction("OnboardingFunction", environment(), () -> {
                List<Future<SQSBatchResponse>> results = new ArrayList<>();
                for (SQSEvent event : batches) {
                    results.add(pool.submit(() -> handler().handleRequest(event, null)));
                }
                return results.stream().map(BurstTest::await).toList();
            });
            for (int batch = 0; batch < 5; batch++) {
                List<String> failures = failures(responses.get(batch));
                cleanBatches += failures.isEmpty() ? 1 : 0;
                batches.get(batch).getRecords().stream().filter(m -> failures.contains(m.getMessageId()))
                        .forEach(failed::add);
            }
        } finally {
            pool.shutdown();
        }
        if (!failed.isEmpty()) {
            failed.forEach(message -> message.setAttributes(Map.of("ApproximateReceiveCount", "2")));
            SQSEvent redelivery = new SQSEvent();
            redelivery.setRecords(failed);
            assertEquals(List.of(), failures(run(redelivery)));
        }
        assertFiftyDistinctRoutes();
        assertEquals(deployments + cleanBatches + (failed.isEmpty() ? 0 : 1), aws.deployments(apiId),
                "one deployment per batch that succeeded");
    }
}
