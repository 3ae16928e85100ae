package com.ecsapi.onboarder.monitor.increases;

/**
 * What became of a quota whose forecast fell below the threshold. Every outcome but {@link #REQUESTED} is a
 * request not made; {@link #reason()} names why (the {@code Reason} dimension of {@code QuotaIncreaseSkipped}).
 */
public enum IncreaseOutcome {
    /** {@code RequestServiceQuotaIncrease} opened a request. */
    REQUESTED("Requested"),
    /** AWS documents the quota as fixed, or Service Quotas answers {@code Adjustable} false. */
    NOT_ADJUSTABLE("NotAdjustable"),
    /** Service Quotas did not answer the limit this run: neither the value in force nor its adjustability is known. */
    LIMIT_UNREAD("LimitUnread"),
    /** A request for the quota is open ({@code PENDING}, {@code CASE_OPENED}): AWS allows one per quota. */
    OPEN_REQUEST("OpenRequest"),
    /** A request above the value in force was approved and is not applied yet. */
    APPROVED_NOT_APPLIED("ApprovedNotApplied"),
    /** A request above the value in force was closed without approval: an operator decides, not the monitor. */
    REFUSED_BEFORE("RefusedBefore"),
    /** {@code DRY_RUN}: the request would have been made. */
    DRY_RUN("DryRun"),
    /** Reading the history or requesting failed for good; an item failure says why, the next run tries again. */
    FAILED("Failed");

    private final String reason;

    IncreaseOutcome(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
