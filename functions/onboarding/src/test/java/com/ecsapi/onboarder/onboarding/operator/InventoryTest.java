package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest {

    static final String ORDERS = "arn:aws:ecs:us-east-1:1:service/apps/orders";
    static final String PAYMENTS = "arn:aws:ecs:us-east-1:1:service/apps/payments";
    static final String ELB = "arn:aws:elasticloadbalancing:us-east-1:1:";
    static final LoadBalancer POOL = new LoadBalancer(ELB + "loadbalancer/net/pool-a/a1", "pool-a", "network",
            "pool-a.elb", "vpc-1", Map.of("apigw:pool", "default"));
    static final String ORDERS_TG = ELB + "targetgroup/orders-tg/1";
    static final String PAYMENTS_TG = ELB + "targetgroup/payments-tg/2";

    final List<EcsService> services = new ArrayList<>(List.of(service(ORDERS, "ACTIVE", ORDERS_TG, "/orders"),
            service(PAYMENTS, "ACTIVE", PAYMENTS_TG, "/payments")));
    final Map<String, List<LoadBalancerListener>> listeners = new HashMap<>(Map.of(POOL.arn(), List.of(
            listener(POOL, 10000, ORDERS_TG, ORDERS), listener(POOL, 10001, PAYMENTS_TG, PAYMENTS))));
    final List<RestResource> resources = new ArrayList<>(List.of(new RestResource("r", null, "/", Map.of()),
            route("o", "/orders", ORDERS, 10000), route("op", "/orders/{proxy+}", ORDERS, 10000),
            route("p", "/payments", PAYMENTS, 10001)));
    final List<DeployedStage> stages = new ArrayList<>(List.of(new DeployedStage("prod", Map.of(
            "/orders", Map.of("ANY", method(ORDERS, 10000)), "/payments", Map.of("ANY", method(PAYMENTS, 10001))))));
    final List<TargetGroup> ownTargetGroups = new ArrayList<>();
    final Map<String, HttpApi> httpApis = new HashMap<>();

    @Test
    void followsEachRouteFromTheApiToItsService() {
        Inventory inventory = inventory();

        assertEquals(List.of(), inventory.drifts());
        Route orders = inventory.routes().get(0);
        assertEquals(new Route("api1", "REST", "/orders", List.of("prod"), true, "option-3-shared-nlb", "link1",
                "pool-a", 10000, "tg orders-tg", ORDERS, "ACTIVE", List.of()), orders);
        assertEquals(List.of("/orders", "/payments"), inventory.routes().stream().map(Route::path).toList());
    }

    @Test
    void aPortForwardingToAnotherServiceIsForeign() {
        listeners.put(POOL.arn(), List.of(listener(POOL, 10000, PAYMENTS_TG, ORDERS),
                listener(POOL, 10001, PAYMENTS_TG, PAYMENTS)));

        Inventory inventory = inventory();

        assertEquals(List.of(Drift.Kind.ForeignTarget), kinds(inventory.forService(ORDERS)));
        assertEquals("pool-a:10000 forwards to tg payments-tg of payments, not to orders",
                inventory.drifts().get(0).detail());
        assertEquals(List.of(), inventory.forService(PAYMENTS).drifts());
    }

    @Test
    void aRoutePointingAtAnotherOwnersListenerIsForeign() {
        listeners.put(POOL.arn(), List.of(listener(POOL, 10000, ORDERS_TG, PAYMENTS),
                listener(POOL, 10001, PAYMENTS_TG, PAYMENTS)));

        assertEquals(List.of(Drift.Kind.ForeignTarget), kinds(inventory().forService(ORDERS)));
    }

    @Test
    void aServedRouteWhoseServiceIsGoneOrUntaggedIsFlagged() {
        services.set(0, service(ORDERS, "INACTIVE", ORDERS_TG, "/orders"));
        services.set(1, service(PAYMENTS, "ACTIVE", PAYMENTS_TG, null));

        Inventory inventory = inventory();

        assertEquals(List.of(Drift.Kind.ServiceGone), kinds(inventory.forService(ORDERS)));
        assertEquals("INACTIVE", inventory.routes().get(0).serviceState());
        assertEquals("untagged", inventory.routes().get(1).serviceState());
        assertEquals(List.of(Drift.Kind.ServiceGone), kinds(inventory.forService(PAYMENTS)));
    }

    @Test
    void aRouteNoStageServesIsNotFlaggedWhenItsServiceIsGone() {
        services.remove(0);
        stages.set(0, new DeployedStage("prod", Map.of()));

        Inventory inventory = inventory();

        assertEquals("not found", inventory.routes().get(0).serviceState());
        assertEquals(List.of(), inventory.drifts());
    }

    @Test
    void aRouteAStageStillServesAfterItsRemovalIsListed() {
        resources.removeIf(resource -> resource.path().startsWith("/orders"));
        services.remove(0);

        Route orders = inventory().routes().get(0);

        assertEquals("/orders", orders.path());
        assertFalse(orders.inApi());
        assertEquals(List.of("prod"), orders.stages());
        assertEquals(List.of(Drift.Kind.ServiceGone), orders.drift().stream().map(Drift::kind).toList());
    }

    @Test
    void ownedObjectsNoRoutePointsAtAreUnreferenced() {
        listeners.put(POOL.arn(), List.of(listener(POOL, 10000, ORDERS_TG, ORDERS),
                listener(POOL, 10001, PAYMENTS_TG, PAYMENTS), listener(POOL, 10002, ORDERS_TG, ORDERS)));
        ownTargetGroups.add(new TargetGroup(ELB + "targetgroup/eao-123/3", "eao-123", "TCP", 80, "vpc-1", "alb",
                List.of(), Ownership.tags(ORDERS, "api1", "prod", "/orders"), List.of()));
        httpApis.put("http1", new HttpApi("http1", List.of(), List.of(new HttpIntegration("i1", "HTTP_PROXY",
                ELB + "listener/app/alb/x/y", "VPC_LINK", "v2", null, Ownership.operationName(PAYMENTS)))));

        Inventory inventory = inventory();

        assertEquals(List.of(ELB + "listener/net/pool-a/a1/10002", ELB + "targetgroup/eao-123/3",
                "http1 integration i1"), inventory.drifts().stream().map(Drift::object).toList());
        assertTrue(inventory.drifts().stream().allMatch(drift -> drift.kind() == Drift.Kind.Unreferenced));
        assertEquals(List.of(ORDERS, ORDERS, PAYMENTS), inventory.drifts().stream().map(Drift::service).toList());
    }

    @Test
    void aRouteToAPortNothingListensOnIsDangling() {
        listeners.put(POOL.arn(), List.of(listener(POOL, 10001, PAYMENTS_TG, PAYMENTS)));

        Route orders = inventory().routes().get(0);

        assertEquals(List.of(new Drift(Drift.Kind.Dangling, "route to orders via http://pool-a.elb:10000/", ORDERS,
                "no listener on pool-a:10000")), orders.drift());
    }

    @Test
    void anHttpRouteToACloudMapServiceOfAnotherServiceIsForeign() {
        String registry = "arn:aws:servicediscovery:us-east-1:1:service/srv-1";
        services.set(1, new EcsService(PAYMENTS, "payments", "arn:cluster/apps", "ACTIVE",
                Map.of("apigw:path", "/payments"), List.of(), List.of(registry), List.of()));
        httpApis.put("http1", new HttpApi("http1", List.of(new HttpRoute("r1", "ANY /orders", "integrations/i1",
                Ownership.operationName(ORDERS))), List.of(new HttpIntegration("i1", "HTTP_PROXY", registry,
                "VPC_LINK", "v2", null, Ownership.operationName(ORDERS)))));

        Route route = inventory().forService(ORDERS).routes().stream().filter(r -> r.apiKind().equals("HTTP"))
                .findFirst().orElseThrow();

        assertEquals("option-1b-http-api-cloud-map", route.pattern());
        assertEquals("cloudmap srv-1", route.target());
        assertEquals(List.of("$default"), route.stages());
        assertEquals(List.of(Drift.Kind.ForeignTarget), route.drift().stream().map(Drift::kind).toList());
    }

    @Test
    void readsTheListenersOfPoolNlbsAndOfWhatRoutesAndOwnTargetGroupsPointAt() {
        LoadBalancer dedicated = new LoadBalancer(ELB + "loadbalancer/net/own/b2", "own", "network", "own.elb", "vpc-1",
                Map.of());
        LoadBalancer unrelated = new LoadBalancer(ELB + "loadbalancer/app/other/c3", "other", "application",
                "other.elb", "vpc-1", Map.of());
        resources.add(new RestResource("d", "r", "/dedicated", Map.of("ANY", method(ORDERS, "own.elb", 7000))));
        httpApis.put("http1", new HttpApi("http1", List.of(), List.of(new HttpIntegration("i1", "HTTP_PROXY",
                ELB + "listener/app/alb/x/y", "VPC_LINK", "v2", null, null))));
        ownTargetGroups.add(new TargetGroup(ELB + "targetgroup/eao-1/4", "eao-1", "TCP", 80, "vpc-1", "alb",
                List.of(), Map.of(), List.of(ELB + "loadbalancer/app/orders-alb/d4:80")));

        assertEquals(Set.of(POOL.arn(), dedicated.arn(), ELB + "loadbalancer/app/alb/x",
                        ELB + "loadbalancer/app/orders-alb/d4"),
                Inventory.loadBalancersToRead(List.of(POOL, dedicated, unrelated), Map.of("api1", resources),
                        Map.of("api1", stages), httpApis, ownTargetGroups));
    }

    private Inventory inventory() {
        return Inventory.of(new Landscape(services, List.of(POOL, new LoadBalancer(ELB + "loadbalancer/net/own/b2",
                "own", "network", "own.elb", "vpc-1", Map.of())), listeners, ownTargetGroups,
                Map.of("api1", resources), Map.of("api1", stages), httpApis, Map.of("http1", Set.of("$default"))));
    }

    private static List<Drift.Kind> kinds(Inventory inventory) {
        return inventory.drifts().stream().map(Drift::kind).toList();
    }

    static EcsService service(String arn, String status, String targetGroup, String path) {
        return new EcsService(arn, arn.substring(arn.lastIndexOf('/') + 1), "arn:cluster/apps", status,
                path == null ? Map.of() : Map.of("apigw:path", path), List.of(targetGroup));
    }

    static LoadBalancerListener listener(LoadBalancer lb, int port, String targetGroup, String owner) {
        return new LoadBalancerListener(lb.arn().replace(":loadbalancer/", ":listener/") + "/" + port, lb.arn(), port,
                "TCP", List.of(targetGroup), Ownership.tags(owner, "api1", "prod", "/x"));
    }

    static RestMethod method(String owner, int port) {
        return method(owner, "pool-a.elb", port);
    }

    static RestMethod method(String owner, String host, int port) {
        return new RestMethod("ANY", Ownership.operationName(owner), "HTTP_PROXY", "http://" + host + ":" + port + "/",
                "VPC_LINK", "link1", null);
    }

    /** A resource with the owner's ANY method routed to {@code port} of the pool NLB. */
    static RestResource route(String id, String path, String owner, int port) {
        return new RestResource(id, "r", path, Map.of("ANY", method(owner, port)));
    }
}
