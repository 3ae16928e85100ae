package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.NlbListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.List;

/**
 * What stands behind a service: its first target group ({@code null} when it has none or it is gone), the load
 * balancers that group is attached to other than through the onboarder's own listeners, and those load
 * balancers' listeners.
 */
public record ServiceBackend(String targetGroupArn, TargetGroup targetGroup, List<LoadBalancer> attachedLoadBalancers,
                             List<NlbListener> attachedListeners) {

    public ServiceBackend {
        attachedLoadBalancers = List.copyOf(attachedLoadBalancers);
        attachedListeners = List.copyOf(attachedListeners);
    }

    public static ServiceBackend none() {
        return new ServiceBackend(null, null, List.of(), List.of());
    }
}
