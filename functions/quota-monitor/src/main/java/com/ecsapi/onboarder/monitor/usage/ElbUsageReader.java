package com.ecsapi.onboarder.monitor.usage;

import com.ecsapi.onboarder.monitor.internal.Batches;
import com.ecsapi.onboarder.monitor.internal.Pages;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.quota.Quota;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the ELB quotas: NLBs and target groups per Region, listeners per NLB (pool members carry their
 * {@code apigw:pool}). Every Describe call waits for the rate limiter: DescribeLoadBalancers and
 * DescribeTargetGroups in pages of 400, DescribeTags for 20 NLBs at a time, DescribeListeners once per NLB
 * (AWS has no cheaper way to count an NLB's listeners), so a run makes about {@code 1.05 * NLBs + 2} calls.
 */
public final class ElbUsageReader {

    public static final String POOL_TAG = "apigw:pool";
    /** Below AWS's 10/s with burst 40 for Describe*, leaving room for the onboarding function's own calls. */
    public static final double DESCRIBE_CALLS_PER_SECOND = 8;
    public static final int DESCRIBE_BURST = 20;

    private static final int PAGE_SIZE = 400;
    private static final int TAG_BATCH = 20;

    private final ElasticLoadBalancingV2Client elb;
    private final RateLimiter describeLimiter;

    public ElbUsageReader(ElasticLoadBalancingV2Client elb, RateLimiter describeLimiter) {
        this.elb = elb;
        this.describeLimiter = describeLimiter;
    }

    public List<QuotaUsage> read() {
        List<LoadBalancer> nlbs = networkLoadBalancers();
        Map<String, String> pools = pools(nlbs);
        List<QuotaUsage> usages = new ArrayList<>();
        usages.add(QuotaUsage.regional(Quota.NLBS_PER_REGION, nlbs.size()));
        usages.add(QuotaUsage.regional(Quota.TARGET_GROUPS_PER_REGION, targetGroupCount()));
        for (LoadBalancer nlb : nlbs) {
            Integer listeners = listenerCount(nlb.loadBalancerArn());
            if (listeners != null) {
                usages.add(new QuotaUsage(Quota.LISTENERS_PER_NLB, nlb.loadBalancerName(), listeners,
                        pools.get(nlb.loadBalancerArn())));
            }
        }
        return usages;
    }

    /** By the {@code Type} field: moto's NLB ARNs read {@code loadbalancer/app/}. */
    private List<LoadBalancer> networkLoadBalancers() {
        return Pages.all(describeLimiter,
                        marker -> elb.describeLoadBalancers(request -> request.pageSize(PAGE_SIZE).marker(marker)),
                        DescribeLoadBalancersResponse::loadBalancers, DescribeLoadBalancersResponse::nextMarker)
                .stream().filter(lb -> lb.type() == LoadBalancerTypeEnum.NETWORK).toList();
    }

    private Map<String, String> pools(List<LoadBalancer> nlbs) {
        Map<String, String> pools = new HashMap<>();
        List<String> arns = nlbs.stream().map(LoadBalancer::loadBalancerArn).toList();
        for (List<String> batch : Batches.of(arns, TAG_BATCH)) {
            describeLimiter.acquire();
            for (TagDescription description : elb.describeTags(request -> request.resourceArns(batch)).tagDescriptions()) {
                description.tags().stream()
                        .filter(tag -> POOL_TAG.equals(tag.key()))
                        .map(Tag::value)
                        .findFirst()
                        .ifPresent(pool -> pools.put(description.resourceArn(), pool));
            }
        }
        return pools;
    }

    /** The NLB's listener count, or null when it was deleted while we counted. */
    private Integer listenerCount(String loadBalancerArn) {
        try {
            return Pages.all(describeLimiter, marker -> elb.describeListeners(request -> request
                            .loadBalancerArn(loadBalancerArn).pageSize(PAGE_SIZE).marker(marker)),
                    DescribeListenersResponse::listeners, DescribeListenersResponse::nextMarker).size();
        } catch (LoadBalancerNotFoundException gone) {
            return null;
        }
    }

    private int targetGroupCount() {
        return Pages.all(describeLimiter,
                marker -> elb.describeTargetGroups(request -> request.pageSize(PAGE_SIZE).marker(marker)),
                DescribeTargetGroupsResponse::targetGroups, DescribeTargetGroupsResponse::nextMarker).size();
    }
}
