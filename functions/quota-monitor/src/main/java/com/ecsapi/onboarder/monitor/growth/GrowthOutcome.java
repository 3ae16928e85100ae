package com.ecsapi.onboarder.monitor.growth;

/**
 * What became of a pool and VPC whose NLBs are full, or of an NLB the monitor grew. {@link #NLB_CREATED} and
 * {@link #VPC_LINK_CREATED} are growth; every other outcome is growth not made, {@link #reason()} says why (the
 * {@code Reason} dimension of {@code PoolGrowthSkipped}).
 */
public enum GrowthOutcome {
    /** {@code CreateLoadBalancer} made a new pool NLB; its VPC link follows once it is active. */
    NLB_CREATED("NlbCreated"),
    /** {@code CreateVpcLink} was asked for a pool NLB the monitor created: services land there once it is AVAILABLE. */
    VPC_LINK_CREATED("VpcLinkCreated"),
    /** A pool NLB of that VPC is {@code provisioning}, or a VPC link to one is {@code PENDING}: one at a time. */
    IN_FLIGHT("InFlight"),
    /** One more NLB would pass the NLBs-per-Region quota (or its usage was not read). */
    NLB_QUOTA_REACHED("NlbQuotaReached"),
    /** One more VPC link (V1) would pass the VPC-links-per-Region quota (or its usage was not read). */
    VPC_LINK_QUOTA_REACHED("VpcLinkQuotaReached"),
    /** The VPC link of an NLB the monitor created failed: an operator looks, the monitor makes no more. */
    VPC_LINK_FAILED("VpcLinkFailed"),
    /** The listeners of a pool NLB of that VPC were not read this run: full is not known. */
    USAGE_UNREAD("UsageUnread"),
    /** {@code DRY_RUN}: it would have been created. */
    DRY_RUN("DryRun"),
    /** The create call failed for good; an item failure says why, the next run decides again. */
    FAILED("Failed");

    private final String reason;

    GrowthOutcome(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public boolean grown() {
        return this == NLB_CREATED || this == VPC_LINK_CREATED;
    }
}
