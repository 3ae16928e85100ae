package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.RejectReason;
import com.ecsapi.onboarder.testbed.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options 1 and 1b through the real handler: an HTTP API integrates the service's own ALB listener, or its Cloud
 * Map service, through the VPC link V2 sharing its subnets; routes {@code ANY /path} and {@code ANY /path/{proxy+}}.
 */
class HttpApiTest extends EmulatorTestBase {

    String httpApi;
    String linkV2;

    @BeforeEach
    void httpApiLandscape() {
        httpApi = aws.httpApi("public-http", "$default", true);
        linkV2 = aws.vpcLinkV2(vpcA);
    }

    private String listenerOf(String albArn) {
        return aws.elb.describeListeners(request -> request.loadBalancerArn(albArn)).listeners().get(0).listenerArn();
    }

    private Map<String, String> tags(String path) {
        return Map.of("apigw:path", path, "apigw:api", httpApi, "apigw:stage", "$default");
    }

    @Test
    void option1IntegratesTheAlbListenerAndDeregistersIt() {
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String listenerArn = listenerOf(alb[0]);
        String service = aws.service(cluster, "orders", alb[1], vpcA, tags("/orders"));
        aws.apiGatewayV2.createRoute(request -> request.apiId(httpApi).routeKey("GET /manual"));
        int restResources = aws.resources(apiId).size();

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        assertEquals("option-1-http-api-load-balancer", decisions().get(0).result().pattern());
        Integration integration = assertIntegration(listenerArn, service);
        assertNull(integration.tlsConfig(), "the listener is plain HTTP");
        assertRoutes("/orders", integration.integrationId(), service);
        assertEquals(List.of(), aws.listeners(nlbA1), "no pool listener");
        assertEquals(restResources, aws.resources(apiId).size(), "nothing on the REST API");

        moto.clearCallCounts();
        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Unchanged, decisions().get(0).plan().outcome());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(call -> call.matches(".*:(Create|Update|Delete).*")),
                "redelivery writes nothing: " + moto.callCounts());

        aws.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        response = run(TestLandscape.batch(TestLandscape.deleteServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(Set.of("GET /manual"), aws.routes(httpApi).keySet(), "the hand-made route stays");
        assertEquals(List.of(), aws.integrations(httpApi));
    }

    @Test
    void anIntegrationAndARouteChangedByHandAreRewrittenInPlace() {
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String listenerArn = listenerOf(alb[0]);
        String service = aws.service(cluster, "orders", alb[1], vpcA, tags("/orders"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)))));
        String integrationId = aws.integrations(httpApi).get(0).integrationId();
        aws.apiGatewayV2.updateIntegration(request -> request.apiId(httpApi).integrationId(integrationId)
                .integrationUri("https://example.com"));
        String stray = aws.apiGatewayV2.createIntegration(request -> request.apiId(httpApi).integrationType("HTTP_PROXY")
                .integrationMethod("ANY").integrationUri("https://example.com")).integrationId();
        String greedy = aws.routes(httpApi).get("ANY /orders/{proxy+}").routeId();
        aws.apiGatewayV2.updateRoute(request -> request.apiId(httpApi).routeId(greedy).target("integrations/" + stray));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Onboarded, decisions().get(0).plan().outcome());
        Integration rewritten = aws.integrations(httpApi).stream()
                .filter(integration -> integration.integrationId().equals(integrationId)).findFirst().orElseThrow();
        assertEquals(listenerArn, rewritten.integrationUri(), "the same integration, rewritten");
        assertEquals(linkV2, rewritten.connectionId());
        assertRoutes("/orders", integrationId, service);
    }

    @Test
    void option1bIntegratesTheCloudMapServiceOfAServiceWithoutLoadBalancer() {
        String registry = aws.cloudMapService(vpcA, "payments");
        String service = aws.cloudMapEcsService(cluster, "payments", registry, vpcA, tags("/payments/v2"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals("option-1b-http-api-cloud-map", decisions().get(0).result().pattern());
        Integration integration = assertIntegration(registry, service);
        assertRoutes("/payments/v2", integration.integrationId(), service);

        moto.clearCallCounts();
        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)));

        assertEquals(Outcome.Unchanged, decisions().get(0).plan().outcome());
        assertTrue(moto.callCounts().keySet().stream().noneMatch(call -> call.matches(".*:(Create|Update|Delete).*")),
                "redelivery writes nothing: " + moto.callCounts());

        aws.ecs.untagResource(request -> request.resourceArn(service).tagKeys("apigw:path"));
        response = run(TestLandscape.batch(TestLandscape.tagEvent("UntagResource", service)));

        assertEquals(List.of(), failures(response));
        assertEquals(Outcome.Deregistered, decisions().get(0).plan().outcome());
        assertEquals(Map.of(), aws.routes(httpApi));
        assertEquals(List.of(), aws.integrations(httpApi));
    }

    @Test
    void aRouteOfSomeoneElseOnThePathIsAConflictAndNothingChanges() {
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        aws.apiGatewayV2.createRoute(request -> request.apiId(httpApi).routeKey("POST /orders/import"));
        String service = aws.service(cluster, "orders", alb[1], vpcA, tags("/orders"));

        assertEquals(RejectReason.PathConflict, reconcile(service).plan().reason());
        assertEquals(Set.of("POST /orders/import"), aws.routes(httpApi).keySet());
        assertEquals(List.of(), aws.integrations(httpApi));
    }

    @Test
    void aStageWithoutAutoDeployGetsOneDeploymentPerBatchThatChangedIt() {
        aws.apiGatewayV2.createStage(request -> request.apiId(httpApi).stageName("prod").autoDeploy(false));
        String[] first = aws.albWithTargetGroup(vpcA, "orders-alb");
        String[] second = aws.albWithTargetGroup(vpcA, "payments-alb");
        Map<String, String> prod = Map.of("apigw:api", httpApi, "apigw:stage", "prod");
        String orders = aws.service(cluster, "orders", first[1], vpcA, withPath(prod, "/orders"));
        String payments = aws.service(cluster, "payments", second[1], vpcA, withPath(prod, "/payments"));

        SQSBatchResponse response = run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster),
                TestLandscape.createServiceEvent(payments, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(1, deployments(), "one deployment for the batch");
        assertEquals(4, aws.routes(httpApi).size());

        response = run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)));

        assertEquals(List.of(), failures(response));
        assertEquals(1, deployments(), "an unchanged service deploys nothing");
    }

    @Test
    void aRemovalFromAStageWithoutAutoDeployDeploysItsOwnStageAndItsRetryDeploysAgain() {
        aws.apiGatewayV2.createStage(request -> request.apiId(httpApi).stageName("beta").autoDeploy(false));
        String orders = aws.service(cluster, "orders", aws.albWithTargetGroup(vpcA, "orders-alb")[1], vpcA,
                withPath(Map.of("apigw:api", httpApi, "apigw:stage", "beta"), "/orders"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(orders, cluster)))));
        aws.ecs.deleteService(request -> request.cluster(cluster).service(orders).force(true));
        SQSEvent removal = TestLandscape.batch(TestLandscape.deleteServiceEvent(orders, cluster));
        moto.failNextCalls("apigateway", "POST /v2/apis/{api}/deployments", 3, Fault.SERVER_ERROR);

        assertEquals(1, failures(run(removal)).size());
        assertEquals(Map.of(), aws.routes(httpApi));
        assertEquals(1, deployments(), "the onboarding's; the removal's failed");

        removal.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", "2"));
        assertEquals(List.of(), failures(run(removal)));
        assertEquals(2, deployments(), "stage beta, which still served /orders, is deployed");
    }

    private int deployments() {
        return aws.apiGatewayV2.getDeployments(request -> request.apiId(httpApi)).items().size();
    }

    private static Map<String, String> withPath(Map<String, String> tags, String path) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put("apigw:path", path);
        return all;
    }

    @Test
    void aCloudMapServiceAskingForAPathOfAnotherServiceIsRefused() {
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String first = aws.service(cluster, "orders", alb[1], vpcA, tags("/orders"));
        run(TestLandscape.batch(TestLandscape.createServiceEvent(first, cluster)));
        String registry = aws.cloudMapService(vpcA, "copy");
        String second = aws.cloudMapEcsService(cluster, "copy", registry, vpcA, tags("/orders"));
        var routes = aws.routes(httpApi);
        var integrations = aws.integrations(httpApi);

        assertEquals(RejectReason.PathConflict, reconcile(second).plan().reason());
        assertEquals(routes, aws.routes(httpApi));
        assertEquals(integrations, aws.integrations(httpApi));
    }

    @Test
    void withoutAVpcLinkV2InTheServicesSubnetsTheServiceIsRefused() {
        aws.apiGatewayV2.deleteVpcLink(request -> request.vpcLinkId(linkV2));
        String[] alb = aws.albWithTargetGroup(vpcA, "orders-alb");
        String service = aws.service(cluster, "orders", alb[1], vpcA, tags("/orders"));

        assertEquals(RejectReason.NoVpcLink, reconcile(service).plan().reason());
        assertEquals(Map.of(), aws.routes(httpApi));
    }

    private Integration assertIntegration(String uri, String owner) {
        List<Integration> integrations = aws.integrations(httpApi);
        assertEquals(1, integrations.size());
        Integration integration = integrations.get(0);
        assertEquals("HTTP_PROXY", integration.integrationTypeAsString());
        assertEquals("ANY", integration.integrationMethod());
        assertEquals(uri, integration.integrationUri());
        assertEquals("VPC_LINK", integration.connectionTypeAsString());
        assertEquals(linkV2, integration.connectionId());
        assertEquals("ecs-api-onboarder:" + owner, integration.description());
        return integration;
    }

    private void assertRoutes(String path, String integrationId, String owner) {
        Map<String, Route> routes = aws.routes(httpApi);
        for (String key : List.of("ANY " + path, "ANY " + path + "/{proxy+}")) {
            Route route = routes.get(key);
            assertEquals("integrations/" + integrationId, route.target(), key);
            assertEquals("ecs-api-onboarder:" + owner, route.operationName(), key);
        }
    }
}
