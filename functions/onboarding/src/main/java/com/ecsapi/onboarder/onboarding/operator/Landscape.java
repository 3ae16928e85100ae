package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.RestResource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the operator tools read of AWS, as plain data: the ECS services (those of the clusters, and every owner
 * named by an onboarder object, described by its ARN), the load balancers, the listeners of the pool NLBs and of
 * every load balancer a route points at, the onboarder's own target groups with their targets, and the REST APIs
 * (resources, and what each stage serves) and HTTP APIs (routes, integrations, stage names) looked at.
 */
public record Landscape(List<EcsService> services, List<LoadBalancer> loadBalancers,
                        Map<String, List<LoadBalancerListener>> listeners, List<TargetGroup> ownTargetGroups,
                        Map<String, List<RestResource>> restApis, Map<String, List<DeployedStage>> restStages,
                        Map<String, HttpApi> httpApis, Map<String, Set<String>> httpStages) {

    public Landscape {
        services = List.copyOf(services);
        loadBalancers = List.copyOf(loadBalancers);
        listeners = Map.copyOf(listeners);
        ownTargetGroups = List.copyOf(ownTargetGroups);
        restApis = Map.copyOf(restApis);
        restStages = Map.copyOf(restStages);
        httpApis = Map.copyOf(httpApis);
        httpStages = Map.copyOf(httpStages);
    }
}
