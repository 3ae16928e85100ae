package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.NlbListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which integration pattern a service gets: a pure function of what stands behind it. */
public final class PatternChoice {

    private static final Set<String> TCP_PROTOCOLS = Set.of("TCP", "TCP_UDP");

    private PatternChoice() {
    }

    public static Pattern choose(ServiceBackend backend) {
        if (backend.targetGroupArn() == null) {
            return new Pattern.Unsupported(RejectReason.NoLoadBalancer, "the service has no target group");
        }
        TargetGroup targetGroup = backend.targetGroup();
        if (targetGroup == null) {
            return new Pattern.Unsupported(RejectReason.NoLoadBalancer,
                    "target group " + backend.targetGroupArn() + " does not exist");
        }
        List<LoadBalancer> attached = backend.attachedLoadBalancers();
        if (attached.isEmpty()) {
            return TCP_PROTOCOLS.contains(targetGroup.protocol())
                    ? new Pattern.SharedNlbToTargetGroup(targetGroup)
                    : new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup, "target group "
                    + targetGroup.name() + " is " + targetGroup.protocol()
                    + " and attached to no load balancer: a shared NLB listener needs a TCP target group");
        }
        Optional<LoadBalancer> alb = attached.stream().filter(LoadBalancer::application)
                .min(Comparator.comparing(LoadBalancer::arn));
        if (alb.isPresent()) {
            return albPort(alb.get(), targetGroup, backend.attachedListeners())
                    .<Pattern>map(port -> new Pattern.SharedNlbToAlb(targetGroup, alb.get(), port))
                    .orElseGet(() -> new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup,
                            "ALB " + alb.get().name() + " has no listener forwarding to " + targetGroup.name()));
        }
        return new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup, "target group " + targetGroup.name()
                + " is served by its own network load balancer, which this onboarder does not integrate yet");
    }

    /** The ALB port that reaches the service: its lowest listener forwarding to the service's target group. */
    private static Optional<Integer> albPort(LoadBalancer alb, TargetGroup targetGroup, List<NlbListener> listeners) {
        return listeners.stream()
                .filter(listener -> listener.loadBalancerArn().equals(alb.arn()))
                .filter(listener -> listener.targetGroupArns().contains(targetGroup.arn()))
                .map(NlbListener::port)
                .min(Integer::compare);
    }
}
