package com.ecsapi.onboarder.monitor.growth;

import com.ecsapi.onboarder.hash.Sha256;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides, from plain data, where a pool grows. For each pool and VPC (the pool NLBs, as the onboarding function
 * groups them to place a listener), in pool then VPC order:
 * <ol>
 *   <li>an NLB the monitor created that is active and no VPC link targets gets its VPC link (the second half of a
 *       growth: the NLB was provisioning when it was made); one whose only link failed is refused
 *       ({@link GrowthOutcome#VPC_LINK_FAILED}) and blocks more growth there;</li>
 *   <li>the pool is full there when it has at least one NLB a service can land on (active, an AVAILABLE VPC link
 *       targets it) and each of them is at or above the threshold of its listener quota; otherwise nothing;</li>
 *   <li>when full: nothing new while a pool NLB of that VPC is provisioning or a VPC link to one is PENDING
 *       ({@link GrowthOutcome#IN_FLIGHT}), nor when a listener count is unread, nor past the NLB or VPC-link quota
 *       (a new NLB needs room for its link too); else one new NLB, in the subnets and security groups of the first
 *       such NLB by name, internal, tagged with the pool and the growth mark.</li>
 * </ol>
 * The quotas' room is shared by every pool of the run: the second pool to grow sees the first one's NLB. The
 * same data gives the same decisions, so a second run over what the first one left creates nothing more.
 */
public final class GrowthPlan {

    private static final String NLB_NAME_PREFIX = "eao-pool-";
    private static final String VPC_LINK_NAME_PREFIX = "ecs-api-onboarder-";

    /** How much of a Region-wide quota is used; {@code used} null when it was not read this run. */
    public record RegionQuota(Integer used, double limit) {
        boolean roomFor(int more) {
            return used != null && used + more <= limit;
        }

        RegionQuota plus(int more) {
            return new RegionQuota(used + more, limit);
        }
    }

    private GrowthPlan() {
    }

    public static List<GrowthDecision> decide(GrowthPolicy policy, List<PoolNlb> nlbs, List<PoolVpcLink> links,
                                              double listenerLimit, RegionQuota nlbQuota, RegionQuota vpcLinkQuota) {
        if (!policy.enabled()) {
            return List.of();
        }
        Map<String, Map<String, List<PoolNlb>>> byPoolAndVpc = new TreeMap<>();
        nlbs.forEach(nlb -> byPoolAndVpc.computeIfAbsent(nlb.pool(), pool -> new TreeMap<>())
                .computeIfAbsent(nlb.vpcId(), vpc -> new ArrayList<>()).add(nlb));
        List<GrowthDecision> decisions = new ArrayList<>();
        RegionQuota nlbRoom = nlbQuota;
        RegionQuota linkRoom = vpcLinkQuota;
        for (var pool : byPoolAndVpc.entrySet()) {
            for (var vpc : pool.getValue().entrySet()) {
                List<PoolNlb> members = vpc.getValue().stream()
                        .sorted(Comparator.comparing(PoolNlb::name).thenComparing(PoolNlb::arn)).toList();
                GrowthDecision decision = decide(policy, pool.getKey(), vpc.getKey(), members, links, listenerLimit,
                        nlbRoom, linkRoom);
                if (decision == null) {
                    continue;
                }
                decisions.add(decision);
                if (decision.outcome() == GrowthOutcome.NLB_CREATED) {
                    nlbRoom = nlbRoom.plus(1);
                }
                if (decision.outcome().grown()) {
                    linkRoom = linkRoom.plus(1);
                }
            }
        }
        return decisions;
    }

    private static GrowthDecision decide(GrowthPolicy policy, String pool, String vpcId, List<PoolNlb> members,
                                         List<PoolVpcLink> links, double listenerLimit, RegionQuota nlbRoom,
                                         RegionQuota linkRoom) {
        for (PoolNlb nlb : members) {
            if (!nlb.grown() || !PoolNlb.ACTIVE.equals(nlb.state())) {
                continue;
            }
            List<PoolVpcLink> own = links.stream().filter(link -> link.targets(nlb)).toList();
            if (own.isEmpty()) {
                return linkFor(pool, vpcId, nlb, linkRoom);
            }
            if (own.stream().noneMatch(link -> PoolVpcLink.AVAILABLE.equals(link.status())
                    || PoolVpcLink.PENDING.equals(link.status()))) {
                return GrowthDecision.refused(pool, vpcId, GrowthOutcome.VPC_LINK_FAILED, "the VPC link of "
                        + nlb.name() + " is " + own.stream().map(PoolVpcLink::status).collect(Collectors.joining(", "))
                        + ": no more NLBs for this pool here until an operator replaces or removes it");
            }
        }
        List<PoolNlb> room = members.stream().filter(nlb -> PoolNlb.ACTIVE.equals(nlb.state()) && !nlb.cordoned())
                .filter(nlb -> links.stream().anyMatch(link -> link.targets(nlb)
                        && PoolVpcLink.AVAILABLE.equals(link.status())))
                .toList();
        if (room.isEmpty() || room.stream().anyMatch(nlb -> nlb.listeners() != null
                && !policy.isFull(nlb.listeners(), listenerLimit))) {
            return null;
        }
        String full = room.size() + " NLB(s) at or above " + policy.thresholdPercent() + "% of " + listenerLimit
                + " listeners";
        List<String> inFlight = inFlight(members, links);
        if (!inFlight.isEmpty()) {
            return GrowthDecision.refused(pool, vpcId, GrowthOutcome.IN_FLIGHT, full + "; in flight: "
                    + String.join(", ", inFlight));
        }
        List<String> unread = room.stream().filter(nlb -> nlb.listeners() == null).map(PoolNlb::name).toList();
        if (!unread.isEmpty()) {
            return GrowthDecision.refused(pool, vpcId, GrowthOutcome.USAGE_UNREAD, "listeners of "
                    + String.join(", ", unread) + " not read this run");
        }
        if (!nlbRoom.roomFor(1)) {
            return GrowthDecision.refused(pool, vpcId, GrowthOutcome.NLB_QUOTA_REACHED, full + "; "
                    + used(nlbRoom) + " of " + nlbRoom.limit() + " NLBs per Region: no room for one more");
        }
        if (!linkRoom.roomFor(1)) {
            return GrowthDecision.refused(pool, vpcId, GrowthOutcome.VPC_LINK_QUOTA_REACHED, full + "; "
                    + used(linkRoom) + " of " + linkRoom.limit() + " VPC links (V1) per Region: no room for the "
                    + "new NLB's link");
        }
        PoolNlb model = room.get(0);
        String name = NLB_NAME_PREFIX + Sha256.hex(pool + "|" + vpcId + "|" + members.size())
                .substring(0, 32 - NLB_NAME_PREFIX.length());
        return new GrowthDecision(pool, vpcId, GrowthOutcome.NLB_CREATED,
                new GrowthDecision.NewNlb(name, model.subnetIds(), model.securityGroupIds(), marks(pool)),
                full + "; subnets and security groups of " + model.name());
    }

    private static GrowthDecision linkFor(String pool, String vpcId, PoolNlb nlb, RegionQuota linkRoom) {
        if (!linkRoom.roomFor(1)) {
            return GrowthDecision.refused(pool, vpcId, GrowthOutcome.VPC_LINK_QUOTA_REACHED, nlb.name()
                    + " needs its VPC link but " + used(linkRoom) + " of " + linkRoom.limit()
                    + " VPC links (V1) per Region exist");
        }
        Map<String, String> tags = marks(pool);
        tags.put("ecs-api-onboarder:nlb", nlb.arn());
        return new GrowthDecision(pool, vpcId, GrowthOutcome.VPC_LINK_CREATED,
                new GrowthDecision.NewVpcLink(VPC_LINK_NAME_PREFIX + nlb.name(), nlb.arn(), tags),
                nlb.name() + " is active and no VPC link targets it");
    }

    private static List<String> inFlight(List<PoolNlb> members, List<PoolVpcLink> links) {
        List<String> inFlight = new ArrayList<>();
        members.stream().filter(nlb -> PoolNlb.PROVISIONING.equals(nlb.state()))
                .forEach(nlb -> inFlight.add("NLB " + nlb.name() + " provisioning"));
        links.stream().filter(link -> PoolVpcLink.PENDING.equals(link.status()))
                .filter(link -> members.stream().anyMatch(link::targets))
                .forEach(link -> inFlight.add("VPC link " + link.id() + " PENDING"));
        return inFlight;
    }

    private static Map<String, String> marks(String pool) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PoolTag.KEY, pool);
        tags.put(PoolTag.CREATED_BY, PoolTag.GROWN);
        return tags;
    }

    private static String used(RegionQuota quota) {
        return quota.used() == null ? "an unread number" : String.valueOf(quota.used());
    }
}
