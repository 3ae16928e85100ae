package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.NlbListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared infrastructure the onboarder places services on: every pool NLB (tag {@code apigw:pool}) with
 * its listeners, the REST VPC links, and the onboarder's own {@code alb}-type target groups. {@code fullNlbs}:
 * NLBs AWS refused one more listener on during this run (TooManyListeners): no new listener goes there, but
 * what the service owns on them stays visible.
 */
public record PoolLandscape(List<LoadBalancer> poolNlbs, Map<String, List<NlbListener>> listenersByNlb,
                            List<VpcLink> vpcLinks, List<TargetGroup> ownTargetGroups, Set<String> fullNlbs) {

    public PoolLandscape {
        poolNlbs = List.copyOf(poolNlbs);
        listenersByNlb = Map.copyOf(listenersByNlb);
        vpcLinks = List.copyOf(vpcLinks);
        ownTargetGroups = List.copyOf(ownTargetGroups);
        fullNlbs = Set.copyOf(fullNlbs);
    }

    public List<NlbListener> listeners(String nlbArn) {
        return listenersByNlb.getOrDefault(nlbArn, List.of());
    }

    public List<NlbListener> allListeners() {
        return poolNlbs.stream().flatMap(nlb -> listeners(nlb.arn()).stream()).toList();
    }
}
