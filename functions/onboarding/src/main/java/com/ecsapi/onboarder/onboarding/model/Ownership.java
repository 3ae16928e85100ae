package com.ecsapi.onboarder.onboarding.model;

import com.ecsapi.onboarder.hash.Sha256;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the onboarder marks what it owns. Listeners and target groups carry tags naming the owning service and
 * its route. REST resources cannot be tagged after creation, so their ANY method carries the owner in its
 * {@code operationName}: a method the onboarder did not create never has that name, and it survives the loss
 * of the listener (which the integration uri alone would not prove).
 */
public final class Ownership {

    public static final String SERVICE_TAG = "ecs-api-onboarder:service";
    public static final String PATH_TAG = "ecs-api-onboarder:path";
    public static final String API_TAG = "ecs-api-onboarder:api";
    public static final String STAGE_TAG = "ecs-api-onboarder:stage";
    public static final String OPERATION_PREFIX = "ecs-api-onboarder:";
    /** Prefix of the names of the onboarder's own target groups (option 4), so a batch lists only those. */
    public static final String TARGET_GROUP_PREFIX = "eao-";
    /** On a drain's bridge target group: the service's own target group it copies the targets of. */
    public static final String BRIDGE_OF_TAG = "ecs-api-onboarder:bridge-of";
    /** On a drain's bridge target group: the cordoned NLB the service is leaving. */
    public static final String LEAVING_TAG = "ecs-api-onboarder:leaving";

    private Ownership() {
    }

    public static Map<String, String> tags(String serviceArn, String apiId, String stage, String path) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(SERVICE_TAG, serviceArn);
        tags.put(API_TAG, apiId);
        tags.put(STAGE_TAG, stage);
        tags.put(PATH_TAG, path);
        return tags;
    }

    /** Tags of a VPC link the onboarder created: the NLB it was made for, the service that needed it first. */
    public static final String NLB_TAG = "ecs-api-onboarder:nlb";
    public static final String REQUESTED_BY_TAG = "ecs-api-onboarder:requested-by";

    /** VPC links are named after the dedicated NLB they target (at most one per NLB). */
    public static String vpcLinkName(String nlbName) {
        return "ecs-api-onboarder-" + nlbName;
    }

    /** A created VPC link names the NLB and the service that asked for it; it is the NLB's, not the service's. */
    public static Map<String, String> vpcLinkTags(String serviceArn, String nlbArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(NLB_TAG, nlbArn);
        tags.put(REQUESTED_BY_TAG, serviceArn);
        return tags;
    }

    public static String operationName(String serviceArn) {
        return OPERATION_PREFIX + serviceArn;
    }

    /** The owning service named by a method's operationName, if the onboarder made it. */
    public static Optional<String> ownerOf(RestMethod method) {
        String name = method.operationName();
        return name != null && name.startsWith(OPERATION_PREFIX)
                ? Optional.of(name.substring(OPERATION_PREFIX.length()))
                : Optional.empty();
    }

    public static Optional<String> ownerOf(Map<String, String> tags) {
        return Optional.ofNullable(tags.get(SERVICE_TAG));
    }

    /**
     * Deterministic name (32 characters at most) of the {@code alb}-type target group of a service: retrying
     * finds the same one, and a different ALB, port or VPC gives a new name, so the old one can be swapped out.
     */
    public static String targetGroupName(String serviceArn, String albArn, int albPort, String vpcId) {
        return TARGET_GROUP_PREFIX + Sha256.hex(serviceArn + "|" + albArn + "|" + albPort + "|" + vpcId).substring(0, 28);
    }

    /**
     * The name of the {@code alb}-type target group a drain gives the service on {@code nlbArn}: AWS puts a target
     * group behind one load balancer only, so the new listener cannot share the old listener's group while both
     * stand.
     */
    public static String targetGroupName(String serviceArn, String albArn, int albPort, String vpcId, String nlbArn) {
        return targetGroupName(serviceArn, albArn, albPort, vpcId + "|" + nlbArn);
    }

    /**
     * The name of the bridge target group a drain gives an option-3 service: it carries a copy of the targets of the
     * service's own group {@code targetGroupArn} while that group is still behind the cordoned NLB's listener.
     */
    public static String bridgeTargetGroupName(String serviceArn, String targetGroupArn) {
        return TARGET_GROUP_PREFIX + Sha256.hex(serviceArn + "|bridge|" + targetGroupArn).substring(0, 28);
    }
}
