package com.ecsapi.onboarder.monitor.usage;

import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.monitor.failures.UnreadSeries;
import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.monitor.internal.Pages;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.pool.PoolTag;
import com.ecsapi.onboarder.quota.Quota;
import software.amazon.awssdk.core.exception.SdkException;
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
import java.util.Optional;

/**
 * Counts the ELB quotas: NLBs and target groups per Region, listeners per NLB (pool members carry their
 * {@code apigw:pool}). Every Describe call waits for the rate limiter: DescribeLoadBalancers and
 * DescribeTargetGroups in pages of 400, DescribeTags for 20 NLBs at a time, DescribeListeners once per NLB
 * (AWS has no cheaper way to count an NLB's listeners), so a run makes about {@code 1.05 * NLBs + 2} calls.
 * A call that fails for good costs what it reads: the NLB list (then no NLB is measured), one batch of pool tags,
 * the target groups, one NLB's listeners; the rest is measured.
 */
public final class ElbUsageReader {

    /** Below AWS's 10/s with burst 40 for Describe*, leaving room for the onboarding function's own calls. */
    public static final double DESCRIBE_CALLS_PER_SECOND = 8;
    public static final int DESCRIBE_BURST = 20;

    private static final String DESCRIBE_LOAD_BALANCERS = "ElasticLoadBalancingV2:DescribeLoadBalancers";
    private static final String DESCRIBE_TAGS = "ElasticLoadBalancingV2:DescribeTags";
    private static final String DESCRIBE_TARGET_GROUPS = "ElasticLoadBalancingV2:DescribeTargetGroups";
    private static final String DESCRIBE_LISTENERS = "ElasticLoadBalancingV2:DescribeListeners";

    private static final int PAGE_SIZE = 400;
    private static final int TAG_BATCH = 20;

    private final ElasticLoadBalancingV2Client elb;
    private final RateLimiter describeLimiter;

    public ElbUsageReader(ElasticLoadBalancingV2Client elb, RateLimiter describeLimiter) {
        this.elb = elb;
        this.describeLimiter = describeLimiter;
    }

    public List<QuotaUsage> read(ItemFailures failures) {
        List<QuotaUsage> usages = new ArrayList<>();
        List<LoadBalancer> nlbs;
        try {
            nlbs = networkLoadBalancers();
            usages.add(QuotaUsage.regional(Quota.NLBS_PER_REGION, nlbs.size()));
        } catch (SdkException e) {
            failures.add(DESCRIBE_LOAD_BALANCERS, QuotaUsage.REGION, "NLBs and their listeners not measured", e,
                    new UnreadSeries(Quota.NLBS_PER_REGION, QuotaUsage.REGION),
                    UnreadSeries.everyResourceOf(Quota.LISTENERS_PER_NLB));
            nlbs = List.of();
        }
        try {
            usages.add(QuotaUsage.regional(Quota.TARGET_GROUPS_PER_REGION, targetGroupCount()));
        } catch (SdkException e) {
            failures.add(DESCRIBE_TARGET_GROUPS, QuotaUsage.REGION, "target groups not measured", e,
                    new UnreadSeries(Quota.TARGET_GROUPS_PER_REGION, QuotaUsage.REGION));
        }
        Map<String, String> pools = pools(nlbs, failures);
        for (LoadBalancer nlb : nlbs) {
            try {
                listenerCount(nlb.loadBalancerArn()).ifPresent(listeners -> usages.add(new QuotaUsage(
                        Quota.LISTENERS_PER_NLB, nlb.loadBalancerName(), listeners, pools.get(nlb.loadBalancerArn()))));
            } catch (SdkException e) {
                failures.add(DESCRIBE_LISTENERS, nlb.loadBalancerName(), "listeners not measured", e,
                        new UnreadSeries(Quota.LISTENERS_PER_NLB, nlb.loadBalancerName()));
            }
        }
        return usages;
    }

    /** Told by the {@code Type} field the API answers, not by the shape of the ARN. */
    private List<LoadBalancer> networkLoadBalancers() {
        return Pages.all(describeLimiter,
                        marker -> elb.describeLoadBalancers(request -> request.pageSize(PAGE_SIZE).marker(marker)),
                        DescribeLoadBalancersResponse::loadBalancers, DescribeLoadBalancersResponse::nextMarker)
                .stream().filter(lb -> lb.type() == LoadBalancerTypeEnum.NETWORK).toList();
    }

    /** Pool by NLB ARN. An unread batch of tags leaves its NLBs measured, their alarms as they are. */
    private Map<String, String> pools(List<LoadBalancer> nlbs, ItemFailures failures) {
        Map<String, String> pools = new HashMap<>();
        for (List<LoadBalancer> batch : Batches.of(nlbs, TAG_BATCH)) {
            List<String> arns = batch.stream().map(LoadBalancer::loadBalancerArn).toList();
            describeLimiter.acquire();
            try {
                for (TagDescription description : elb.describeTags(request -> request.resourceArns(arns))
                        .tagDescriptions()) {
                    description.tags().stream()
                            .filter(tag -> PoolTag.KEY.equals(tag.key()))
                            .map(Tag::value)
                            .findFirst()
                            .ifPresent(pool -> pools.put(description.resourceArn(), pool));
                }
            } catch (SdkException e) {
                List<String> names = batch.stream().map(LoadBalancer::loadBalancerName).toList();
                failures.add(DESCRIBE_TAGS, String.join(", ", names),
                        "pool membership unread: listeners measured, their alarms left as they are", e,
                        names.stream().map(name -> new UnreadSeries(Quota.LISTENERS_PER_NLB, name))
                                .toArray(UnreadSeries[]::new));
            }
        }
        return pools;
    }

    /** The NLB's listener count; empty when it was deleted while we counted. */
    private Optional<Integer> listenerCount(String loadBalancerArn) {
        try {
            return Optional.of(Pages.all(describeLimiter, marker -> elb.describeListeners(request -> request
                            .loadBalancerArn(loadBalancerArn).pageSize(PAGE_SIZE).marker(marker)),
                    DescribeListenersResponse::listeners, DescribeListenersResponse::nextMarker).size());
        } catch (LoadBalancerNotFoundException gone) {
            return Optional.empty();
        }
    }

    private int targetGroupCount() {
        return Pages.all(describeLimiter,
                marker -> elb.describeTargetGroups(request -> request.pageSize(PAGE_SIZE).marker(marker)),
                DescribeTargetGroupsResponse::targetGroups, DescribeTargetGroupsResponse::nextMarker).size();
    }
}
