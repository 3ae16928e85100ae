package com.ecsapi.onboarder.monitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.monitor.alarms.CloudWatchAlarms;
import com.ecsapi.onboarder.monitor.growth.PoolGrowth;
import com.ecsapi.onboarder.monitor.increases.QuotaIncreaseRequests;
import com.ecsapi.onboarder.monitor.internal.CallCounter;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.monitor.metrics.CloudWatchQuotaMetrics;
import com.ecsapi.onboarder.monitor.usage.ApiGatewayUsageReader;
import com.ecsapi.onboarder.monitor.usage.ElbUsageReader;
import com.ecsapi.onboarder.quota.QuotaLimits;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Entry point of QuotaMonitorFunction (scheduled): one run of {@link QuotaMonitor}, answering its summary
 * (quotas measured, metrics published, alarms created/updated/deleted, AWS calls by operation).
 */
public final class QuotaMonitorHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final QuotaMonitor monitor;
    /** SnapStart priming; the handler holds it because the CRaC runtime holds its hooks weakly. */
    private final PrimingHook priming = new Priming().register();

    public QuotaMonitorHandler() {
        this(Environment.system());
    }

    public QuotaMonitorHandler(Environment environment) {
        this(environment, CloudWatchQuotaMetrics.DATUMS_PER_CALL);
    }

    /** As deployed, with smaller PutMetricData batches: lets a test fail one batch among several. */
    QuotaMonitorHandler(Environment environment, int datumsPerCall) {
        MonitorSettings settings = MonitorSettings.from(environment);
        CallCounter calls = new CallCounter();
        List<ExecutionInterceptor> counting = List.of(calls);
        ServiceQuotasClient serviceQuotas = AwsClients.create(ServiceQuotasClient.builder(), counting);
        CloudWatchClient cloudWatch = AwsClients.create(CloudWatchClient.builder(), counting);
        ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder(), counting);
        ApiGatewayClient restApis = AwsClients.create(ApiGatewayClient.builder(), counting);
        this.monitor = new QuotaMonitor(
                settings,
                new ElbUsageReader(elb,
                        RateLimiter.of(ElbUsageReader.DESCRIBE_CALLS_PER_SECOND, ElbUsageReader.DESCRIBE_BURST)),
                new ApiGatewayUsageReader(
                        restApis,
                        AwsClients.create(ApiGatewayV2Client.builder(), counting),
                        RateLimiter.of(ApiGatewayUsageReader.READ_CALLS_PER_SECOND, ApiGatewayUsageReader.READ_BURST),
                        RateLimiter.of(ApiGatewayUsageReader.GET_RESOURCES_PER_SECOND,
                                ApiGatewayUsageReader.GET_RESOURCES_BURST)),
                () -> new QuotaLimits(serviceQuotas, StructuredLog.of(QuotaLimits.class)),
                new CloudWatchQuotaMetrics(cloudWatch, settings.namespace(), datumsPerCall),
                new CloudWatchAlarms(cloudWatch, RateLimiter.of(CloudWatchAlarms.WRITES_PER_SECOND, 3)),
                new QuotaIncreaseRequests(serviceQuotas, settings.dryRun()),
                new PoolGrowth(elb, restApis,
                        RateLimiter.of(ElbUsageReader.DESCRIBE_CALLS_PER_SECOND, ElbUsageReader.DESCRIBE_BURST),
                        settings.dryRun()),
                calls,
                StructuredLog.of(QuotaMonitorHandler.class),
                Metrics.create(settings.metricsNamespace(), Map.of("Function", "quota-monitor")),
                Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        StructuredLog.startRequest(context);
        return monitor.run();
    }
}
