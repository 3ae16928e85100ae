package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.operator.OperatorTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator tools against the emulator: a landscape holding every pattern, onboarded through the real handler;
 * the inventory lists each route from API to service, flags each kind of drift made by hand, and the explain tool
 * answers for an onboarded, a new and a refused service. Neither tool makes a single write.
 */
class OperatorToolTest extends EmulatorTestBase {

    PatternLandscape patterns;
    final Map<String, String> services = new TreeMap<>();
    String handlerLog = "";

    @TempDir
    Path work;

    @BeforeEach
    void everyPatternOnboarded() {
        patterns = new PatternLandscape(aws, vpcA, cluster);
        for (PatternLandscape.Kind kind : PatternLandscape.Kind.values()) {
            services.put(kind.label, patterns.service(kind));
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(List.of(), failures(run(TestLandscape.batch(services.values().stream()
                    .map(service -> TestLandscape.createServiceEvent(service, cluster)).toList()))));
        } finally {
            System.setOut(original);
        }
        handlerLog = captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PREFER_REST_VPC_LINK_V2", "true");
        return variables;
    }

    @Test
    void inventoryFollowsEveryRouteFromTheApiToItsService() {
        JsonNode inventory = tool("inventory", "--json");

        Map<String, String> patternByPath = new TreeMap<>();
        Map<String, String> ownerByPath = new TreeMap<>();
        for (JsonNode route : Json.array(inventory, "routes")) {
            patternByPath.put(text(route, "path"), text(route, "pattern"));
            ownerByPath.put(text(route, "path"), text(route, "service"));
            assertEquals("ACTIVE", text(route, "serviceState"), text(route, "path"));
            assertEquals(List.of(), Json.array(route, "drift"), text(route, "path"));
        }
        assertEquals(Map.of("/o3", "option-3-shared-nlb", "/o4", "option-4-shared-nlb-to-alb",
                "/o2", "option-2-dedicated-nlb", "/v2", "rest-api-vpc-link-v2",
                "/h1", "option-1-http-api-load-balancer", "/h1b", "option-1b-http-api-cloud-map"), patternByPath);
        assertEquals(Map.of("/o3", services.get("option-3-shared-nlb"), "/o4", services.get("option-4-shared-nlb-to-alb"),
                "/o2", services.get("option-2-dedicated-nlb"), "/v2", services.get("rest-api-vpc-link-v2"),
                "/h1", services.get("option-1-http-api-load-balancer"),
                "/h1b", services.get("option-1b-http-api-cloud-map")), ownerByPath);
        assertEquals(List.of(), Json.array(inventory, "drift"));

        JsonNode o3 = route(inventory, "/o3");
        assertEquals(List.of("prod"), strings(o3, "stages"));
        assertEquals(linkA1, text(o3, "vpcLink"));
        assertEquals("a1", text(o3, "loadBalancer"));
        assertEquals("10000", text(o3, "port"));
        assertEquals("tg o3-tg", text(o3, "target"));
        JsonNode o4 = route(inventory, "/o4");
        assertEquals("b1", text(o4, "loadBalancer"));
        assertEquals("alb o4-alb:80", text(o4, "target"));
        assertEquals("o2-nlb", text(route(inventory, "/o2"), "loadBalancer"));
        assertEquals("7000", text(route(inventory, "/o2"), "port"));
        assertEquals("v2-alb", text(route(inventory, "/v2"), "loadBalancer"));
        assertEquals(patterns.linkV2, text(route(inventory, "/v2"), "vpcLink"));
        JsonNode h1 = route(inventory, "/h1");
        assertEquals(List.of("$default"), strings(h1, "stages"));
        assertEquals("h1-alb", text(h1, "loadBalancer"));
        assertEquals("80", text(h1, "port"));
        assertEquals("tg h1-alb-tg", text(h1, "target"));
        assertTrue(text(route(inventory, "/h1b"), "target").startsWith("cloudmap srv-"),
                text(route(inventory, "/h1b"), "target"));

        String table = toolText("inventory");
        assertTrue(table.contains("6 route(s), 0 drift finding(s)"), table);
        assertTrue(table.matches("(?s).*" + apiId + " \\(REST\\)\\s+prod\\s+/o3\\s+option-3-shared-nlb\\s+" + linkA1
                + "\\s+a1:10000\\s+tg o3-tg\\s+o3\\s+ACTIVE\\s+-.*"), table);
    }

