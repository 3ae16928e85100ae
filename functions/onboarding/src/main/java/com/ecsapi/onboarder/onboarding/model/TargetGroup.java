package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/**
 * An ELBv2 target group. {@code targets} ({@code id:port}, DescribeTargetHealth) are read only for the onboarder's
 * own groups of the service being reconciled; empty otherwise.
 */
public record TargetGroup(String arn, String name, String protocol, int port, String vpcId, String targetType,
                          List<String> loadBalancerArns, Map<String, String> tags, List<String> targets) {

    public TargetGroup {
        loadBalancerArns = List.copyOf(loadBalancerArns);
        tags = Map.copyOf(tags);
        targets = List.copyOf(targets);
    }

    public static String target(String id, int port) {
        return id + ":" + port;
    }

    public TargetGroup withTargets(List<String> registered) {
        return new TargetGroup(arn, name, protocol, port, vpcId, targetType, loadBalancerArns, tags, registered);
    }

    public TargetGroup withTags(Map<String, String> read) {
        return new TargetGroup(arn, name, protocol, port, vpcId, targetType, loadBalancerArns, read, targets);
    }
}
