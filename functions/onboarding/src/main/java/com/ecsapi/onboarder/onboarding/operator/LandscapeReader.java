package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.aws.EcsServices;
import com.ecsapi.onboarder.onboarding.aws.HttpApis;
import com.ecsapi.onboarder.onboarding.aws.LoadBalancing;
import com.ecsapi.onboarder.onboarding.aws.RestApis;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.Owners;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.onboarding.plan.TagContract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers a {@link Landscape} through the function's own adapters and {@link BatchView}; it only reads. The APIs
 * looked at: those given (the default API), those the services' {@code apigw:api} tags name and those the pool
 * listeners' and onboarder target groups' tags name ({@link Owners#apisNamedInPool}), as the sweep does. An owner
 * outside the clusters read is described by its ARN.
 */
public final class LandscapeReader {

    private final EcsServices ecs;
    private final LoadBalancing loadBalancing;
    private final RestApis restApis;
    private final HttpApis httpApis;
    private final BatchView view;

    public LandscapeReader(EcsServices ecs, LoadBalancing loadBalancing, RestApis restApis, HttpApis httpApis) {
        this.ecs = ecs;
        this.loadBalancing = loadBalancing;
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.view = new BatchView(loadBalancing, restApis, httpApis, new HashSet<>());
    }

    /** What {@link #read} read, so that the next reconcile is planned on the same reads, not on a second round. */
    public BatchView view() {
        return view;
    }

    /** {@code clusters}: empty for every cluster; {@code apiIds}: APIs to look at besides those tags name. */
    public Landscape read(List<String> clusters, Set<String> apiIds) {
        List<EcsService> services = new ArrayList<>();
        for (String cluster : ecs.clusters(clusters)) {
            services.addAll(ecs.describe(cluster, ecs.serviceArns(cluster)));
        }
        PoolLandscape pool = view.pool();
        Set<String> apis = new TreeSet<>(apiIds);
        services.stream().map(service -> service.tags().get(TagContract.API_TAG)).filter(Objects::nonNull)
                .forEach(apis::add);
        apis.addAll(Owners.apisNamedInPool(pool));
        apis.removeIf(id -> !TagContract.isApiId(id));

        Map<String, List<RestResource>> rest = view.apis(apis);
        Map<String, List<DeployedStage>> stages = new LinkedHashMap<>();
        rest.keySet().forEach(id -> stages.put(id, view.stages(id)));
        Set<String> others = new LinkedHashSet<>(apis);
        others.removeAll(rest.keySet());
        Map<String, HttpApi> http = view.httpApis(others);
        Map<String, Set<String>> httpStages = new LinkedHashMap<>();
        http.keySet().forEach(id -> httpStages.put(id, httpApis.stageNames(id)));

        pool.ownTargetGroups().stream().map(group -> group.tags().get(Ownership.SERVICE_TAG)).filter(Objects::nonNull)
                .distinct().toList().forEach(view::readTargets);
        List<TargetGroup> ownTargetGroups = List.copyOf(view.ownTargetGroups());
        List<LoadBalancer> loadBalancers = view.loadBalancers();
        Set<String> existing = loadBalancers.stream().map(LoadBalancer::arn).collect(Collectors.toSet());
        Map<String, List<LoadBalancerListener>> listeners = new LinkedHashMap<>();
        Inventory.loadBalancersToRead(loadBalancers, rest, stages, http, ownTargetGroups).stream()
                .filter(existing::contains).forEach(arn -> listeners.put(arn, List.copyOf(view.listeners(arn))));

        Landscape landscape = new Landscape(services, loadBalancers, listeners, ownTargetGroups, rest, stages, http,
                httpStages);
        Set<String> known = services.stream().map(EcsService::arn).collect(Collectors.toSet());
        Inventory inventory = Inventory.of(landscape);
        List<EcsService> owners = Stream.concat(inventory.routes().stream().map(Route::service),
                        inventory.drifts().stream().map(Drift::service))
                .filter(Objects::nonNull).filter(ServiceRef::isServiceArn).filter(arn -> !known.contains(arn))
                .distinct().flatMap(arn -> ecs.describe(ServiceRef.of(arn, null, null, null)).stream()).toList();
        if (owners.isEmpty()) {
            return landscape;
        }
        List<EcsService> all = new ArrayList<>(services);
        all.addAll(owners);
        return new Landscape(all, loadBalancers, listeners, ownTargetGroups, rest, stages, http, httpStages);
    }
}
