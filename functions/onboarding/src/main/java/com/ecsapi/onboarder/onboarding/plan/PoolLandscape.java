package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.NlbListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;

import java.util.List;
import java.util.Map;

/**
 * The shared infrastructure the onboarder places services on: every pool NLB (tag {@code apigw:pool}) with
 * its listeners, the REST VPC links, and the onboarder's own {@code alb}-type target groups.
 */
public record PoolLandscape(List<LoadBalancer> poolNlbs, Map<String, List<NlbListener>> listenersByNlb,
                            List<VpcLink> vpcLinks, List<TargetGroup> ownTargetGroups) {

    public PoolLandscape {
        poolNlbs = List.copyOf(poolNlbs);
        listenersByNlb = Map.copyOf(listenersByNlb);
        vpcLinks = List.copyOf(vpcLinks);
        ownTargetGroups = List.copyOf(ownTargetGroups);
    }

    public List<NlbListener> listeners(String nlbArn) {
        return listenersByNlb.getOrDefault(nlbArn, List.of());
    }

    public List<NlbListener> allListeners() {
        return poolNlbs.stream().flatMap(nlb -> listeners(nlb.arn()).stream()).toList();
    }
}
