package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.OTHER;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StageSyncTest {

    private static RestMethod proxy(String owner, String uri) {
        return new RestMethod("ANY", Ownership.operationName(owner), "HTTP_PROXY", uri, "VPC_LINK", "l1", null);
    }

    private static RestResource resource(String id, String path, RestMethod method) {
        return new RestResource(id, "root", path, method == null ? Map.of() : Map.of("ANY", method));
    }

    private static DeployedStage stage(String name, Map<String, RestMethod> served) {
        Map<String, Map<String, RestMethod>> byPath = new java.util.HashMap<>();
        served.forEach((path, method) -> byPath.put(path, Map.of("ANY", method)));
        return new DeployedStage(name, byPath);
    }

    @Test
    void aStageStillServingARemovedRouteIsDeployedThoughTheServiceWantsNone() {
        DeployedStage prod = stage("prod", Map.of("/orders", proxy(SERVICE, "http://a.elb:10000/")));

        assertEquals(Set.of(new ApiStage("api", "prod")),
                StageSync.staleStages(SERVICE, "api", List.of(root()), List.of(prod), null));
    }

    @Test
    void aStageRoutingTheServiceToAnotherPortThanTheApiIsDeployed() {
        List<RestResource> api = List.of(root(), resource("o", "/orders", proxy(SERVICE, "http://a.elb:10001/")));
        DeployedStage beta = stage("beta", Map.of("/orders", proxy(SERVICE, "http://a.elb:10000/")));

        assertEquals(Set.of(new ApiStage("api", "beta")), StageSync.staleStages(SERVICE, "api", api, List.of(beta),
                "prod"));
    }

    @Test
    void theServicesOwnStageIsDeployedUntilItServesTheRouteTheApiHolds() {
        List<RestResource> api = List.of(root(), resource("o", "/orders", proxy(SERVICE, "http://a.elb:10000/")));
        DeployedStage empty = stage("prod", Map.of());
        DeployedStage served = stage("prod", Map.of("/orders", proxy(SERVICE, "http://a.elb:10000/")));

        assertEquals(Set.of(new ApiStage("api", "prod")),
                StageSync.staleStages(SERVICE, "api", api, List.of(empty), "prod"));
        assertEquals(Set.of(), StageSync.staleStages(SERVICE, "api", api, List.of(served), "prod"));
        assertEquals(Set.of(), StageSync.staleStages(SERVICE, "api", api, List.of(empty), "beta"),
                "another stage not serving the route yet is not the service's to deploy");
    }

    @Test
    void routesOfOtherOwnersOrMadeByHandAreNotTheServicesConcern() {
        List<RestResource> api = List.of(root());
        DeployedStage prod = stage("prod", Map.of("/other", proxy(OTHER, "http://a.elb:10000/"),
                "/hand", new RestMethod("ANY", "getHand", "HTTP", "http://x:1/", "INTERNET", null, null)));

        assertEquals(Set.of(), StageSync.staleStages(SERVICE, "api", api, List.of(prod), null));
    }

    @Test
    void routedPortsComeFromTheApisAndFromWhatTheirStagesServeExceptTheServicesOwn() {
        List<RestResource> api = List.of(root(), resource("o", "/orders", proxy(OTHER, "http://a.elb:10001/")),
                resource("g", "/orders/{proxy+}", proxy(OTHER, "http://a.elb:10001/{proxy}")),
                resource("m", "/mine", proxy(SERVICE, "http://a.elb:10003/")), resource("e", "/empty", null));
        DeployedStage prod = stage("prod", Map.of("/gone", proxy(OTHER, "http://a.elb:10000/"),
                "/elsewhere", proxy(OTHER, "https://b.elb:443/"), "/mine-before", proxy(SERVICE, "http://a.elb:10004/")));

        assertEquals(Map.of("a.elb", Set.of(10000, 10001), "b.elb", Set.of(443)),
                StageSync.routedPorts(SERVICE, List.of(api), List.of(List.of(prod))));
    }
}
