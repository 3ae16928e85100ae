package com.ecsapi.onboarder.onboarding.model;

/** A REST API method with the parts of its integration the onboarder sets. */
public record RestMethod(String httpMethod, String operationName, String integrationType, String uri,
                         String connectionType, String connectionId, String integrationTarget) {
}
