package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.plan.Defaults;
import com.ecsapi.onboarder.onboarding.plan.PatternSettings;
import com.ecsapi.onboarder.onboarding.plan.PortRange;
import com.ecsapi.onboarder.onboarding.plan.RetryDelay;

import java.util.List;

/**
 * The environment variables of OnboardingFunction and ReconcileSweepFunction. {@code maxReceiveCount} is the
 * onboarding queue's: the delivery after which SQS moves a message given back to the dead-letter queue.
 */
public record OnboarderConfig(Defaults defaults, PortRange ports, List<String> clusters, String queueUrl,
                              String deadLetterQueueUrl, String metricsNamespace, boolean dryRun,
                              PatternSettings patterns, RetryDelay retryDelay, double controlPlaneRateScale,
                              String ownerEventBus, int maxReceiveCount) {

    public OnboarderConfig {
        clusters = List.copyOf(clusters);
    }

    public static OnboarderConfig from(Environment environment) {
        return new OnboarderConfig(
                new Defaults(environment.optional("DEFAULT_API_ID").orElse(null),
                        environment.string("DEFAULT_STAGE", "prod"),
                        environment.string("DEFAULT_POOL", "default")),
                new PortRange(environment.integer("LISTENER_PORT_MIN", 10000),
                        environment.integer("LISTENER_PORT_MAX", 10999)),
                environment.list("CLUSTERS"),
                environment.optional("QUEUE_URL").orElse(null),
                environment.optional("DEAD_LETTER_QUEUE_URL").orElse(null),
                environment.string("METRICS_NAMESPACE", "EcsApiOnboarder"),
                environment.bool("DRY_RUN", false),
                new PatternSettings(environment.bool("CREATE_VPC_LINKS", false),
                        environment.bool("PREFER_REST_VPC_LINK_V2", false),
                        environment.list("VPC_LINK_V2_IDS")),
                new RetryDelay(environment.integer("RETRY_DELAY_SECONDS", 10),
                        environment.integer("RETRY_DELAY_MAX_SECONDS", 300)),
                environment.decimal("CONTROL_PLANE_RATE_SCALE", 1),
                environment.string("OWNER_EVENT_BUS", "default"),
                environment.integer("MAX_RECEIVE_COUNT", 5));
    }

    /** The same configuration, with the control-plane rates scaled by {@code scale} instead. */
    public OnboarderConfig withControlPlaneRateScale(double scale) {
        return new OnboarderConfig(defaults, ports, clusters, queueUrl, deadLetterQueueUrl, metricsNamespace, dryRun,
                patterns, retryDelay, scale, ownerEventBus, maxReceiveCount);
    }

    /** The same configuration, planning only. */
    public OnboarderConfig asDryRun() {
        return new OnboarderConfig(defaults, ports, clusters, queueUrl, deadLetterQueueUrl, metricsNamespace, true,
                patterns, retryDelay, controlPlaneRateScale, ownerEventBus, maxReceiveCount);
    }
}
