package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/** A load balancer listener and the target groups its default action forwards to. */
public record LoadBalancerListener(String arn, String loadBalancerArn, int port, String protocol, List<String> targetGroupArns,
                                   Map<String, String> tags) {

    public LoadBalancerListener {
        targetGroupArns = List.copyOf(targetGroupArns);
        tags = Map.copyOf(tags);
    }

    public LoadBalancerListener withTags(Map<String, String> read) {
        return new LoadBalancerListener(arn, loadBalancerArn, port, protocol, targetGroupArns, read);
    }
}
