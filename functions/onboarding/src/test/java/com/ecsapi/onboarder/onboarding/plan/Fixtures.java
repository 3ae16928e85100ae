package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain-data landscapes for the planner's unit tests. */
final class Fixtures {

    static final String SERVICE = "arn:aws:ecs:us-east-1:1:service/apps/orders";
    static final String OTHER = "arn:aws:ecs:us-east-1:1:service/apps/other";
    static final Planner.Settings SETTINGS = new Planner.Settings(new PortRange(10000, 10002), 50, "prod", 20);

    private Fixtures() {
    }

    static LoadBalancer nlb(String name, String vpc, String pool) {
        return new LoadBalancer("arn:nlb/" + name, name, "network", name + ".elb", vpc,
                pool == null ? Map.of() : Map.of("apigw:pool", pool));
    }

    /** The NLB with {@code apigw:cordon=true}: closed to new services. */
    static LoadBalancer cordoned(LoadBalancer nlb) {
        Map<String, String> tags = new java.util.HashMap<>(nlb.tags());
        tags.put("apigw:cordon", "true");
        return nlb.withTags(tags);
    }

    static VpcLink link(String id, LoadBalancer nlb, String status) {
        return new VpcLink(id, id, status, List.of(nlb.arn()));
    }

    static LoadBalancerListener listener(LoadBalancer nlb, int port, String targetGroup, Map<String, String> tags) {
        return new LoadBalancerListener("arn:listener/" + nlb.name() + "/" + port, nlb.arn(), port, "TCP", List.of(targetGroup), tags);
    }

    static TargetGroup tcpGroup(String name, String vpc) {
        return new TargetGroup("arn:tg/" + name, name, "TCP", 8080, vpc, "ip", List.of(), Map.of(), List.of());
    }

    static EcsService service(Map<String, String> tags) {
        return new EcsService(SERVICE, "orders", "arn:cluster/apps", "ACTIVE", tags, List.of("arn:tg/orders"));
    }

    static RestResource root() {
        return new RestResource("root", null, "/", Map.of());
    }

    static RestResource resource(String id, String parentId, String path, String owner) {
        return new RestResource(id, parentId, path, owner == null ? Map.of()
                : Map.of("ANY", new RestMethod("ANY", Ownership.operationName(owner), "HTTP_PROXY", "http://x:1/",
                "VPC_LINK", "l1", null)));
    }

    static PoolLandscape landscape(List<LoadBalancer> nlbs, List<LoadBalancerListener> listeners, List<VpcLink> links) {
        Map<String, List<LoadBalancerListener>> byNlb = new java.util.HashMap<>();
        nlbs.forEach(nlb -> byNlb.put(nlb.arn(), new ArrayList<>()));
        listeners.forEach(listener -> byNlb.get(listener.loadBalancerArn()).add(listener));
        return new PoolLandscape(nlbs, byNlb, links, List.of(), java.util.Set.of(), Map.of());
    }
}
