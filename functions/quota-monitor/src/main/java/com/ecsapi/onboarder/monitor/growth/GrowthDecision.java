package com.ecsapi.onboarder.monitor.growth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run decided (and then did) for one pool in one VPC.
 *
 * @param create what to create for {@link GrowthOutcome#NLB_CREATED} and {@link GrowthOutcome#VPC_LINK_CREATED},
 *               also after a dry run or a failure; null for a refusal
 * @param detail why, in words; the error of a {@link GrowthOutcome#FAILED} call
 */
public record GrowthDecision(String pool, String vpcId, GrowthOutcome outcome, Creation create, String detail) {

    /** What growth creates. */
    public sealed interface Creation {
    }

    /** A pool NLB: internal, type network, in {@code subnetIds}, with {@code securityGroupIds} when not empty. */
    public record NewNlb(String name, List<String> subnetIds, List<String> securityGroupIds, Map<String, String> tags)
            implements Creation {
        public NewNlb {
            subnetIds = List.copyOf(subnetIds);
            securityGroupIds = List.copyOf(securityGroupIds);
            tags = Map.copyOf(tags);
        }
    }

    /** The REST VPC link (V1) of a pool NLB the monitor created. */
    public record NewVpcLink(String name, String nlbArn, Map<String, String> tags) implements Creation {
        public NewVpcLink {
            tags = Map.copyOf(tags);
        }
    }

    public static GrowthDecision refused(String pool, String vpcId, GrowthOutcome outcome, String detail) {
        return new GrowthDecision(pool, vpcId, outcome, null, detail);
    }

    public GrowthDecision with(GrowthOutcome newOutcome, String newDetail) {
        return new GrowthDecision(pool, vpcId, newOutcome, create, newDetail);
    }

    /** The fields of its log line and of the run summary's {@code poolGrowth}. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pool", pool);
        summary.put("vpcId", vpcId);
        summary.put("outcome", outcome.reason());
        switch (create) {
            case NewNlb nlb -> {
                summary.put("nlbName", nlb.name());
                summary.put("subnetIds", nlb.subnetIds());
                summary.put("securityGroupIds", nlb.securityGroupIds());
            }
            case NewVpcLink link -> {
                summary.put("vpcLinkName", link.name());
                summary.put("nlbArn", link.nlbArn());
            }
            case null -> {
            }
        }
        summary.put("detail", detail);
        return summary;
    }
}
