package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared infrastructure the onboarder places services on: every pool NLB (tag {@code apigw:pool}) with
 * its listeners, the REST VPC links, and the onboarder's own {@code alb}-type target groups. {@code fullNlbs}:
 * NLBs AWS refused one more listener on during this run (TooManyListeners): no new listener goes there, but
 * what the service owns on them stays visible. {@code routedPorts}: by host (an NLB's DNS name), the ports a
 * method of a known API or a deployed stage still routes to ({@link StageSync#routedPorts}); no new listener
 * takes one of them.
 */
public record PoolLandscape(List<LoadBalancer> poolNlbs, Map<String, List<LoadBalancerListener>> listenersByNlb,
                            List<VpcLink> vpcLinks, List<TargetGroup> ownTargetGroups, Set<String> fullNlbs,
                            Map<String, Set<Integer>> routedPorts) {

    public PoolLandscape {
        poolNlbs = List.copyOf(poolNlbs);
        listenersByNlb = Map.copyOf(listenersByNlb);
        vpcLinks = List.copyOf(vpcLinks);
        ownTargetGroups = List.copyOf(ownTargetGroups);
        fullNlbs = Set.copyOf(fullNlbs);
        routedPorts = Map.copyOf(routedPorts);
    }

    public List<LoadBalancerListener> listeners(String nlbArn) {
        return listenersByNlb.getOrDefault(nlbArn, List.of());
    }

    public PoolLandscape withRoutedPorts(Map<String, Set<Integer>> ports) {
        return new PoolLandscape(poolNlbs, listenersByNlb, vpcLinks, ownTargetGroups, fullNlbs, ports);
    }

    public List<LoadBalancerListener> allListeners() {
        return poolNlbs.stream().flatMap(nlb -> listeners(nlb.arn()).stream()).toList();
    }
}
