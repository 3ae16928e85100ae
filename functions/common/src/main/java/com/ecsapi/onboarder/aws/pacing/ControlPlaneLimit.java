package com.ecsapi.onboarder.aws.pacing;

import java.util.Optional;

/**
 * AWS's per-account control-plane rate limits the functions call into, as token buckets (refill per second,
 * capacity). API Gateway: "API Gateway quotas for creating, deploying and managing an API" (where a row gives no
 * burst, one second's worth); ELBv2: {@code Describe*} as documented, the writes an AWS-like 3/s with a burst of
 * 20 (ELB publishes the method, not that bucket's size). The test bed enforces the same table.
 */
public enum ControlPlaneLimit {
    API_GATEWAY_CREATE_DEPLOYMENT(1 / 5.0, 1),
    API_GATEWAY_CREATE_RESOURCE(5, 5),
    API_GATEWAY_DELETE_RESOURCE(5, 5),
    API_GATEWAY_GET_RESOURCES(5 / 2.0, 5),
    API_GATEWAY_CREATE_VPC_LINK_V2(1 / 15.0, 1),
    API_GATEWAY_OTHER(10, 40),
    ELB_DESCRIBE(10, 40),
    ELB_WRITE(3, 20);

    private final double perSecond;
    private final double burst;

    ControlPlaneLimit(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    public double perSecond() {
        return perSecond;
    }

    public double burst() {
        return burst;
    }

    /** The limit a call takes from, by the SDK's service name ({@code ApiGateway}, ...) and operation; none if unlimited. */
    public static Optional<ControlPlaneLimit> of(String service, String operation) {
        return Optional.ofNullable(switch (service) {
            case "ApiGateway", "ApiGatewayV2" -> switch (operation) {
                case "CreateDeployment" -> API_GATEWAY_CREATE_DEPLOYMENT;
                case "CreateResource" -> API_GATEWAY_CREATE_RESOURCE;
                case "DeleteResource" -> API_GATEWAY_DELETE_RESOURCE;
                case "GetResources" -> API_GATEWAY_GET_RESOURCES;
                case "CreateVpcLink" -> service.equals("ApiGatewayV2") ? API_GATEWAY_CREATE_VPC_LINK_V2 : API_GATEWAY_OTHER;
                default -> API_GATEWAY_OTHER;
            };
            case "ElasticLoadBalancingV2" -> operation.startsWith("Describe") ? ELB_DESCRIBE : ELB_WRITE;
            default -> null;
        });
    }
}
