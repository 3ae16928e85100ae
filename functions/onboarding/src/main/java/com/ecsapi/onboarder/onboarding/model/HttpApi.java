package com.ecsapi.onboarder.onboarding.model;

import java.util.List;

/** An HTTP API's routes and integrations. */
public record HttpApi(String id, List<HttpRoute> routes, List<HttpIntegration> integrations) {

    public HttpApi {
        routes = List.copyOf(routes);
        integrations = List.copyOf(integrations);
    }
}
