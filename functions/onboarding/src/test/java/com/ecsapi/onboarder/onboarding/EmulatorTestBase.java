package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One emulator per test class, reset before each test, with a base landscape: VPC A with the NLB {@code a1}
 * of pool {@code default} behind a VPC link, a REST API with stage {@code prod}, and the cluster {@code apps}.
 */
@Tag("emulator")
abstract class EmulatorTestBase {

    static MotoServer moto;
    TestLandscape aws;
    TestLandscape.Vpc vpcA;
    TestLandscape.Nlb nlbA1;
    String linkA1;
    String apiId;
    String cluster;

    @BeforeAll
    static void startEmulator() {
        moto = MotoServer.start();
        moto.useForThisJvm();
    }

    @AfterAll
    static void stopEmulator() {
        moto.close();
    }

    @BeforeEach
    void baseLandscape() {
        moto.reset();
        aws = new TestLandscape();
        vpcA = aws.vpc("10.1");
        nlbA1 = aws.nlb(vpcA, "a1", "default");
        linkA1 = aws.vpcLink(nlbA1);
        apiId = aws.restApi("public", "prod");
        cluster = aws.cluster("apps");
        moto.clearCallCounts();
    }

    Map<String, String> environment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("DEFAULT_API_ID", apiId);
        variables.put("DEFAULT_STAGE", "prod");
        variables.put("LISTENER_PORT_MIN", "10000");
        variables.put("LISTENER_PORT_MAX", "10999");
        return variables;
    }

    OnboardingHandler handler() {
        return new OnboardingHandler(Environment.of(environment()));
    }

    /** The handler a run uses: a fresh one each time, as a cold Lambda instance would be. */
    OnboardingHandler handler(Map<String, String> variables) {
        return new OnboardingHandler(Environment.of(variables));
    }

    /**
     * Runs a batch through a fresh handler; what it did is kept in {@link #outcome}, the log lines and metrics it
     * wrote in {@link #lines}.
     */
    SQSBatchResponse run(SQSEvent event) {
        return run(event, environment(), null);
    }

    /** The same, in an invocation with {@code context} (its remaining time). */
    SQSBatchResponse run(SQSEvent event, Context context) {
        return run(event, environment(), context);
    }

    /** The same, through a handler configured with {@code variables}. */
    SQSBatchResponse run(SQSEvent event, Map<String, String> variables) {
        return run(event, variables, null);
    }

    private SQSBatchResponse run(SQSEvent event, Map<String, String> variables, Context context) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        outcome = new BatchOutcome(List.of(), List.of());
        try {
            outcome = asFunction("OnboardingFunction", variables, () -> handler(variables)
                    .process(event, context, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        } finally {
            String text = buffer.toString(StandardCharsets.UTF_8);
            System.out.print(text);
            lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(Json.parse(line));
                }
            }
        }
        return OnboardingHandler.response(outcome);
    }

    /** What the last run did: its decisions, in order, and the messages it gave back. */
    BatchOutcome outcome = new BatchOutcome(List.of(), List.of());

    /** The log lines and EMF metric documents of the last run, for tests whose subject is a log line or a metric. */
    List<JsonNode> lines = List.of();

    /**
     * Reconciles {@code service} of the cluster as a message about it would, outside a batch (no stage deployment):
     * the decision as the reconciler returns it.
     */
    Reconciler.Result reconcile(String service) {
        Map<String, String> variables = environment();
        Onboarder onboarder = Onboarder.create(OnboarderConfig.from(Environment.of(variables)));
        StructuredLog log = StructuredLog.of(Reconciler.class);
        return asFunction("OnboardingFunction", variables, () -> onboarder.reconciler(onboarder.batchView(), log)
                .reconcile(new ServiceRef(service, cluster), false, List.of()));
    }

    /**
     * Runs {@code handler} as the template's {@code function} with {@code variables}: its AWS calls are journaled for
     * the IAM judge, for a stack whose {@code OtherApiIds} names every API of the landscape besides the default one.
     */
    <T> T asFunction(String function, Map<String, String> variables, Supplier<T> handler) {
        List<String> otherApis = aws.apiIds().stream().filter(id -> !id.equals(variables.get("DEFAULT_API_ID"))).toList();
        return moto.runAs(function, variables, Map.of("OtherApiIds", String.join(",", otherApis)), handler);
    }

    /** The services the last run reconciled (or planned), in order. */
    List<Decision.Reconciled> decisions() {
        return outcome.decisions().stream().filter(Decision.Reconciled.class::isInstance)
                .map(Decision.Reconciled.class::cast).toList();
    }

    /** The EMF documents of the last run that carry {@code metric}, with their value. */
    List<JsonNode> metricLines(String metric) {
        return lines.stream().filter(line -> line.isObject() && line.asObject().containsKey("_aws")
                && line.asObject().containsKey(metric)).toList();
    }

    static String text(JsonNode node, String field) {
        return Json.text(node, field).orElse(null);
    }

    static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** {@code ANY path} and {@code ANY path/{proxy+}}: HTTP_PROXY through the VPC link to the listener. */
    void assertRoute(String path, String dnsName, int port, String vpcLinkId, String owner) {
        Map<String, Resource> resources = aws.resources(apiId);
        Resource base = resources.get(path);
        Resource greedy = resources.get(path + "/{proxy+}");
        assertEquals(Set.of("ANY"), base.resourceMethods().keySet());
        assertEquals(Set.of("ANY"), greedy.resourceMethods().keySet());
        assertEquals("ecs-api-onboarder:" + owner, base.resourceMethods().get("ANY").operationName());
        GetIntegrationResponse baseIntegration = aws.apiGateway.getIntegration(request -> request.restApiId(apiId)
                .resourceId(base.id()).httpMethod("ANY"));
        GetIntegrationResponse greedyIntegration = aws.apiGateway.getIntegration(request -> request.restApiId(apiId)
                .resourceId(greedy.id()).httpMethod("ANY"));
        for (GetIntegrationResponse integration : List.of(baseIntegration, greedyIntegration)) {
            assertEquals("HTTP_PROXY", integration.typeAsString());
            assertEquals("VPC_LINK", integration.connectionTypeAsString());
            assertEquals(vpcLinkId, integration.connectionId());
            assertEquals("ANY", integration.httpMethod());
        }
        assertEquals("http://" + dnsName + ":" + port + "/", baseIntegration.uri());
        assertEquals("http://" + dnsName + ":" + port + "/{proxy}", greedyIntegration.uri());
        assertEquals(Map.of("integration.request.path.proxy", "method.request.path.proxy"),
                greedyIntegration.requestParameters());
        assertEquals(Map.of("method.request.path.proxy", true), greedy.resourceMethods().get("ANY").requestParameters());
    }
}
