package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/** An ECS service as DescribeServices (include TAGS) shows it. */
public record EcsService(String arn, String name, String clusterArn, String status, Map<String, String> tags,
                         List<String> targetGroupArns) {

    public EcsService {
        tags = Map.copyOf(tags);
        targetGroupArns = List.copyOf(targetGroupArns);
    }

    /** DRAINING and INACTIVE services are on their way out: they get no route. */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
