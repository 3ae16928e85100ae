package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import com.ecsapi.onboarder.onboarding.plan.ApiKind;
import com.ecsapi.onboarder.onboarding.plan.HttpPlanner;
import com.ecsapi.onboarder.onboarding.plan.IntegrationLandscape;
import com.ecsapi.onboarder.onboarding.plan.Owners;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.Planner;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.onboarding.plan.ServiceBackend;
import com.ecsapi.onboarder.onboarding.plan.StageSync;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.onboarding.plan.Target;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A synthetic landscape, as plain data, on which the pure core plans as for a real event: a service onboarded on a
 * REST API through a shared pool NLB (first placed, then with its listener in place), one on an HTTP API through Cloud Map, and
 * one that left. Priming plans them because the priming endpoint's answers are filler: the sample event it processes
 * is refused before the pattern choice, and the planners' classes and pattern switches would otherwise load in the
 * first real event.
 */
final class PlanningSample {

    private static final String SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/priming/orders";
    private static final String NLB_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/pool/1";
    private static final String GROUP_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/orders/1";
    private static final String VPC = "vpc-priming";
    private static final String STAGE = "prod";
    private static final String REST_API = "restpriming";
    private static final String HTTP_API = "httppriming";

    private PlanningSample() {
    }

    /** The plans, in order: REST placed, REST with its listener kept, HTTP API through Cloud Map, removal. */
    static List<Plan> plans(OnboarderConfig config) {
        Planner.Settings settings = new Planner.Settings(config.ports(), 50, STAGE, 0);
        LoadBalancer nlb = new LoadBalancer(NLB_ARN, "pool-1", "network", "pool-1.elb.amazonaws.com", VPC,
                Map.of(PoolTag.KEY, "default"), List.of("subnet-a"));
        PoolLandscape empty = new PoolLandscape(List.of(nlb), Map.of(),
                List.of(new VpcLink("link1", "pool-1", "AVAILABLE", List.of(NLB_ARN))), List.of(), Set.of(), Map.of());
        LoadBalancerListener owned = new LoadBalancerListener(NLB_ARN + "/listener", NLB_ARN,
                config.ports().min(), "TCP", List.of(GROUP_ARN), Ownership.tags(SERVICE, REST_API, STAGE, "/orders"));
        PoolLandscape placed = new PoolLandscape(empty.poolNlbs(), Map.of(NLB_ARN, List.of(owned)), empty.vpcLinks(),
                List.of(), Set.of(), Map.of());
        RestMethod routed = new RestMethod("ANY", Ownership.operationName(SERVICE), "HTTP_PROXY",
                "http://pool-1.elb.amazonaws.com:" + config.ports().min() + "/{proxy}", "VPC_LINK", "link1", null);
        List<RestResource> resources = List.of(new RestResource("root", null, "/", Map.of()),
                new RestResource("orders", "root", "/orders/{proxy+}", Map.of("ANY", routed)));
        Map<String, List<RestResource>> restApis = Map.of(REST_API, resources);
        List<DeployedStage> stages = List.of(new DeployedStage(STAGE, Map.of("/orders/{proxy+}",
                Map.of("ANY", routed))));

        Target rest = target(config, REST_API, tcpBackend(), new IntegrationLandscape(ApiKind.REST, Set.of(STAGE),
                empty.vpcLinks(), List.of()));
        Target http = target(config, HTTP_API, new ServiceBackend(null, null, List.of(), List.of(),
                List.of("arn:aws:servicediscovery:us-east-1:111122223333:service/srv-orders"), List.of("subnet-a"),
                null), new IntegrationLandscape(ApiKind.HTTP, Set.of(STAGE), List.of(),
                List.of(new VpcLinkV2("linkv2", "pool", "AVAILABLE", List.of("subnet-a")))));
        Map<String, HttpApi> httpApis = Map.of(HTTP_API, new HttpApi(HTTP_API, List.of(), List.of()));
        decide(rest, placed, resources, stages);
        decide(http, placed, resources, stages);
        return List.of(plan(rest, empty, restApis, Map.of(), settings), plan(rest, placed, restApis, Map.of(), settings),
                plan(http, empty, Map.of(), httpApis, settings),
                plan(new Target.Absent("service is INACTIVE"), placed, restApis, httpApis, settings));
    }

    /** What the reconciler works out around a plan: the owners, routed ports, stale stages, pattern label. */
    private static void decide(Target target, PoolLandscape pool, List<RestResource> resources,
                               List<DeployedStage> stages) {
        Owners.inPool(pool);
        Owners.apisNamedInPool(pool);
        StageSync.routedPorts(SERVICE, List.of(resources), List.of(stages));
        StageSync.servedPorts(SERVICE, "pool-1.elb.amazonaws.com", List.of(stages));
        StageSync.staleStages(SERVICE, REST_API, resources, stages, STAGE);
        if (target instanceof Target.Present present) {
            present.pattern().label();
            present.pattern().why();
            present.pattern().onHttpApi();
        }
    }

    private static ServiceBackend tcpBackend() {
        return new ServiceBackend(GROUP_ARN, new TargetGroup(GROUP_ARN, "orders", "TCP", 8080, VPC, "ip", List.of(),
                Map.of(), List.of("10.0.0.10")), List.of(), List.of());
    }

    private static Target target(OnboarderConfig config, String apiId, ServiceBackend backend,
                                 IntegrationLandscape integration) {
        EcsService service = new EcsService(SERVICE, "orders", "arn:aws:ecs:us-east-1:111122223333:cluster/priming",
                "ACTIVE", Map.of(TagContract.PATH_TAG, "/orders", TagContract.API_TAG, apiId,
                TagContract.STAGE_TAG, STAGE, PoolTag.KEY, "default"), List.of(GROUP_ARN), List.of(),
                List.of("subnet-a"));
        return TagContract.of(service, backend, integration, config.patterns(), config.defaults());
    }

    private static Plan plan(Target target, PoolLandscape pool, Map<String, List<RestResource>> restApis,
                             Map<String, HttpApi> httpApis, Planner.Settings settings) {
        return Planner.combine(target, Planner.plan(SERVICE, target, pool, restApis, settings),
                HttpPlanner.plan(SERVICE, target, httpApis, STAGE));
    }
}
