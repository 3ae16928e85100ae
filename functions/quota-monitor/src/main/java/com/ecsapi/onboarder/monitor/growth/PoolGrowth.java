package com.ecsapi.onboarder.monitor.growth;

import com.ecsapi.onboarder.monitor.failures.ItemFailure;
import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.monitor.internal.Pages;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.pool.PoolTag;
import com.ecsapi.onboarder.quota.Quota;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinksResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Grows full pools (opt-in): reads what {@link GrowthPlan} needs beyond the run's readings, and makes the NLB or
 * VPC link it decides. The listener counts, pool membership and the NLB and VPC-link usage and limits are the
 * run's own readings; the pool NLBs' VPC, subnets, security groups, state and growth mark
 * ({@code DescribeLoadBalancers}, {@code DescribeTags} 20 at a time) and the VPC links ({@code GetVpcLinks}) are
 * read only when growth is on and a pool NLB is at the threshold. Nothing grows in a run whose ELB or VPC-link
 * reads failed: a pool NLB whose tags went unread could be the one in flight.
 */
public final class PoolGrowth {

    static final String CREATE_LOAD_BALANCER = "ElasticLoadBalancingV2:CreateLoadBalancer";
    static final String CREATE_VPC_LINK = "ApiGateway:CreateVpcLink";
    private static final String DESCRIBE_LOAD_BALANCERS = "ElasticLoadBalancingV2:DescribeLoadBalancers";
    private static final String DESCRIBE_TAGS = "ElasticLoadBalancingV2:DescribeTags";
    private static final String GET_VPC_LINKS = "ApiGateway:GetVpcLinks";
    private static final Set<String> READS_GROWTH_NEEDS = Set.of(DESCRIBE_LOAD_BALANCERS, DESCRIBE_TAGS,
            "ElasticLoadBalancingV2:DescribeListeners", GET_VPC_LINKS);
    private static final int PAGE_SIZE = 400;
    private static final int TAG_BATCH = 20;
    private static final int VPC_LINK_PAGE = 500;

    private final ElasticLoadBalancingV2Client elb;
    private final ApiGatewayClient restApis;
    private final RateLimiter readLimiter;
    private final boolean dryRun;

    public PoolGrowth(ElasticLoadBalancingV2Client elb, ApiGatewayClient restApis, RateLimiter readLimiter,
                      boolean dryRun) {
        this.elb = elb;
        this.restApis = restApis;
        this.readLimiter = readLimiter;
        this.dryRun = dryRun;
    }

    public List<GrowthDecision> growWhereFull(GrowthPolicy policy, List<QuotaReading> readings, ItemFailures failures) {
        List<QuotaReading> poolListeners = readings.stream()
                .filter(reading -> reading.usage().quota() == Quota.LISTENERS_PER_NLB && reading.usage().inPool())
                .toList();
        if (!policy.enabled() || poolListeners.stream()
                .noneMatch(reading -> policy.isFull(reading.usage().usage(), reading.limit().value()))) {
            return List.of();
        }
        List<String> unread = failures.all().stream().map(ItemFailure::call).filter(READS_GROWTH_NEEDS::contains)
                .distinct().sorted().toList();
        if (!unread.isEmpty()) {
            return List.of(GrowthDecision.refused("*", "*", GrowthOutcome.USAGE_UNREAD,
                    "this run's reads failed (" + String.join(", ", unread) + "): no pool grows"));
        }
        Map<String, Integer> listeners = new HashMap<>();
        poolListeners.forEach(reading -> listeners.put(reading.usage().resource(), (int) reading.usage().usage()));
        List<PoolNlb> nlbs;
        List<PoolVpcLink> links;
        String call = DESCRIBE_LOAD_BALANCERS;
        try {
            List<LoadBalancer> members = members(listeners.keySet());
            call = DESCRIBE_TAGS;
            nlbs = poolNlbs(members, listeners);
            call = GET_VPC_LINKS;
            links = vpcLinks();
        } catch (SdkException e) {
            failures.add(call, "pool growth", "no pool grown this run", e);
            return List.of();
        }
        List<GrowthDecision> decisions = GrowthPlan.decide(policy, nlbs, links,
                poolListeners.getFirst().limit().value(), regional(readings, Quota.NLBS_PER_REGION),
                regional(readings, Quota.VPC_LINKS_V1));
        return decisions.stream().map(decision -> make(decision, failures)).toList();
    }

