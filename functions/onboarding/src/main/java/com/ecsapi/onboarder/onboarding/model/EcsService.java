package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/**
 * An ECS service as DescribeServices (include TAGS) shows it: {@code registryArns} are the Cloud Map services of
 * its {@code serviceRegistries}, {@code subnetIds} those of its awsvpc network configuration.
 */
public record EcsService(String arn, String name, String clusterArn, String status, Map<String, String> tags,
                         List<String> targetGroupArns, List<String> registryArns, List<String> subnetIds) {

    public EcsService {
        tags = Map.copyOf(tags);
        targetGroupArns = List.copyOf(targetGroupArns);
        registryArns = List.copyOf(registryArns);
        subnetIds = List.copyOf(subnetIds);
    }

    /** A load-balanced service (no service registries, subnets unknown). */
    public EcsService(String arn, String name, String clusterArn, String status, Map<String, String> tags,
                      List<String> targetGroupArns) {
        this(arn, name, clusterArn, status, tags, targetGroupArns, List.of(), List.of());
    }

    /** DRAINING and INACTIVE services are on their way out: they get no route. */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
