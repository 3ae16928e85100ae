package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

/** How a service is reached from the REST API; chosen by {@link PatternChoice}. */
public sealed interface Pattern {

    /** Option 3: a shared pool NLB gets a TCP listener forwarding straight to the service's TCP target group. */
    record SharedNlbToTargetGroup(TargetGroup targetGroup) implements Pattern {
    }

    /**
     * Option 4: the service sits behind its own ALB; a shared pool NLB gets a listener forwarding to an
     * {@code alb}-type target group (created by the onboarder) whose target is that ALB on {@code albPort}.
     */
    record SharedNlbToAlb(TargetGroup serviceTargetGroup, LoadBalancer alb, int albPort) implements Pattern {
    }

    /** No pattern fits: the service is refused with this reason. */
    record Unsupported(RejectReason reason, String detail) implements Pattern {
    }
}