    private GrowthDecision make(GrowthDecision decision, ItemFailures failures) {
        if (decision.create() == null) {
            return decision;
        }
        if (dryRun) {
            return decision.with(GrowthOutcome.DRY_RUN, decision.detail() + "; DRY_RUN: not created");
        }
        try {
            return switch (decision.create()) {
                case GrowthDecision.NewNlb nlb -> {
                    LoadBalancer created = elb.createLoadBalancer(request -> request.name(nlb.name())
                            .type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                            .subnets(nlb.subnetIds())
                            .securityGroups(nlb.securityGroupIds().isEmpty() ? null : nlb.securityGroupIds())
                            .tags(nlb.tags().entrySet().stream()
                                    .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                                    .toList())).loadBalancers().getFirst();
                    yield decision.with(GrowthOutcome.NLB_CREATED, decision.detail() + "; created "
                            + created.loadBalancerArn() + " (" + created.state().codeAsString()
                            + "): its VPC link follows once it is active");
                }
                case GrowthDecision.NewVpcLink link -> {
                    String id = restApis.createVpcLink(request -> request.name(link.name())
                            .targetArns(link.nlbArn()).tags(link.tags())).id();
                    yield decision.with(GrowthOutcome.VPC_LINK_CREATED, decision.detail() + "; created VPC link " + id);
                }
            };
        } catch (SdkException e) {
            String call = decision.create() instanceof GrowthDecision.NewNlb ? CREATE_LOAD_BALANCER : CREATE_VPC_LINK;
            failures.add(call, decision.pool() + " in " + decision.vpcId(), "pool not grown this run", e);
            return decision.with(GrowthOutcome.FAILED, e.getMessage());
        }
    }

    /** The NLBs the run measured as pool members, by name. */
    private List<LoadBalancer> members(Set<String> names) {
        return Pages.all(readLimiter,
                        marker -> elb.describeLoadBalancers(request -> request.pageSize(PAGE_SIZE).marker(marker)),
                        DescribeLoadBalancersResponse::loadBalancers, DescribeLoadBalancersResponse::nextMarker)
                .stream().filter(lb -> lb.type() == LoadBalancerTypeEnum.NETWORK)
                .filter(lb -> names.contains(lb.loadBalancerName())).toList();
    }

    /** What the plan needs of the pool NLBs: their tags read again, for the pool and the growth mark. */
    private List<PoolNlb> poolNlbs(List<LoadBalancer> members, Map<String, Integer> listeners) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (List<LoadBalancer> batch : Batches.of(members, TAG_BATCH)) {
            readLimiter.acquire();
            for (TagDescription description : elb.describeTags(request -> request
                    .resourceArns(batch.stream().map(LoadBalancer::loadBalancerArn).toList())).tagDescriptions()) {
                Map<String, String> byKey = new HashMap<>();
                description.tags().forEach(tag -> byKey.put(tag.key(), tag.value()));
                tags.put(description.resourceArn(), byKey);
            }
        }
        List<PoolNlb> nlbs = new ArrayList<>();
        for (LoadBalancer lb : members) {
            Map<String, String> own = tags.getOrDefault(lb.loadBalancerArn(), Map.of());
            Optional.ofNullable(own.get(PoolTag.KEY)).ifPresent(pool -> nlbs.add(new PoolNlb(lb.loadBalancerArn(),
                    lb.loadBalancerName(), pool, lb.vpcId(), lb.state() == null ? "" : lb.state().codeAsString(),
                    lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList(), lb.securityGroups(),
                    PoolTag.GROWN.equals(own.get(PoolTag.CREATED_BY)), PoolTag.cordoned(own),
                    listeners.get(lb.loadBalancerName()))));
        }
        return nlbs;
    }

    private List<PoolVpcLink> vpcLinks() {
        return Pages.all(readLimiter,
                        position -> restApis.getVpcLinks(request -> request.limit(VPC_LINK_PAGE).position(position)),
                        GetVpcLinksResponse::items, GetVpcLinksResponse::position).stream()
                .map(link -> new PoolVpcLink(link.id(), link.statusAsString(), link.targetArns())).toList();
    }

    private static GrowthPlan.RegionQuota regional(List<QuotaReading> readings, Quota quota) {
        return readings.stream().filter(reading -> reading.usage().quota() == quota
                        && QuotaUsage.REGION.equals(reading.usage().resource())).findFirst()
                .map(reading -> new GrowthPlan.RegionQuota((int) reading.usage().usage(), reading.limit().value()))
                .orElseGet(() -> new GrowthPlan.RegionQuota(null, 0));
    }
}
