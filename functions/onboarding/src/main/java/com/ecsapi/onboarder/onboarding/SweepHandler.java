package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.util.Map;

/** Entry point of ReconcileSweepFunction: a scheduled event. */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Map.of();
    }
}
