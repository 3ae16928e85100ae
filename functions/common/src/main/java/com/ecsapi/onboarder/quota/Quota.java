package com.ecsapi.onboarder.quota;

/**
 * The AWS quotas that limit this architecture. None of them publishes an {@code AWS/Usage} metric, so usage
 * has to be counted; the limit comes from Service Quotas, with the documented default as the last resort.
 */
public enum Quota {
    VPC_LINKS_V1("vpc-links-v1", "apigateway", "L-A4C7274F", 20, true, "VPC links per Region (REST, V1)"),
    VPC_LINKS_V2("vpc-links-v2", "apigateway", "L-608BDCD4", 10, true, "VPC links V2 per Region"),
    RESOURCES_PER_REST_API("resources-per-rest-api", "apigateway", "L-01C8A9E0", 300, true, "Resources per REST API"),
    ROUTES_PER_HTTP_API("routes-per-http-api", "apigateway", "L-65B5C802", 300, true, "Routes per HTTP API"),
    LISTENERS_PER_NLB("listeners-per-nlb", "elasticloadbalancing", "L-57A373D6", 50, false,
            "Listeners per Network Load Balancer"),
    NLBS_PER_REGION("nlbs-per-region", "elasticloadbalancing", "L-69A177A2", 50, true, "Network Load Balancers per Region"),
    TARGET_GROUPS_PER_REGION("target-groups-per-region", "elasticloadbalancing", "L-B22855CB", 3000, true,
            "Target groups per Region");

    private final String id;
    private final String serviceCode;
    private final String quotaCode;
    private final double documentedDefault;
    private final boolean documentedAdjustable;
    private final String description;

    Quota(String id, String serviceCode, String quotaCode, double documentedDefault, boolean documentedAdjustable,
          String description) {
        this.id = id;
        this.serviceCode = serviceCode;
        this.quotaCode = quotaCode;
        this.documentedDefault = documentedDefault;
        this.documentedAdjustable = documentedAdjustable;
        this.description = description;
    }

    /** Stable, readable name: the {@code Quota} metric dimension and part of alarm names. */
    public String id() {
        return id;
    }

    public String serviceCode() {
        return serviceCode;
    }

    public String quotaCode() {
        return quotaCode;
    }

    public double documentedDefault() {
        return documentedDefault;
    }

    /**
     * Whether AWS documents the quota as adjustable. A quota documented as fixed (listeners per NLB) is never asked
     * to grow, whatever Service Quotas answers.
     */
    public boolean documentedAdjustable() {
        return documentedAdjustable;
    }

    public String description() {
        return description;
    }
}
