package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.AwsClientFactory;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.aws.pacing.Pacing;
import com.ecsapi.onboarder.onboarding.aws.ChangeExecutor;
import com.ecsapi.onboarder.onboarding.aws.EcsServices;
import com.ecsapi.onboarder.onboarding.aws.HttpApis;
import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.aws.LoadBalancing;
import com.ecsapi.onboarder.onboarding.aws.OnboardingQueue;
import com.ecsapi.onboarder.onboarding.aws.OwnerEventBus;
import com.ecsapi.onboarder.onboarding.aws.RestApis;
import com.ecsapi.onboarder.onboarding.plan.Planner;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimits;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The wiring shared by both handlers: AWS adapters built once per Lambda instance, a fresh view per run. */
final class Onboarder {

    /** What a throttled roll-back or deployment leaves of the invocation: time to give messages back and report. */
    static final Duration FINISHING_RESERVE = Duration.ofSeconds(5);

    final OnboarderConfig config;
    final EcsServices ecs;
    final LoadBalancing loadBalancing;
    final RestApis restApis;
    final HttpApis httpApis;
    final ServiceQuotasClient serviceQuotas;
    final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final Set<String> lastPoolNlbs = ConcurrentHashMap.newKeySet();
    final Pacing pacing;

    private Onboarder(OnboarderConfig config, EcsServices ecs, LoadBalancing loadBalancing, RestApis restApis,
                      HttpApis httpApis, ServiceQuotasClient serviceQuotas, SqsClient sqs, Pacing pacing,
                      EventBridgeClient eventBridge) {
        this.config = config;
        this.ecs = ecs;
        this.loadBalancing = loadBalancing;
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.serviceQuotas = serviceQuotas;
        this.sqs = sqs;
        this.pacing = pacing;
        this.eventBridge = eventBridge;
    }

    /** API Gateway and ELB, whose control planes have per-account rate limits, are paced; the others are not. */
    static Onboarder create(OnboarderConfig config) {
        return create(config, AwsClients.FACTORY);
    }

    /** The same wiring on the clients of {@code clients} (SnapStart priming runs it on a priming endpoint's). */
    static Onboarder create(OnboarderConfig config, AwsClientFactory clients) {
        Pacing pacing = Pacing.of(config.controlPlaneRateScale(), Duration.ofMillis(BatchProcessor.RESERVE_MILLIS),
                FINISHING_RESERVE);
        return new Onboarder(config,
                new EcsServices(clients.create(EcsClient.builder())),
                new LoadBalancing(clients.create(ElasticLoadBalancingV2Client.builder(), pacing)),
                new RestApis(clients.create(ApiGatewayClient.builder(), pacing)),
                new HttpApis(clients.create(ApiGatewayV2Client.builder(), pacing)),
                clients.create(ServiceQuotasClient.builder()),
                clients.create(SqsClient.builder()),
                pacing, clients.create(EventBridgeClient.builder()));
    }

    BatchView batchView() {
        return new BatchView(loadBalancing, restApis, httpApis, lastPoolNlbs);
    }

    /** One batch's processor: a fresh view of AWS, reconciler and deployer, its log and metrics on {@code out}. */
    BatchProcessor batch(PrintStream out) {
        StructuredLog log = StructuredLog.of(OnboardingHandler.class, out, Clock.systemUTC());
        BatchView view = batchView();
        Metrics metrics = Metrics.create(config.metricsNamespace(), Map.of("Function", "onboarding"), out,
                Clock.systemUTC());
        return new BatchProcessor(reconciler(view, log), new StageDeployer(restApis, httpApis, view, log, pacing),
                new OnboardingQueue(sqs, config.queueUrl(), config.deadLetterQueueUrl()),
                new DecisionLog(log, config.dryRun()), metrics, config.dryRun(), config.retryDelay(),
                new OwnerEvents(new OwnerEventBus(eventBridge, config.ownerEventBus(), OwnerEvents.SOURCE), log,
                        metrics, config.dryRun(), config.maxReceiveCount()));
    }

    /** One sweep: a fresh view of AWS, its metrics, its requests sent to the onboarding queue. */
    Sweep sweep(StructuredLog log, PrintStream metrics) {
        return new Sweep(ecs, batchView(), sqs, config,
                Metrics.create(config.metricsNamespace(), Map.of("Function", "sweep"), metrics, Clock.systemUTC()), log);
    }

    /**
     * A reconciler for one batch: its own view of AWS and quota reads. The listener quota is read only when an
     * NLB has as many listeners as its default (50): an applied quota is never below the default.
     */
    Reconciler reconciler(BatchView view, StructuredLog log) {
        QuotaLimits quotas = new QuotaLimits(serviceQuotas, log);
        int vpcLinkLimit = config.patterns().createVpcLinks() ? quotas.limit(Quota.VPC_LINKS_V1).asInt() : 0;
        return new Reconciler(ecs, loadBalancing, view,
                new ChangeExecutor(loadBalancing, restApis, httpApis, view, log, pacing), config,
                new Planner.Settings(config.ports(), (int) Quota.LISTENERS_PER_NLB.documentedDefault(),
                        config.defaults().stage(), vpcLinkLimit),
                () -> quotas.limit(Quota.LISTENERS_PER_NLB).asInt(), log);
    }
}
