package com.ecsapi.onboarder.onboarding.model;

/** An HTTP API route: {@code routeKey} like {@code ANY /orders}, {@code target} like {@code integrations/abc}. */
public record HttpRoute(String id, String routeKey, String target, String operationName) {

    /** The path of the route key ({@code $default} has none: {@code null}). */
    public String path() {
        int space = routeKey.indexOf(' ');
        return space < 0 ? null : routeKey.substring(space + 1);
    }
}
