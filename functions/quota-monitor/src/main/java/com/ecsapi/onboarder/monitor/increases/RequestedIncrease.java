package com.ecsapi.onboarder.monitor.increases;

import java.util.Set;

/**
 * A quota increase request as Service Quotas lists it ({@code ListRequestedServiceQuotaChangeHistoryByQuota}).
 *
 * @param status {@code PENDING}, {@code CASE_OPENED} (open); {@code APPROVED}; {@code DENIED},
 *               {@code NOT_APPROVED}, {@code CASE_CLOSED}, {@code INVALID_REQUEST} (closed without the value, unless
 *               the value in force shows otherwise)
 */
public record RequestedIncrease(String id, String status, double desiredValue) {

    private static final Set<String> OPEN = Set.of("PENDING", "CASE_OPENED");
    private static final Set<String> CLOSED_WITHOUT_APPROVAL = Set.of("DENIED", "NOT_APPROVED", "CASE_CLOSED",
            "INVALID_REQUEST");

    public boolean isOpen() {
        return OPEN.contains(status);
    }

    public boolean isApproved() {
        return "APPROVED".equals(status);
    }

    public boolean isClosedWithoutApproval() {
        return CLOSED_WITHOUT_APPROVAL.contains(status);
    }
}
