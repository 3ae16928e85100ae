package com.ecsapi.onboarder.local.demo;

import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;
import com.ecsapi.onboarder.quota.QuotaLimits;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.VpcLink;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints what the functions did by reading the emulator's state back (never trusting what a function answered):
 * the route, the VPC link, the NLB and its listeners, and the quota figures.
 */
public final class ReadBack {

    public static final String QUOTA_NAMESPACE = "EcsApiOnboarder/Quotas";

    private final ApiGatewayClient apiGateway;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;
    private final QuotaLimits quotaLimits;
    private final PrintStream out;

    public ReadBack(ApiGatewayClient apiGateway, ElasticLoadBalancingV2Client elb, CloudWatchClient cloudWatch,
                    QuotaLimits quotaLimits, PrintStream out) {
        this.apiGateway = apiGateway;
        this.elb = elb;
        this.cloudWatch = cloudWatch;
        this.quotaLimits = quotaLimits;
        this.out = out;
    }

    public void print(DemoSetup setup) {
        List<Resource> resources = apiGateway.getResources(r -> r.restApiId(setup.restApiId()).embed("methods"))
                .items();
        List<VpcLink> vpcLinks = apiGateway.getVpcLinks(r -> r.limit(500)).items();
        List<Listener> listeners = elb.describeListeners(r -> r.loadBalancerArn(setup.poolNlb().loadBalancerArn()))
                .listeners();

        printRoute(setup, resources);
        printVpcLinks(setup, vpcLinks);
        printLoadBalancer(setup, listeners);
        printQuotas(setup, resources, vpcLinks, listeners);
    }

    private void printRoute(DemoSetup setup, List<Resource> resources) {
        out.println();
        out.println("Route (API " + setup.restApiId() + ", stage " + setup.stage() + "):");
        List<Resource> servicePaths = resources.stream()
                .filter(resource -> resource.path().equals(DemoSetup.SERVICE_PATH)
                        || resource.path().startsWith(DemoSetup.SERVICE_PATH + "/"))
                .sorted(Comparator.comparing(Resource::path))
                .toList();
        if (servicePaths.isEmpty()) {
            out.println("  no route: the API has no " + DemoSetup.SERVICE_PATH
                    + " resource (OnboardingFunction created nothing)");
        }
        for (Resource resource : servicePaths) {
            if (!resource.hasResourceMethods() || resource.resourceMethods().isEmpty()) {
                out.println("  " + resource.path() + ": resource without methods");
                continue;
            }
            for (String method : new TreeMap<>(resource.resourceMethods()).keySet()) {
                out.println("  " + method + " " + resource.path() + " -> " + integration(setup, resource, method));
            }
        }
        var stage = apiGateway.getStage(r -> r.restApiId(setup.restApiId()).stageName(setup.stage()));
        int deployments = apiGateway.getDeployments(r -> r.restApiId(setup.restApiId()).limit(500)).items().size();
        out.println("  stage " + setup.stage() + " serves deployment " + stage.deploymentId() + " (" + deployments
                + (deployments == 1 ? " deployment: only the initial one" : " deployments") + ")");
    }

    private String integration(DemoSetup setup, Resource resource, String method) {
        try {
            GetIntegrationResponse integration = apiGateway.getIntegration(r -> r.restApiId(setup.restApiId())
                    .resourceId(resource.id()).httpMethod(method));
            String connection = integration.connectionType() == null ? ""
                    : " via " + integration.connectionTypeAsString()
                    + (integration.connectionId() == null ? "" : " " + integration.connectionId());
            return integration.typeAsString() + " " + integration.uri() + connection;
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException e) {
            return "no integration";
        }
    }

    private void printVpcLinks(DemoSetup setup, List<VpcLink> vpcLinks) {
        out.println();
        out.println("VPC links (REST, V1):");
        for (VpcLink link : vpcLinks) {
            String targets = link.hasTargetArns() ? String.join(", ", link.targetArns()) : "";
            out.println("  " + link.id() + " " + link.name() + " " + link.statusAsString() + " -> " + targets
                    + (link.id().equals(setup.vpcLinkId()) ? " (the default pool's link)" : ""));
        }
    }

