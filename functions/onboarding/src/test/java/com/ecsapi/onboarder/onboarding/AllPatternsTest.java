package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.ecsapi.onboarder.onboarding.plan.ChangeText;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A landscape holding every pattern at once (REST via VPC link V2 preferred where a V2 link exists): each
 * service lands on its own pattern and nothing crosses over; and the dry run of each pattern prints its decision
 * and changes and leaves the emulator's state byte-for-byte unchanged.
 */
class AllPatternsTest extends EmulatorTestBase {

    PatternLandscape patterns;
    boolean dryRun;

    @BeforeEach
    void everyPattern() {
        patterns = new PatternLandscape(aws, vpcA, cluster);
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PREFER_REST_VPC_LINK_V2", "true");
        variables.put("DRY_RUN", Boolean.toString(dryRun));
        variables.put("CREATE_VPC_LINKS", "true");
        return variables;
    }

    @Test
    void everyServiceLandsOnItsPatternAndNothingCrossesOver() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put(patterns.option3(), "option-3-shared-nlb");
        services.put(patterns.option4(), "option-4-shared-nlb-to-alb");
        services.put(patterns.option2(), "option-2-dedicated-nlb");
        services.put(patterns.restV2(), "rest-api-vpc-link-v2");
        services.put(patterns.option1(), "option-1-http-api-load-balancer");
        services.put(patterns.option1b(), "option-1b-http-api-cloud-map");

        SQSBatchResponse response = run(TestLandscape.batch(services.keySet().stream()
                .map(service -> TestLandscape.createServiceEvent(service, cluster)).toList()));

