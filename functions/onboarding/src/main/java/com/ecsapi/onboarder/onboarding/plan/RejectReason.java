package com.ecsapi.onboarder.onboarding.plan;

/** Why a service was refused; the value of the {@code Reason} dimension of the {@code Rejected} metric. */
public enum RejectReason {
    InvalidPath,
    NoApi,
    NoLoadBalancer,
    UnsupportedTargetGroup,
    NoPoolNlb,
    CapacityExhausted,
    PathConflict
}
