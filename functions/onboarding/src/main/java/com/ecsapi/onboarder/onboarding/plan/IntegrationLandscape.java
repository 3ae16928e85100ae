package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;

import java.util.List;
import java.util.Set;

/**
 * What the pattern choice needs to know beyond the service: the target API's kind and stages, and the VPC links.
 */
public record IntegrationLandscape(ApiKind apiKind, Set<String> stages, List<VpcLink> restVpcLinks,
                                   List<VpcLinkV2> vpcLinksV2) {

    public IntegrationLandscape {
        stages = Set.copyOf(stages);
        restVpcLinks = List.copyOf(restVpcLinks);
        vpcLinksV2 = List.copyOf(vpcLinksV2);
    }
}
