package com.ecsapi.onboarder.onboarding.model;

import java.util.List;
import java.util.Map;

/** An ELBv2 load balancer with the subnets of its availability zones. {@code type} is {@code network} or {@code application} (never read the ARN for it). */
public record LoadBalancer(String arn, String name, String type, String dnsName, String vpcId, Map<String, String> tags,
                           List<String> subnetIds) {

    public LoadBalancer {
        tags = Map.copyOf(tags);
        subnetIds = List.copyOf(subnetIds);
    }

    /** A load balancer whose subnets do not matter (no VPC link V2 is chosen for it). */
    public LoadBalancer(String arn, String name, String type, String dnsName, String vpcId, Map<String, String> tags) {
        this(arn, name, type, dnsName, vpcId, tags, List.of());
    }

    public boolean network() {
        return "network".equals(type);
    }

    public boolean application() {
        return "application".equals(type);
    }

    public LoadBalancer withTags(Map<String, String> read) {
        return new LoadBalancer(arn, name, type, dnsName, vpcId, read, subnetIds);
    }
}
