package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.pacing.Pacing;
import com.ecsapi.onboarder.onboarding.aws.HttpApis;
import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.aws.RestApis;
import com.ecsapi.onboarder.onboarding.plan.ApiKind;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deploys each stage a batch touched, once (the account may make one deployment every 5 s). A stage that does not
 * exist is never created: stages of a shared API carry its WAF, throttling and logging settings.
 */
final class StageDeployer {

    private static final String DESCRIPTION = "ecs-api-onboarder batch";
    private final RestApis restApis;
    private final HttpApis httpApis;
    private final BatchView view;
    private final StructuredLog log;
    private final Pacing pacing;

    StageDeployer(RestApis restApis, HttpApis httpApis, BatchView view, StructuredLog log, Pacing pacing) {
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.view = view;
        this.log = log;
        this.pacing = pacing;
    }

    /**
     * Deploys the stages; returns those whose deployment failed. A deployment completes what the batch did, so a
     * throttled one is retried into the time the batch keeps in reserve.
     */
    Set<ApiStage> deploy(Set<ApiStage> stages) {
        return pacing.finishing(() -> deployEach(stages));
    }

    private Set<ApiStage> deployEach(Set<ApiStage> stages) {
        Set<ApiStage> failed = new LinkedHashSet<>();
        for (ApiStage stage : stages) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("api", stage.apiId());
            fields.put("stage", stage.stage());
            if (!TagContract.isStageName(stage.stage())) {
                log.info("Not a stage name: nothing deployed", fields);
                continue;
            }
            try {
                Optional<String> deployment = view.apiKind(stage.apiId()) == ApiKind.HTTP
                        ? httpApis.deploy(stage.apiId(), stage.stage(), DESCRIPTION)
                        : restStageExists(stage) ? Optional.of(restApis.deploy(stage.apiId(), stage.stage(), DESCRIPTION))
                        : Optional.empty();
                fields.put("deploymentId", deployment.orElse(null));
                log.info(deployment.isPresent() ? "Stage deployed" : "Stage not found: nothing deployed", fields);
            } catch (RuntimeException e) {
                fields.put("error", e.toString());
                log.error("Deployment failed; its messages are retried and redeploy", fields);
                failed.add(stage);
            }
        }
        return failed;
    }

    /**
     * The REST stage is among those the batch read (GetStages, before it reconciled any service of the API): the
     * deployment never creates a stage. A stage deleted while the batch ran would be; stages of a shared API are
     * not deleted in passing.
     */
    private boolean restStageExists(ApiStage stage) {
        return view.stages(stage.apiId()).stream().anyMatch(deployed -> deployed.name().equals(stage.stage()));
    }
}
