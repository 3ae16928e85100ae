package com.ecsapi.onboarder.onboarding.plan;

import java.util.Map;

/** One AWS write of a plan. Plans list them parents before children on create, children first on delete. */
public sealed interface Change {

    /** What a new listener forwards to: an existing target group, or the one this plan creates. */
    sealed interface TargetRef {
    }

    record ExistingTargetGroup(String arn) implements TargetRef {
    }

    record PlannedTargetGroup(String name) implements TargetRef {
    }

    /** Option 4: an {@code alb}-type target group in the NLB's VPC, with the ALB registered on {@code albPort}. */
    record CreateTargetGroup(String name, String vpcId, String albArn, int albPort, Map<String, String> tags)
            implements Change {
    }

    record CreateListener(String nlbArn, int port, TargetRef target, Map<String, String> tags) implements Change {
    }

    /** Rewrites the ownership tags of a kept listener (its route moved). */
    record TagListener(String listenerArn, Map<String, String> tags) implements Change {
    }

    record CreateResource(String apiId, String path) implements Change {
    }

    /**
     * {@code ANY} on {@code path} with an HTTP_PROXY integration through the VPC link; {@code putMethod} false
     * when the method exists already and only the integration is rewritten; {@code integrationTarget} is the load
     * balancer ARN when the link is a VPC link V2, else {@code null}.
     */
    record PutProxyMethod(String apiId, String path, boolean putMethod, String operationName, String uri,
                          String vpcLinkId, String integrationTarget, boolean greedy) implements Change {
    }

    /** Option 2: a VPC link (V1) to a dedicated NLB; AWS makes it AVAILABLE minutes later. */
    record CreateVpcLink(String name, String nlbArn, Map<String, String> tags) implements Change {
    }

    record DeleteResource(String apiId, String resourceId, String path) implements Change {
    }

    record DeleteListener(String listenerArn, String nlbArn, int port) implements Change {
    }

    record DeleteTargetGroup(String arn, String name) implements Change {
    }
}
