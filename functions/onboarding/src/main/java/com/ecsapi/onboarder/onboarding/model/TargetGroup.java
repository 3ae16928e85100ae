package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/** An ELBv2 target group; {@code targets} only filled for onboarder-owned ones (DescribeTargetHealth). */
public record TargetGroup(String arn, String name, String protocol, int port, String vpcId, String targetType,
                          List<String> loadBalancerArns, Map<String, String> tags) {

    public TargetGroup {
        loadBalancerArns = List.copyOf(loadBalancerArns);
        tags = Map.copyOf(tags);
    }
}
