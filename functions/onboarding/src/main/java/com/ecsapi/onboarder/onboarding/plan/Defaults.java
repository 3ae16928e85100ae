package com.ecsapi.onboarder.onboarding.plan;

/** The configured fallbacks for tags a service may leave out. {@code apiId} is {@code null} when none is set. */
public record Defaults(String apiId, String stage, String pool) {
}
