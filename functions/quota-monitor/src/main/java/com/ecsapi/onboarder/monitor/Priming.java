package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.aws.PrimingEndpoint;
import com.ecsapi.onboarder.aws.PrimingHook;
import org.joda.time.format.ISODateTimeFormat;
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

/**
 * SnapStart priming of QuotaMonitorFunction: every AWS operation the monitor calls, the CloudWatch writes included,
 * once through a {@link PrimingEndpoint} (nothing reaches AWS). It goes around the monitor's rate limiters: priming
 * takes none of their tokens and starts none of their clocks.
 */
final class Priming extends PrimingHook {

    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/priming/0";
    /** A fixed instant: priming marshals timestamps without reading the clock (the scheduled event's time is read
     *  with Joda-Time by the Lambda runtime: parsed once above, for its classes). */
    private static final Instant SOME_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    protected void primeWith(PrimingEndpoint endpoint) {
        ElasticLoadBalancingV2Client elb = endpoint.create(ElasticLoadBalancingV2Client.builder());
        ApiGatewayClient apiGateway = endpoint.create(ApiGatewayClient.builder());
        ApiGatewayV2Client apiGatewayV2 = endpoint.create(ApiGatewayV2Client.builder());
        ServiceQuotasClient serviceQuotas = endpoint.create(ServiceQuotasClient.builder());
        CloudWatchClient cloudWatch = endpoint.create(CloudWatchClient.builder());
        endpoint.call(() -> ISODateTimeFormat.dateTimeParser().parseDateTime("2026-01-01T00:00:00Z"));
        endpoint.call(() -> elb.describeLoadBalancers(r -> r.pageSize(400)));
        endpoint.call(() -> elb.describeListeners(r -> r.loadBalancerArn(ARN).pageSize(400)));
        endpoint.call(() -> elb.describeTags(r -> r.resourceArns(ARN)));
        endpoint.call(() -> elb.describeTargetGroups(r -> r.pageSize(400)));

        endpoint.call(() -> apiGateway.getVpcLinks(r -> r.limit(500)));
        endpoint.call(() -> apiGateway.getRestApis(r -> r.limit(500)));
        endpoint.call(() -> apiGateway.getResources(r -> r.restApiId("priming").limit(500)));
        endpoint.call(() -> apiGatewayV2.getVpcLinks(r -> r.maxResults("500")));
        endpoint.call(() -> apiGatewayV2.getApis(r -> r.maxResults("500")));
        endpoint.call(() -> apiGatewayV2.getRoutes(r -> r.apiId("priming").maxResults("500")));

        endpoint.call(() -> serviceQuotas.getServiceQuota(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));
        endpoint.call(() -> serviceQuotas.listRequestedServiceQuotaChangeHistoryByQuota(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6").maxResults(100)));
        endpoint.call(() -> serviceQuotas.requestServiceQuotaIncrease(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6").desiredValue(100.0)));
        endpoint.call(() -> serviceQuotas.getAWSDefaultServiceQuota(r -> r
                .serviceCode("elasticloadbalancing").quotaCode("L-57A373D6")));

        Dimension dimension = Dimension.builder().name("Quota").value("priming").build();
        endpoint.call(() -> cloudWatch.putMetricData(r -> r.namespace("priming")
                .metricData(datum -> datum.metricName("Usage").dimensions(dimension).timestamp(SOME_INSTANT)
                        .value(1.0).unit(StandardUnit.COUNT))));
        endpoint.call(() -> cloudWatch.getMetricData(r -> r
                .startTime(SOME_INSTANT.minusSeconds(3600)).endTime(SOME_INSTANT)
                .metricDataQueries(query -> query.id("q0").returnData(true).metricStat(stat -> stat.period(21600)
                        .stat("Maximum").metric(metric -> metric.namespace("priming").metricName("Usage")
                                .dimensions(dimension))))));
        endpoint.call(() -> cloudWatch.describeAlarms(r -> r.alarmNamePrefix("priming")
                .maxRecords(100)));
        endpoint.call(() -> cloudWatch.putMetricAlarm(r -> r.alarmName("priming")
                .namespace("priming").metricName("Utilization").dimensions(dimension)
                .statistic(Statistic.MAXIMUM).period(900).evaluationPeriods(1).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .alarmActions("arn:aws:sns:us-east-1:111122223333:priming")));
        endpoint.call(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("priming")));
    }
}
