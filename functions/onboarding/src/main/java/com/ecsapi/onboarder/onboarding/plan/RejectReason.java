package com.ecsapi.onboarder.onboarding.plan;

/** Why a service was refused; the value of the {@code Reason} dimension of the {@code Rejected} metric. */
public enum RejectReason {
    InvalidPath,
    /** A tag value API Gateway would refuse ({@code apigw:api}, {@code apigw:stage}, {@code apigw:tls-server-name}). */
    InvalidTag,
    /** The stage does not exist on the API: the onboarder never creates a stage on a shared API. */
    UnknownStage,
    NoApi,
    NoLoadBalancer,
    UnsupportedTargetGroup,
    NoPoolNlb,
    CapacityExhausted,
    PathConflict,
    /** No usable VPC link (V1 for a dedicated NLB, V2 in the VPC for HTTP APIs / REST via V2). */
    NoVpcLink,
    /** The VPC-links-per-Region quota is used up, so none can be created. */
    VpcLinkQuotaExhausted,
    /** The listener is HTTPS/TLS and the service names no server name to verify. */
    NoTlsServerName
}