    @Test
    void inventoryFlagsEachKindOfDrift() {
        String o3 = services.get("option-3-shared-nlb");
        String o3Listener = aws.listeners(nlbA1).get(0).listenerArn();
        String intruderGroup = aws.tcpTargetGroup(vpcA, "intruder-tg");
        String intruder = aws.service(cluster, "intruder", intruderGroup, vpcA, Map.of());
        aws.elb.modifyListener(request -> request.listenerArn(o3Listener)
                .defaultActions(action -> action.type("forward").targetGroupArn(intruderGroup)));
        String o4 = services.get("option-4-shared-nlb-to-alb");
        aws.ecs.deleteService(request -> request.cluster(cluster).service(o4).force(true));
        String strayListener = aws.elb.createListener(request -> request.loadBalancerArn(nlbA1.arn())
                .protocol(ProtocolEnum.TCP).port(10500)
                .defaultActions(action -> action.type("forward").targetGroupArn(intruderGroup))
                .tags(tag -> tag.key("ecs-api-onboarder:service").value(intruder))).listeners().get(0).listenerArn();
        String o2Listener = aws.elb.describeListeners(request -> request.loadBalancerArn(loadBalancerArn("o2-nlb")))
                .listeners().get(0).listenerArn();
        aws.elb.deleteListener(request -> request.listenerArn(o2Listener));

        JsonNode inventory = tool("inventory", "--json");

        Map<String, List<String>> driftByPath = new TreeMap<>();
        Json.array(inventory, "routes").forEach(route -> driftByPath.put(text(route, "path"), strings(route, "drift")));
        assertEquals(Map.of("/o3", List.of("ForeignTarget"), "/o4", List.of("ServiceGone"), "/o2", List.of("Dangling"),
                "/v2", List.of(), "/h1", List.of(), "/h1b", List.of()), driftByPath);
        Map<String, String> unreferenced = Json.array(inventory, "drift").stream()
                .filter(drift -> text(drift, "kind").equals("Unreferenced"))
                .collect(Collectors.toMap(drift -> text(drift, "object"), drift -> text(drift, "service")));
        assertEquals(Map.of(strayListener, intruder), unreferenced);
        JsonNode foreign = Json.array(inventory, "drift").stream()
                .filter(drift -> text(drift, "kind").equals("ForeignTarget")).findFirst().orElseThrow();
        assertEquals(o3, text(foreign, "service"));
        assertTrue(text(foreign, "detail").contains("forwards to tg intruder-tg of intruder, not to o3"),
                text(foreign, "detail"));
        assertTrue(toolText("inventory").contains("ServiceGone: stage(s) prod serve the route of o4, which is"),
                toolText("inventory"));
    }

    @Test
    void explainsAnOnboardedServiceWithItsLastDecisionFromTheLogFile() throws IOException {
        Path log = Files.writeString(work.resolve("onboarding.log"), handlerLog);

        JsonNode explanation = tool("explain", "apps", "o3", "--json", "--log-file", log.toString()).asArray().get(0);

        assertEquals(services.get("option-3-shared-nlb"), text(explanation, "service"));
        assertEquals("live: " + apiId + "/prod serves ANY /o3 (option-3-shared-nlb)", text(explanation, "verdict"));
        assertEquals("/o3", text(Json.at(explanation, "tags").orElseThrow(), "apigw:path"));
        assertTrue(text(explanation, "why").startsWith("target group o3-tg is TCP and attached to no load balancer"),
                text(explanation, "why"));
        assertEquals("Unchanged", Json.text(explanation, "nextReconcile", "outcome").orElseThrow());
        assertEquals(List.of(), strings(Json.at(explanation, "nextReconcile").orElseThrow(), "changes"));
        assertEquals(1, Json.array(explanation, "exists", "routes").size());
        assertEquals("Onboarded", Json.text(explanation, "lastDecision", "outcome").orElseThrow());
        assertEquals("option-3-shared-nlb", Json.text(explanation, "lastDecision", "pattern").orElseThrow());
        assertEquals("file " + log, text(explanation, "decisionSource"));
    }

