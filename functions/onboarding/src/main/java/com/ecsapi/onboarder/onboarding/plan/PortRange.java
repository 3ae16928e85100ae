package com.ecsapi.onboarder.onboarding.plan;

/** The listener ports the onboarder may use on a shared NLB (LISTENER_PORT_MIN..LISTENER_PORT_MAX). */
public record PortRange(int min, int max) {

    public PortRange {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("listener port range " + min + ".." + max + " is not within 1..65535");
        }
    }
}
