package com.ecsapi.onboarder.onboarding.model;

import java.util.Map;

/** An ELBv2 load balancer. {@code type} is {@code network} or {@code application} (never read the ARN for it). */
public record LoadBalancer(String arn, String name, String type, String dnsName, String vpcId, Map<String, String> tags) {

    public LoadBalancer {
        tags = Map.copyOf(tags);
    }

    public boolean network() {
        return "network".equals(type);
    }

    public boolean application() {
        return "application".equals(type);
    }
}
