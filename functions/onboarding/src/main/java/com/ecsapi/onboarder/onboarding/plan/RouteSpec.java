package com.ecsapi.onboarder.onboarding.plan;

/** Where a service's route lives: REST API, stage and base path. */
public record RouteSpec(String apiId, String stage, String path) {
}
