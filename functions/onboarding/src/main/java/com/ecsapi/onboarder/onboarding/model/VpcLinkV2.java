package com.ecsapi.onboarder.onboarding.model;

import java.util.Collection;
import java.util.List;

/**
 * An API Gateway VPC link V2 (HTTP APIs, and REST APIs since Nov 2025) with its subnets. The onboarder uses a
 * link for a backend when they share a subnet: the link's ENIs then sit where the backend is.
 */
public record VpcLinkV2(String id, String name, String status, List<String> subnetIds) {

    public VpcLinkV2 {
        subnetIds = List.copyOf(subnetIds);
    }

    public boolean available() {
        return "AVAILABLE".equals(status);
    }

    public boolean sharesASubnetWith(Collection<String> subnets) {
        return subnetIds.stream().anyMatch(subnets::contains);
    }
}
