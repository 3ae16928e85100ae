package com.ecsapi.onboarder.onboarding.plan;

/** A stage to redeploy once the batch is done. */
public record ApiStage(String apiId, String stage) {
}
