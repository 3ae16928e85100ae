package com.ecsapi.onboarder.onboarding.plan;

import java.util.List;

/**
 * The configuration the pattern choice reads. {@code createVpcLinks} ({@code CREATE_VPC_LINKS}): a dedicated NLB
 * without a VPC link gets one; {@code preferRestVpcLinkV2} ({@code PREFER_REST_VPC_LINK_V2}): a REST API reaches a
 * service's own ALB/NLB through a VPC link V2; {@code vpcLinkV2Ids} ({@code VPC_LINK_V2_IDS}): the VPC links V2 the
 * onboarder may use (empty = every AVAILABLE one).
 */
public record PatternSettings(boolean createVpcLinks, boolean preferRestVpcLinkV2, List<String> vpcLinkV2Ids) {

    public PatternSettings {
        vpcLinkV2Ids = List.copyOf(vpcLinkV2Ids);
    }

    public static PatternSettings defaults() {
        return new PatternSettings(false, false, List.of());
    }
}
