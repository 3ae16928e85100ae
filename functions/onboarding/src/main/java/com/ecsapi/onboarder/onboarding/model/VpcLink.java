package com.ecsapi.onboarder.onboarding.model;

import java.util.List;

/** A REST API (V1) VPC link: one target NLB. */
public record VpcLink(String id, String name, String status, List<String> targetArns) {

    public VpcLink {
        targetArns = List.copyOf(targetArns);
    }

    public boolean available() {
        return "AVAILABLE".equals(status);
    }
}
