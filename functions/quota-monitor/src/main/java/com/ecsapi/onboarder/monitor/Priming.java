package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.PrimingCalls;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SnapStart priming of QuotaMonitorFunction: in the {@code beforeCheckpoint} hook, every AWS operation the monitor
 * calls runs once through its client up to the wire ({@link PrimingCalls}: marshalling, endpoint rules, signing;
 * nothing is sent, the CloudWatch writes included), so the snapshot holds those classes loaded and initialised. It
 * goes around the monitor's rate limiters: priming takes none of their tokens and starts none of their clocks.
 */
final class Priming implements Resource {

    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/priming/0";
    /** A fixed instant: priming marshals timestamps without reading the clock. */
    private static final Instant SOME_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

    private final ElasticLoadBalancingV2Client elb;
    private final ApiGatewayClient apiGateway;
    private final ApiGatewayV2Client apiGatewayV2;
    private final ServiceQuotasClient serviceQuotas;
    private final CloudWatchClient cloudWatch;
    private final StructuredLog log;

    Priming(ElasticLoadBalancingV2Client elb, ApiGatewayClient apiGateway, ApiGatewayV2Client apiGatewayV2,
            ServiceQuotasClient serviceQuotas, CloudWatchClient cloudWatch, StructuredLog log) {
        this.elb = elb;
        this.apiGateway = apiGateway;
        this.apiGatewayV2 = apiGatewayV2;
        this.serviceQuotas = serviceQuotas;
        this.cloudWatch = cloudWatch;
        this.log = log;
    }

    /**
     * Registers the hooks with the CRaC runtime (Lambda's, when SnapStart publishes a version). The runtime holds
     * them weakly: the caller keeps this object.
     */
    Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        PrimingCalls calls = prime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("primedCalls", calls.primed().size());
        fields.put("failedCalls", calls.failed());
        if (calls.failed().isEmpty()) {
            log.info("SnapStart priming done", fields);
        } else {
            log.warn("SnapStart priming: some calls failed before the wire; the first run pays for them", fields);
        }
    }

    /** Nothing to restore: priming opened no connection, resolved no credentials and read no clock. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    PrimingCalls prime() {
        PrimingCalls calls = new PrimingCalls();
        calls.call(o -> elb.describeLoadBalancers(r -> r.overrideConfiguration(o).pageSize(400)));
        calls.call(o -> elb.describeListeners(r -> r.overrideConfiguration(o).loadBalancerArn(ARN).pageSize(400)));
        calls.call(o -> elb.describeTags(r -> r.overrideConfiguration(o).resourceArns(ARN)));
        calls.call(o -> elb.describeTargetGroups(r -> r.overrideConfiguration(o).pageSize(400)));

        calls.call(o -> apiGateway.getVpcLinks(r -> r.overrideConfiguration(o).limit(500)));
        calls.call(o -> apiGateway.getRestApis(r -> r.overrideConfiguration(o).limit(500)));
        calls.call(o -> apiGateway.getResources(r -> r.overrideConfiguration(o).restApiId("priming").limit(500)));
        calls.call(o -> apiGatewayV2.getVpcLinks(r -> r.overrideConfiguration(o).maxResults("500")));
        calls.call(o -> apiGatewayV2.getApis(r -> r.overrideConfiguration(o).maxResults("500")));
        calls.call(o -> apiGatewayV2.getRoutes(r -> r.overrideConfiguration(o).apiId("priming").maxResults("500")));

        calls.call(o -> serviceQuotas.getServiceQuota(r -> r.overrideConfiguration(o)
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));
        calls.call(o -> serviceQuotas.getAWSDefaultServiceQuota(r -> r.overrideConfiguration(o)
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));

        Dimension dimension = Dimension.builder().name("Quota").value("priming").build();
        calls.call(o -> cloudWatch.putMetricData(r -> r.overrideConfiguration(o).namespace("priming")
                .metricData(datum -> datum.metricName("Usage").dimensions(dimension).timestamp(SOME_INSTANT)
                        .value(1.0).unit(StandardUnit.COUNT))));
        calls.call(o -> cloudWatch.getMetricData(r -> r.overrideConfiguration(o)
                .startTime(SOME_INSTANT.minusSeconds(3600)).endTime(SOME_INSTANT)
                .metricDataQueries(query -> query.id("q0").returnData(true).metricStat(stat -> stat.period(21600)
                        .stat("Maximum").metric(metric -> metric.namespace("priming").metricName("Usage")
                                .dimensions(dimension))))));
        calls.call(o -> cloudWatch.describeAlarms(r -> r.overrideConfiguration(o).alarmNamePrefix("priming")
                .maxRecords(100)));
        calls.call(o -> cloudWatch.putMetricAlarm(r -> r.overrideConfiguration(o).alarmName("priming")
                .namespace("priming").metricName("Utilization").dimensions(dimension)
                .statistic(Statistic.MAXIMUM).period(900).evaluationPeriods(1).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .alarmActions("arn:aws:sns:us-east-1:111122223333:priming")));
        calls.call(o -> cloudWatch.deleteAlarms(r -> r.overrideConfiguration(o).alarmNames("priming")));
        return calls;
    }
}
