package com.ecsapi.onboarder.monitor.internal;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the HTTP requests (attempts, so retries count too) each client sends, keyed {@code Service:Operation}
 * with the SDK's service names (e.g. {@code ElasticLoadBalancingV2:DescribeListeners}).
 */
public final class CallCounter implements ExecutionInterceptor {

    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (counts) {
            counts.merge(key, 1, Integer::sum);
        }
    }

    public Map<String, Integer> snapshot() {
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }

    public int total() {
        return snapshot().values().stream().mapToInt(Integer::intValue).sum();
    }

    public void clear() {
        synchronized (counts) {
            counts.clear();
        }
    }
}
