package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.List;

/**
 * What stands behind a service: its first target group ({@code null} when it has none or it is gone), the load
 * balancers that group is attached to other than through the onboarder's own listeners, those load balancers'
 * listeners, the Cloud Map services of its {@code serviceRegistries}, its tasks' awsvpc subnets and the TLS server name its {@code apigw:tls-server-name} tag asks for ({@code null} when none).
 */
public record ServiceBackend(String targetGroupArn, TargetGroup targetGroup, List<LoadBalancer> attachedLoadBalancers,
                             List<LoadBalancerListener> attachedListeners, List<String> registryArns, List<String> taskSubnetIds,
                             String tlsServerName) {

    public ServiceBackend {
        attachedLoadBalancers = List.copyOf(attachedLoadBalancers);
        attachedListeners = List.copyOf(attachedListeners);
        registryArns = List.copyOf(registryArns);
        taskSubnetIds = List.copyOf(taskSubnetIds);
    }

    /** A load-balanced backend without service registries. */
    public ServiceBackend(String targetGroupArn, TargetGroup targetGroup, List<LoadBalancer> attachedLoadBalancers,
                          List<LoadBalancerListener> attachedListeners) {
        this(targetGroupArn, targetGroup, attachedLoadBalancers, attachedListeners, List.of(), List.of(), null);
    }

    public static ServiceBackend none() {
        return new ServiceBackend(null, null, List.of(), List.of());
    }
}