    @Test
    void readsTheLastDecisionFromCloudWatchLogs() {
        String group = "/aws/lambda/ecs-api-onboarder/onboarding";
        try (CloudWatchLogsClient logs = AwsClients.create(CloudWatchLogsClient.builder())) {
            logs.createLogGroup(request -> request.logGroupName(group));
            logs.createLogStream(request -> request.logGroupName(group).logStreamName("2026/11/30/[live]abc"));
            long now = Instant.now().toEpochMilli();
            List<InputLogEvent> events = new ArrayList<>();
            handlerLog.lines().filter(line -> line.startsWith("{"))
                    .forEach(line -> events.add(InputLogEvent.builder().timestamp(now).message(line).build()));
            logs.putLogEvents(request -> request.logGroupName(group).logStreamName("2026/11/30/[live]abc")
                    .logEvents(events));
        }
        moto.clearCallCounts();

        String text = toolText("explain", "apps", "h1");

        assertTrue(text.contains("Verdict: live: " + patterns.httpApi + "/$default serves ANY /h1"
                + " (option-1-http-api-load-balancer)"), text);
        assertTrue(text.matches("(?s).*\nLast: +\\S+ Onboarded option-1-http-api-load-balancer"
                + " \\[trigger CreateService].*"), text);
        assertTrue(text.contains("Log:     CloudWatch Logs " + group + ", last 72 h"), text);
        assertEquals(1, moto.callCounts().getOrDefault("logs:FilterLogEvents", 0), moto.callCounts().toString());
    }

    @Test
    void explainsWhatTheNextReconcileWouldDoForANewService() {
        String fresh = aws.service(cluster, "fresh", aws.tcpTargetGroup(vpcA, "fresh-tg"), vpcA,
                Map.of("apigw:path", "/fresh"));

        JsonNode explanation = tool("explain", "--path", "/fresh", "--json").asArray().get(0);

        assertEquals(fresh, text(explanation, "service"));
        assertEquals("not live yet: the next reconcile makes 5 change(s)", text(explanation, "verdict"));
        assertEquals("Onboarded", Json.text(explanation, "nextReconcile", "outcome").orElseThrow());
        List<String> changes = strings(Json.at(explanation, "nextReconcile").orElseThrow(), "changes");
        assertTrue(changes.get(0).startsWith("elasticloadbalancing:CreateListener LoadBalancerArn=" + nlbA1.arn()
                + " Protocol=TCP Port=10001"), changes.get(0));
        assertEquals(List.of(apiId + "/prod"), strings(Json.at(explanation, "nextReconcile").orElseThrow(),
                "deployments"));
        assertEquals("10001", Json.text(explanation, "should", "port").orElseThrow());
        assertEquals(0, Json.array(explanation, "exists", "routes").size());
        assertTrue(explanation.asObject().get("lastDecision").isNull(), "no decision was logged for it");
        assertTrue(text(explanation, "decisionSource").startsWith("log group /aws/lambda/ecs-api-onboarder/onboarding"
                + " does not exist here"), text(explanation, "decisionSource"));
    }

