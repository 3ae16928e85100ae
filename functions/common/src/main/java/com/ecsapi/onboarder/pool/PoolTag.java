package com.ecsapi.onboarder.pool;

/**
 * The tag that makes a Network Load Balancer a member of a shared pool, and on a service names the pool it asks
 * for: the onboarder places services by it, the quota monitor reports pool members by it.
 */
public final class PoolTag {

    public static final String KEY = "apigw:pool";
    /**
     * On a pool NLB the quota monitor created to grow its pool, and on that NLB's VPC link, with the value
     * {@link #GROWN}: the product made it, nobody by hand.
     */
    public static final String CREATED_BY = "ecs-api-onboarder:created-by";
    public static final String GROWN = "pool-growth";

    private PoolTag() {
    }
}
