package com.ecsapi.onboarder.onboarding.operator;

import java.util.List;

/**
 * One onboarded route as it stands, from the API to the ECS service: {@code stages} serve it ({@code inApi} false:
 * a stage still serves it but the API no longer holds it); {@code loadBalancer} and {@code port} are what the VPC
 * link reaches (null and 0 for Cloud Map); {@code target} is the target group, the ALB behind an onboarder target
 * group, or the Cloud Map service; {@code service} is the owner named by the route's ownership mark and
 * {@code serviceState} what ECS says of it ({@code ACTIVE}, {@code DRAINING}, {@code INACTIVE}, {@code untagged},
 * {@code not found}).
 */
public record Route(String apiId, String apiKind, String path, List<String> stages, boolean inApi, String pattern,
                    String vpcLink, String loadBalancer, int port, String target, String service, String serviceState,
                    List<Drift> drift) {

    public Route {
        stages = List.copyOf(stages);
        drift = List.copyOf(drift);
    }
}