    @Test
    void explainsRefusalsWithTheirReason() {
        String clashing = aws.service(cluster, "clash", aws.tcpTargetGroup(vpcA, "clash-tg"), vpcA,
                Map.of("apigw:path", "/o3"));
        aws.service(cluster, "nostage", aws.tcpTargetGroup(vpcA, "nostage-tg"), vpcA,
                Map.of("apigw:path", "/nostage", "apigw:stage", "staging"));

        JsonNode clash = tool("explain", "apps", "clash", "--json").asArray().get(0);
        JsonNode noStage = tool("explain", "apps", "nostage", "--json").asArray().get(0);
        JsonNode byPath = tool("explain", "--path", "/o3", "--json");

        assertEquals("Rejected", Json.text(clash, "nextReconcile", "outcome").orElseThrow());
        assertEquals("PathConflict", Json.text(clash, "nextReconcile", "reason").orElseThrow());
        assertTrue(text(clash, "verdict").startsWith("refused (PathConflict): "), text(clash, "verdict"));
        assertEquals("UnknownStage", Json.text(noStage, "nextReconcile", "reason").orElseThrow());
        assertTrue(text(noStage, "verdict").contains("has no stage 'staging'"), text(noStage, "verdict"));
        assertEquals(Set.of(services.get("option-3-shared-nlb"), clashing),
                byPath.asArray().stream().map(node -> text(node, "service")).collect(Collectors.toSet()));
        assertEquals(2, byPath.asArray().size());
    }

    @Test
    void theToolsMakeNoWrite() {
        aws.service(cluster, "fresh", aws.tcpTargetGroup(vpcA, "fresh-tg"), vpcA, Map.of("apigw:path", "/fresh"));
        moto.clearCallCounts();

        tool("inventory", "--json");
        tool("explain", "apps", "fresh", "--json");
        tool("explain", "--path", "/o4", "--json");

        assertTrue(moto.callCounts().keySet().stream().anyMatch(call -> call.equals("logs:FilterLogEvents")),
                moto.callCounts().toString());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(OperatorToolTest::isWrite),
                "the tools only read: " + moto.callCounts());
    }

    @Test
    void explainPlansTheNextReconcileOnTheReadsItMadeForTheRoutes() {
        aws.service(cluster, "fresh", aws.tcpTargetGroup(vpcA, "fresh-tg"), vpcA, Map.of("apigw:path", "/fresh"));
        moto.clearCallCounts();
        tool("inventory", "--json");
        Map<String, Integer> inventory = Map.copyOf(moto.callCounts());
        moto.clearCallCounts();

        tool("explain", "apps", "fresh", "--json");

        for (String read : List.of("elasticloadbalancing:DescribeLoadBalancers", "apigateway:GetResources")) {
            assertEquals(inventory.get(read), moto.callCounts().get(read),
                    read + ": one round of reads serves both the routes and the planned reconcile");
        }
    }

    @Test
    void aUsageErrorSaysHow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new OperatorTool(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of("explain", "--path"));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("--path needs a value\nusage: explain"),
                err.toString(StandardCharsets.UTF_8));
    }

    private static boolean isWrite(String call) {
        String name = call.substring(call.indexOf(':') + 1);
        return !(name.startsWith("Describe") || name.startsWith("Get") || name.startsWith("List")
                || name.startsWith("Filter"));
    }

    private JsonNode tool(String... args) {
        return Json.parse(toolText(args));
    }

    /** Runs the tool as bin/explain and bin/inventory do, with the function's variables in the environment. */
    private String toolText(String... args) {
        Map<String, String> variables = new HashMap<>(environment());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new OperatorTool(variables, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode route(JsonNode inventory, String path) {
        return Json.array(inventory, "routes").stream().filter(route -> path.equals(text(route, "path"))).findFirst()
                .orElseThrow();
    }

    private static List<String> strings(JsonNode node, String field) {
        return Json.array(node, field).stream().map(JsonNode::text).toList();
    }

    private String loadBalancerArn(String name) {
        return aws.elb.describeLoadBalancers(request -> request.names(name)).loadBalancers().get(0).loadBalancerArn();
    }
}
