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

    /** Option 4: an {@code alb}-type target group in the NLB's VPC, for the ALB's {@code albPort}. */
    record CreateTargetGroup(String name, String vpcId, int albPort, Map<String, String> tags) implements Change {
    }

    /**
     * A drain's bridge for an option-3 service: a target group like the service's own ({@code protocol}, {@code port},
     * {@code targetType}), into which the service's current targets are copied ({@link RegisterTarget}).
     */
    record CreateBridgeTargetGroup(String name, String vpcId, String protocol, int port, String targetType,
                                   Map<String, String> tags) implements Change {
    }

    /** Option 4: the ALB as the target of the service's target group (made by this plan, or adopted without it). */
    record RegisterTarget(TargetRef targetGroup, String targetId, int port) implements Change {
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

    /** The service's method on a resource it cannot delete, because something of someone else is on or below it. */
    record DeleteMethod(String apiId, String resourceId, String path, String httpMethod) implements Change {
    }

    record DeleteListener(String listenerArn, String nlbArn, int port) implements Change {
    }

    record DeleteTargetGroup(String arn, String name) implements Change {
    }

    /**
     * Options 1 and 1b: the service's HTTP_PROXY integration through VPC link V2 {@code vpcLinkId};
     * {@code integrationId} null creates it, else it is rewritten in place. {@code serverName}: TLS server name
     * to verify (null for plain HTTP).
     */
    record PutHttpIntegration(String apiId, String integrationId, String uri, String vpcLinkId, String serverName,
                              String description) implements Change {
    }

    /** A route to the integration whose description is {@code integrationDescription} (made earlier in the plan). */
    record CreateHttpRoute(String apiId, String routeKey, String operationName, String integrationDescription)
            implements Change {
    }

    /** Points an owned route at the service's integration again. */
    record RetargetHttpRoute(String apiId, String routeId, String routeKey, String integrationDescription)
            implements Change {
    }

    record DeleteHttpRoute(String apiId, String routeId, String routeKey) implements Change {
    }

    record DeleteHttpIntegration(String apiId, String integrationId) implements Change {
    }
}
