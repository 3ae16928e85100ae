package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;

/** How a service is reached from its API; chosen by {@link PatternChoice}. */
public sealed interface Pattern {

    /** A pattern whose route is on a REST API: the {@link Planner} places it. */
    sealed interface OnRestApi extends Pattern {
    }

    /** A pattern whose route is on an HTTP API: the {@link HttpPlanner} places it. */
    sealed interface OnHttpApi extends Pattern {
    }

    /** Options 3 and 4: the service gets a listener port on a shared pool NLB. */
    sealed interface SharedNlb extends OnRestApi {
    }

    /** Option 3: a shared pool NLB gets a TCP listener forwarding straight to the service's TCP target group. */
    record SharedNlbToTargetGroup(TargetGroup targetGroup) implements SharedNlb {
    }

    /**
     * Option 4: the service sits behind its own ALB; a shared pool NLB gets a listener forwarding to an
     * {@code alb}-type target group (created by the onboarder) whose target is that ALB on {@code albPort}.
     */
    record SharedNlbToAlb(TargetGroup serviceTargetGroup, LoadBalancer alb, int albPort) implements SharedNlb {
    }

    /** Option 2: the service's own NLB, targeted by an AVAILABLE VPC link (V1), on its existing listener port. */
    record DedicatedNlb(LoadBalancer nlb, int listenerPort, VpcLink vpcLink) implements OnRestApi {
    }

    /**
     * Option 2 before its VPC link is usable: {@code pendingLink} is the PENDING link targeting the NLB, or
     * {@code null} when the onboarder is to create one. Nothing else is made until the link is AVAILABLE.
     */
    record DedicatedNlbAwaitingVpcLink(LoadBalancer nlb, int listenerPort, VpcLink pendingLink) implements OnRestApi {
    }

    /**
     * Option 1: an HTTP API integrates with the listener of the service's own ALB/NLB through the VPC link V2 of
     * its VPC; {@code tlsServerName} is set when the listener is HTTPS/TLS.
     */
    record HttpApiToLoadBalancer(LoadBalancer loadBalancer, LoadBalancerListener listener, VpcLinkV2 vpcLink,
                                 String tlsServerName) implements OnHttpApi {
    }

    /** Option 1b: an HTTP API integrates with the service's Cloud Map service through a VPC link V2. */
    record HttpApiToCloudMap(String registryArn, VpcLinkV2 vpcLink) implements OnHttpApi {
    }

    /**
     * REST API with VPC link V2 (Nov 2025): {@code integrationTarget} = the service's own ALB/NLB, reached on
     * {@code listener}'s port; no NLB listener is allocated.
     */
    record RestApiVpcLinkV2(LoadBalancer loadBalancer, LoadBalancerListener listener, VpcLinkV2 vpcLink,
                            String tlsServerName) implements OnRestApi {
    }

    /** No pattern fits: the service is refused with this reason. */
    record Unsupported(RejectReason reason, String detail) implements Pattern {
    }

    /** Whether the route is on an HTTP API; exhaustive, so a new pattern must say which side it is on. */
    default boolean onHttpApi() {
        return switch (this) {
            case OnHttpApi ignored -> true;
            case OnRestApi ignored -> false;
            case Unsupported ignored -> false;
        };
    }

    /** The short name used in logs, dry runs and the README table. */
    default String label() {
        return switch (this) {
            case SharedNlbToTargetGroup ignored -> "option-3-shared-nlb";
            case SharedNlbToAlb ignored -> "option-4-shared-nlb-to-alb";
            case DedicatedNlb ignored -> "option-2-dedicated-nlb";
            case DedicatedNlbAwaitingVpcLink ignored -> "option-2-dedicated-nlb";
            case HttpApiToLoadBalancer ignored -> "option-1-http-api-load-balancer";
            case HttpApiToCloudMap ignored -> "option-1b-http-api-cloud-map";
            case RestApiVpcLinkV2 ignored -> "rest-api-vpc-link-v2";
            case Unsupported ignored -> "unsupported";
        };
    }

    /** Why this pattern: the facts that chose it, in one sentence. */
    default String why() {
        return switch (this) {
            case SharedNlbToTargetGroup p -> "target group " + p.targetGroup().name()
                    + " is TCP and attached to no load balancer: a shared pool NLB listener forwards to it";
            case SharedNlbToAlb p -> "target group " + p.serviceTargetGroup().name() + " is served by ALB "
                    + p.alb().name() + " on port " + p.albPort() + ": a shared pool NLB listener forwards to the ALB";
            case DedicatedNlb p -> "target group is served by its own NLB " + p.nlb().name() + " on port "
                    + p.listenerPort() + ", targeted by AVAILABLE VPC link " + p.vpcLink().id();
            case DedicatedNlbAwaitingVpcLink p -> "target group is served by its own NLB " + p.nlb().name()
                    + (p.pendingLink() == null ? ", which no VPC link targets yet: one is created"
                    : ", whose VPC link " + p.pendingLink().id() + " is " + p.pendingLink().status());
            case HttpApiToLoadBalancer p -> "the API is an HTTP API and " + p.loadBalancer().type() + " "
                    + p.loadBalancer().name() + " serves the target group on " + p.listener().protocol() + ":"
                    + p.listener().port() + ", VPC link V2 " + p.vpcLink().id() + " shares its subnets";
            case HttpApiToCloudMap p -> "the API is an HTTP API and the service registers in Cloud Map service "
                    + p.registryArn() + " without a load balancer; VPC link V2 " + p.vpcLink().id() + " shares its subnets";
            case RestApiVpcLinkV2 p -> "REST via VPC link V2 is preferred and " + p.loadBalancer().type() + " "
                    + p.loadBalancer().name() + " serves the target group on " + p.listener().protocol() + ":"
                    + p.listener().port() + ", VPC link V2 " + p.vpcLink().id() + " shares its subnets";
            case Unsupported p -> p.detail();
        };
    }
}