    private void printLoadBalancer(DemoSetup setup, List<Listener> listeners) {
        out.println();
        out.println("Pool NLB " + setup.poolNlb().loadBalancerName() + " (apigw:pool=" + DemoSetup.POOL + "), "
                + setup.poolNlb().dnsName() + ":");
        if (listeners.isEmpty()) {
            out.println("  no listeners");
        }
        listeners.stream()
                .sorted(Comparator.comparing(Listener::port))
                .forEach(listener -> out.println("  listener port " + listener.port() + "/"
                        + listener.protocolAsString() + " -> " + forwardTargets(setup, listener)));
    }

    private static String forwardTargets(DemoSetup setup, Listener listener) {
        return listener.defaultActions().stream()
                .map(Action::targetGroupArn)
                .map(arn -> arn == null ? "(no target group)"
                        : arn.equals(setup.targetGroupArn()) ? arn + " (the orders service's target group)" : arn)
                .collect(Collectors.joining(", "));
    }

    private void printQuotas(DemoSetup setup, List<Resource> resources, List<VpcLink> vpcLinks,
                             List<Listener> listeners) {
        out.println();
        out.println("Quotas (counted in the emulator; limits from Service Quotas):");
        printQuota("listeners on " + setup.poolNlb().loadBalancerName(), listeners.size(), Quota.LISTENERS_PER_NLB);
        printQuota("VPC links (REST, V1) in the Region", vpcLinks.size(), Quota.VPC_LINKS_V1);
        printQuota("resources of API " + setup.restApiId(), resources.size(), Quota.RESOURCES_PER_REST_API);

        out.println();
        out.println("Quota metrics published by QuotaMonitorFunction (namespace " + QUOTA_NAMESPACE + "):");
        List<Metric> metrics = cloudWatch.listMetricsPaginator(r -> r.namespace(QUOTA_NAMESPACE)).metrics().stream()
                .toList();
        if (metrics.isEmpty()) {
            out.println("  no quota metrics (QuotaMonitorFunction published nothing)");
            return;
        }
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (Metric metric : metrics) {
            String key = dimension(metric, "Quota") + " / " + dimension(metric, "Resource");
            String value = latest(metric);
            rows.computeIfAbsent(key, k -> new TreeMap<>()).put(metric.metricName(),
                    metric.metricName().equals("Utilization") ? value + "%" : value);
        }
        rows.forEach((key, values) -> out.println("  " + key + ": " + values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "))));
    }

    private void printQuota(String what, int used, Quota quota) {
        QuotaLimit limit = quotaLimits.limit(quota);
        out.printf("  %-45s %4d of %5d  (%s %s, limit from %s)%n", what, used, limit.asInt(), quota.serviceCode(),
                quota.quotaCode(), limit.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    private static String dimension(Metric metric, String name) {
        return metric.dimensions().stream().filter(d -> d.name().equals(name)).map(Dimension::value)
                .findFirst().orElse("-");
    }

    private String latest(Metric metric) {
        Instant now = Instant.now();
        List<Datapoint> datapoints = cloudWatch.getMetricStatistics(r -> r.namespace(QUOTA_NAMESPACE)
                .metricName(metric.metricName())
                .dimensions(metric.dimensions())
                .startTime(now.minus(1, ChronoUnit.HOURS))
                .endTime(now.plus(5, ChronoUnit.MINUTES))
                .period(60)
                .statistics(Statistic.MAXIMUM)).datapoints();
        return datapoints.stream()
                .max(Comparator.comparing(Datapoint::timestamp))
                .map(point -> format(point.maximum()))
                .orElse("(no datapoint)");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, value < 1 ? "%.2f" : "%.1f", value);
    }
}
