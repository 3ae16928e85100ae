package com.ecsapi.onboarder.onboarding.plan;

/** What the target API id names: a REST API (apigateway), an HTTP API (apigatewayv2), or nothing. */
public enum ApiKind {
    REST,
    HTTP,
    MISSING
}
