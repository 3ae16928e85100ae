package com.ecsapi.onboarder.pool;

/**
 * The tag that makes a Network Load Balancer a member of a shared pool, and on a service names the pool it asks
 * for: the onboarder places services by it, the quota monitor reports pool members by it.
 */
public final class PoolTag {

    public static final String KEY = "apigw:pool";

    private PoolTag() {
    }
}
