package com.ecsapi.onboarder.onboarding.model;

/**
 * An HTTP API integration with the parts the onboarder sets. HTTP API integrations take no tags on every kind,
 * so the onboarder's carry the owner in their {@code description} ({@code ecs-api-onboarder:<service ARN>}).
 */
public record HttpIntegration(String id, String integrationType, String uri, String connectionType,
                              String connectionId, String serverNameToVerify, String description) {
}
