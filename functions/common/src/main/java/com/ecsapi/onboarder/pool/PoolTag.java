package com.ecsapi.onboarder.pool;

import java.util.Map;

/**
 * The tag that makes a Network Load Balancer a member of a shared pool, and on a service names the pool it asks
 * for: the onboarder places services by it, the quota monitor reports pool members by it. {@code apigw:cordon=true}
 * on a pool NLB closes it to new services; those already on it stay, unless {@code apigw:drain=true} asks the sweep
 * to move them.
 */
public final class PoolTag {

    public static final String KEY = "apigw:pool";
    public static final String CORDON_KEY = "apigw:cordon";
    public static final String DRAIN_KEY = "apigw:drain";
    /**
     * On a pool NLB the quota monitor created to grow its pool, and on that NLB's VPC link, with the value
     * {@link #GROWN}: the product made it, nobody by hand.
     */
    public static final String CREATED_BY = "ecs-api-onboarder:created-by";
    public static final String GROWN = "pool-growth";

    private PoolTag() {
    }

    /** A pool NLB tagged {@code apigw:cordon=true} (any case) takes no new service. */
    public static boolean cordoned(Map<String, String> nlbTags) {
        return "true".equalsIgnoreCase(nlbTags.get(CORDON_KEY));
    }

    /** A cordoned pool NLB also tagged {@code apigw:drain=true} (any case) is drained by the sweep. */
    public static boolean drainRequested(Map<String, String> nlbTags) {
        return cordoned(nlbTags) && "true".equalsIgnoreCase(nlbTags.get(DRAIN_KEY));
    }
}
