package com.ecsapi.onboarder.monitor.growth;

import java.util.List;

/** A REST VPC link (V1): what the pool's services are reached through (one per pool NLB it targets). */
public record PoolVpcLink(String id, String status, List<String> targetArns) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String PENDING = "PENDING";

    public PoolVpcLink {
        targetArns = List.copyOf(targetArns);
    }

    public boolean targets(PoolNlb nlb) {
        return targetArns.contains(nlb.arn());
    }
}