        assertEquals(List.of(), failures(response));
        Map<String, String> landed = decisions().stream().collect(Collectors.toMap(
                decision -> decision.reconcile().service().serviceArn(),
                decision -> decision.result().pattern() + "/" + decision.plan().outcome()));
        Map<String, String> expected = services.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue() + "/Onboarded"));
        assertEquals(expected, landed);

        List<Listener> poolA = aws.listeners(nlbA1);
        List<Listener> poolB = aws.listeners(patterns.nlbB1);
        assertEquals(1, poolA.size(), "only option 3 uses pool A");
        assertEquals(1, poolB.size(), "only option 4 uses pool B");
        assertEquals("/o3", aws.tags(poolA.get(0).listenerArn()).get("ecs-api-onboarder:path"));
        assertEquals("/o4", aws.tags(poolB.get(0).listenerArn()).get("ecs-api-onboarder:path"));

        Map<String, Resource> rest = aws.resources(apiId);
        assertEquals(Set.of("/", "/o3", "/o3/{proxy+}", "/o4", "/o4/{proxy+}", "/o2", "/o2/{proxy+}", "/v2",
                "/v2/{proxy+}"), rest.keySet());
        assertEquals(Map.of("/o3", linkA1, "/o4", patterns.linkB1, "/o2", linkOf("o2-nlb"), "/v2", patterns.linkV2),
                restLinks(rest));
        assertEquals(loadBalancerArn("v2-alb"), integration(rest.get("/v2")).integrationTarget());
        for (String path : List.of("/o3", "/o4", "/o2")) {
            assertEquals(null, integration(rest.get(path)).integrationTarget(), path + " goes through a VPC link V1");
        }

        assertEquals(Set.of("ANY /h1", "ANY /h1/{proxy+}", "ANY /h1b", "ANY /h1b/{proxy+}"),
                aws.routes(patterns.httpApi).keySet());
        Map<String, String> uris = aws.integrations(patterns.httpApi).stream()
                .collect(Collectors.toMap(Integration::description, Integration::integrationUri));
        assertEquals(2, uris.size());
        assertTrue(uris.values().stream().anyMatch(uri -> uri.contains(":listener/app/h1-alb/")), uris.toString());
        assertTrue(uris.values().stream().anyMatch(uri -> uri.contains(":servicediscovery:")), uris.toString());
    }

    private static final List<String> REST_ROUTE = List.of("apigateway:CreateResource", "apigateway:CreateResource",
            "apigateway:PutMethod", "apigateway:PutIntegration", "apigateway:PutMethod", "apigateway:PutIntegration");
    private static final List<String> HTTP_ROUTE = List.of("apigateway:CreateIntegration", "apigateway:CreateRoute",
            "apigateway:CreateRoute");

    /** The AWS calls each pattern's dry run plans for a new service, in order. */
    static final Map<String, List<String>> PLANNED_CALLS = Map.of(
            "option-3-shared-nlb", concat(List.of("elasticloadbalancing:CreateListener"), REST_ROUTE),
            "option-4-shared-nlb-to-alb", concat(List.of("elasticloadbalancing:CreateTargetGroup",
                    "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:CreateListener"), REST_ROUTE),
            "option-2-dedicated-nlb", REST_ROUTE,
            "rest-api-vpc-link-v2", REST_ROUTE,
            "option-1-http-api-load-balancer", HTTP_ROUTE,
            "option-1b-http-api-cloud-map", HTTP_ROUTE);

    @Test
    void theDryRunOfEveryPatternPrintsItsChangesAndChangesNothing() {
        dryRun = true;
        Map<String, String> services = new LinkedHashMap<>();
        services.put("option-3-shared-nlb", patterns.option3());
        services.put("option-4-shared-nlb-to-alb", patterns.option4());
        services.put("option-2-dedicated-nlb", patterns.option2());
        services.put("rest-api-vpc-link-v2", patterns.restV2());
        services.put("option-1-http-api-load-balancer", patterns.option1());
        services.put("option-1b-http-api-cloud-map", patterns.option1b());
        // the VPC link each REST pattern's integrations go through (the HTTP API patterns put no REST integration)
        Map<String, String> links = Map.of("option-3-shared-nlb", linkA1, "option-4-shared-nlb-to-alb", patterns.linkB1,
                "option-2-dedicated-nlb", linkOf("o2-nlb"), "rest-api-vpc-link-v2", patterns.linkV2);
        for (Map.Entry<String, String> entry : services.entrySet()) {
            String before = state();

            SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(entry.getValue(), cluster)));

            assertEquals(List.of(), failures(response));
            Decision.Reconciled decision = decisions().get(0);
            assertEquals(entry.getKey(), decision.result().pattern());
            assertEquals(Outcome.Onboarded, decision.plan().outcome());
            assertFalse(decision.result().why().isBlank());
            List<String> planned = decision.plan().changes().stream().map(ChangeText::of).toList();
            assertFalse(planned.isEmpty(), entry.getKey());
            assertTrue(planned.stream().allMatch(change -> change.matches("(apigateway|elasticloadbalancing):\\w+ .*")),
                    planned.toString());
            assertEquals(PLANNED_CALLS.get(entry.getKey()), calls(planned), entry.getKey());
            String link = links.get(entry.getKey());
            assertTrue(planned.stream().filter(change -> change.contains("PutIntegration"))
                    .allMatch(change -> change.contains(" connectionId=" + link)), link + " in " + planned);
            assertEquals(List.of(entry.getKey().contains("http-api") ? patterns.httpApi + "/$default" : apiId + "/prod"),
                    decision.result().deployments().stream().map(stage -> stage.apiId() + "/" + stage.stage()).toList(),
                    entry.getKey());
            assertEquals(before, state(), entry.getKey() + ": the dry run changed the emulator's state");
        }
        String before = state();
        dryRun = false;
        run(TestLandscape.batch(TestLandscape.createServiceEvent(services.get("option-1b-http-api-cloud-map"), cluster)));
        assertNotEquals(before, state(), "the state compared sees a real onboarding");
    }

    @Test
    void theDryRunOfAVpcLinkCreationChangesNothingEither() {
        dryRun = true;
        String tg = aws.tcpTargetGroup(patterns.vpcB, "o2-tg");
        aws.dedicatedNlb(patterns.vpcB, "o2-nlb", tg, 7000);
        String service = aws.service(cluster, "o2", tg, patterns.vpcB, Map.of("apigw:path", "/o2"));
        String before = state();

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Pending, decisions().get(0).plan().outcome());
        assertEquals(before, state());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** The operations of planned changes, e.g. {@code apigateway:PutMethod} (a change may be more than one call). */
    private static List<String> calls(List<String> planned) {
        return planned.stream().flatMap(change -> Stream.of(change.split("; ")))
                .map(call -> call.substring(0, call.indexOf(' '))).toList();
    }

    private String linkOf(String nlbName) {
        String nlbArn = loadBalancerArn(nlbName);
        return aws.vpcLinks().entrySet().stream().filter(entry -> entry.getValue().equals(List.of(nlbArn)))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private String loadBalancerArn(String name) {
        return aws.elb.describeLoadBalancers(request -> request.names(name)).loadBalancers().get(0).loadBalancerArn();
    }

    private GetIntegrationResponse integration(Resource resource) {
        return aws.apiGateway.getIntegration(request -> request.restApiId(apiId).resourceId(resource.id())
                .httpMethod("ANY"));
    }

    /** base path -> the VPC link its integration uses. */
    private Map<String, String> restLinks(Map<String, Resource> rest) {
        Map<String, String> links = new TreeMap<>();
        rest.forEach((path, resource) -> {
            if (!path.equals("/") && !path.endsWith("{proxy+}")) {
                links.put(path, integration(resource).connectionId());
            }
        });
        return links;
    }

    /** Every describe of the services the onboarder writes to, as the SDK prints them. */
    private String state() {
        List<String> parts = new ArrayList<>();
        var lbs = aws.elb.describeLoadBalancers().loadBalancers();
        parts.add(lbs.toString());
        lbs.forEach(lb -> parts.add(aws.elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).toString()));
        var groups = aws.elb.describeTargetGroups().targetGroups();
        parts.add(groups.toString());
        groups.forEach(group -> parts.add(aws.elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()))
                .targetHealthDescriptions().toString()));
        List<String> arns = new ArrayList<>();
        lbs.forEach(lb -> arns.add(lb.loadBalancerArn()));
        groups.forEach(group -> arns.add(group.targetGroupArn()));
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 20));
            parts.add(aws.elb.describeTags(r -> r.resourceArns(chunk)).toString());
        }
        parts.add(aws.apiGateway.getVpcLinks(r -> r.limit(500)).toString());
        for (var api : aws.apiGateway.getRestApis(r -> r.limit(500)).items()) {
            parts.add(api.toString());
            var resources = aws.apiGateway.getResources(r -> r.restApiId(api.id()).embed("methods").limit(500)).items();
            parts.add(resources.toString());
            parts.add(aws.apiGateway.getDeployments(r -> r.restApiId(api.id()).limit(500)).toString());
            parts.add(aws.apiGateway.getStages(r -> r.restApiId(api.id())).toString());
        }
        parts.add(aws.apiGatewayV2.getVpcLinks(r -> { }).toString());
        for (var api : aws.apiGatewayV2.getApis(r -> { }).items()) {
            parts.add(api.toString());
            parts.add(aws.apiGatewayV2.getRoutes(r -> r.apiId(api.apiId())).toString());
            parts.add(aws.apiGatewayV2.getIntegrations(r -> r.apiId(api.apiId())).toString());
            parts.add(aws.apiGatewayV2.getStages(r -> r.apiId(api.apiId())).toString());
            parts.add(aws.apiGatewayV2.getDeployments(r -> r.apiId(api.apiId())).toString());
        }
        return String.join("\n", parts);
    }
}
