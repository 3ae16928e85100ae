package com.ecsapi.onboarder.onboarding.plan;

/**
 * What the team that owns a service should change when the onboarder refuses it or fails on it: the {@code fix}
 * of the owner event. One text per reason; a new {@link RejectReason} does not compile until it has one.
 */
public final class OwnerFix {

    private OwnerFix() {
    }

    public static String of(RejectReason reason) {
        return switch (reason) {
            case InvalidPath -> "Set apigw:path to /segment[/segment...] of letters, digits, '.', '_' and '-', "
                    + "without a trailing '/', '.' or '..' segments, at most 512 characters.";
            case InvalidTag -> "Correct the tag named in the detail: apigw:api is an API id (lower-case letters and "
                    + "digits), apigw:stage 1 to 128 letters, digits, '-' or '_', apigw:tls-server-name a host name.";
            case UnknownStage -> "Name a stage the API has in apigw:stage, or remove the tag for the default stage; "
                    + "the onboarder never creates a stage on a shared API.";
            case NoApi -> "Name an existing REST or HTTP API in apigw:api (one the platform team allows), or remove "
                    + "the tag for the default API.";
            case NoLoadBalancer -> "Attach the service to a load balancer target group or a Cloud Map service: "
                    + "API Gateway needs something to reach it through.";
            case UnsupportedTargetGroup -> "Make the service's target group reachable as the detail says: a TCP "
                    + "target group for a shared NLB listener, or a listener of the service's own ALB/NLB that "
                    + "forwards to its target group.";
            case NoPoolNlb -> "Name a pool in apigw:pool that has an NLB in the service's VPC, or remove the tag for "
                    + "the default pool; if the pool is right, ask the platform team to add an NLB to it there.";
            case CapacityExhausted -> "Nothing to change on the service: the pool has no free listener port. The "
                    + "platform team must add an NLB to the pool or widen the port range; the next sweep retries.";
            case PathConflict -> "Choose another apigw:path: another service or a route not made by the onboarder "
                    + "already serves this path, one below it, or a greedy path above it (see the detail).";
            case NoVpcLink -> "Ask the platform team for a VPC link (V1 for the service's NLB, V2 in its subnets) "
                    + "that is AVAILABLE, or move the service behind a pool NLB by removing its own load balancer.";
            case VpcLinkQuotaExhausted -> "Nothing to change on the service: the Region's VPC-link quota is used "
                    + "up. The platform team must free a VPC link or raise the quota; the next sweep retries.";
            case NoTlsServerName -> "Add apigw:tls-server-name with the host name the backend's certificate is "
                    + "issued for: its listener is HTTPS/TLS.";
        };
    }

    /**
     * A failure is rarely the service's fault: it names the platform team's next step, which the owning team can
     * ask for with the event's {@code reason}, {@code detail} and {@code requestId}.
     */
    public static String of(Failure failure) {
        return switch (failure) {
            case Failure.Retryable retryable -> "Nothing to change on the service: AWS kept failing ("
                    + retryable.reason() + ") on every delivery, so the message went to the dead-letter queue. "
                    + "Ask the platform team to redrive it once the cause has cleared.";
            case Failure.Permanent permanent -> "Nothing to change on the service unless the detail names one of its "
                    + "settings: the onboarder cannot succeed on a retry (" + permanent.reason() + "). Ask the "
                    + "platform team to fix the cause and redrive the parked message.";
        };
    }
}
