package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ELBv2 reads and writes: load balancers, listeners, target groups and their tags. */
public final class LoadBalancing {

    private static final int TAGS_BATCH = 20;
    private static final Set<String> SERVING = Set.of("healthy", "initial");
    private final ElasticLoadBalancingV2Client elb;

    public LoadBalancing(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** Every load balancer of the account and Region, without its tags ({@link #tags}). */
    public List<LoadBalancer> loadBalancers() {
        List<LoadBalancer> all = new ArrayList<>();
        elb.describeLoadBalancersPaginator(request -> { }).forEach(page -> page.loadBalancers().forEach(lb ->
                all.add(new LoadBalancer(lb.loadBalancerArn(), lb.loadBalancerName(), lb.typeAsString(), lb.dnsName(),
                        lb.vpcId(), Map.of(), lb.availabilityZones().stream().map(zone -> zone.subnetId())
                        .filter(java.util.Objects::nonNull).toList()))));
        return all;
    }

    /** A load balancer's listeners, without their tags ({@link #tags}). */
    public List<LoadBalancerListener> listeners(String loadBalancerArn) {
        List<LoadBalancerListener> all = new ArrayList<>();
        elb.describeListenersPaginator(request -> request.loadBalancerArn(loadBalancerArn))
                .forEach(page -> page.listeners().forEach(listener -> all.add(new LoadBalancerListener(
                        listener.listenerArn(), listener.loadBalancerArn(), listener.port(), listener.protocolAsString(),
                        forwardTargets(listener.defaultActions()), Map.of()))));
        return all;
    }

    public Optional<TargetGroup> targetGroup(String arn) {
        try {
            return elb.describeTargetGroups(request -> request.targetGroupArns(arn)).targetGroups().stream()
                    .findFirst().map(group -> toTargetGroup(group, Map.of()));
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every target group of the account and Region, without its tags ({@link #tags}). */
    public List<TargetGroup> targetGroups() {
        List<TargetGroup> all = new ArrayList<>();
        elb.describeTargetGroupsPaginator(request -> { })
                .forEach(page -> page.targetGroups().forEach(group -> all.add(toTargetGroup(group, Map.of()))));
        return all;
    }

    /** An {@code alb}-type TCP target group, without its ALB yet ({@link #registerTarget}). */
    public TargetGroup createAlbTargetGroup(String name, String vpcId, int albPort, Map<String, String> tags) {
        var group = elb.createTargetGroup(request -> request.name(name).protocol(ProtocolEnum.TCP).port(albPort)
                .vpcId(vpcId).targetType(TargetTypeEnum.ALB).tags(toTags(tags))).targetGroups().get(0);
        return toTargetGroup(group, tags);
    }

    /** A target group of {@code targetType} (a drain's bridge copies the service's own group's settings). */
    public TargetGroup createTargetGroup(String name, String vpcId, String protocol, int port, String targetType,
                                         Map<String, String> tags) {
        var group = elb.createTargetGroup(request -> request.name(name).protocol(protocol).port(port).vpcId(vpcId)
                .targetType(targetType).tags(toTags(tags))).targetGroups().get(0);
        return toTargetGroup(group, tags);
    }

    /** The targets of a group that take or are about to take traffic (healthy, initial), as {@code id:port}. */
    public List<String> servingTargets(String targetGroupArn) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(targetGroupArn)).targetHealthDescriptions()
                .stream().filter(description -> SERVING.contains(description.targetHealth().stateAsString()))
                .map(description -> TargetGroup.target(description.target().id(), description.target().port()))
                .toList();
    }

    public void registerTarget(String targetGroupArn, String id, int port) {
        elb.registerTargets(request -> request.targetGroupArn(targetGroupArn).targets(target -> target.id(id).port(port)));
    }

    /** The targets registered in a target group, as {@code id:port}. */
    public List<String> targets(String targetGroupArn) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(targetGroupArn)).targetHealthDescriptions()
                .stream().map(description -> TargetGroup.target(description.target().id(), description.target().port()))
                .toList();
    }

    public LoadBalancerListener createTcpListener(String nlbArn, int port, String targetGroupArn, Map<String, String> tags) {
        Listener listener = elb.createListener(request -> request.loadBalancerArn(nlbArn).protocol(ProtocolEnum.TCP)
                .port(port).tags(toTags(tags))
                .defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)))
                .listeners().get(0);
        return new LoadBalancerListener(listener.listenerArn(), nlbArn, port, "TCP", List.of(targetGroupArn), tags);
    }

    public void tag(String arn, Map<String, String> tags) {
        elb.addTags(request -> request.resourceArns(arn).tags(toTags(tags)));
    }

    public void deleteListener(String arn) {
        try {
            elb.deleteListener(request -> request.listenerArn(arn));
        } catch (ListenerNotFoundException e) {
            // already gone: the goal of the call
        }
    }

    public void deleteTargetGroup(String arn) {
        try {
            elb.deleteTargetGroup(request -> request.targetGroupArn(arn));
        } catch (TargetGroupNotFoundException e) {
            // already gone
        }
    }

    /** The tags of load balancers, listeners and target groups, in any mix: 20 ARNs a DescribeTags call. */
    Map<String, Map<String, String>> tags(List<String> arns) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (List<String> chunk : Batches.of(arns, TAGS_BATCH)) {
            elb.describeTags(request -> request.resourceArns(chunk)).tagDescriptions().forEach(description -> {
                Map<String, String> map = new HashMap<>();
                description.tags().forEach(tag -> map.put(tag.key(), tag.value()));
                tags.put(description.resourceArn(), map);
            });
        }
        return tags;
    }

    private static List<String> forwardTargets(List<Action> actions) {
        Set<String> targets = new LinkedHashSet<>();
        for (Action action : actions) {
            if (action.targetGroupArn() != null) {
                targets.add(action.targetGroupArn());
            } else if (action.forwardConfig() != null) {
                action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).forEach(targets::add);
            }
        }
        return List.copyOf(targets);
    }

    private static TargetGroup toTargetGroup(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup group,
                                             Map<String, String> tags) {
        return new TargetGroup(group.targetGroupArn(), group.targetGroupName(), group.protocolAsString(),
                group.port() == null ? 0 : group.port(), group.vpcId(), group.targetTypeAsString(),
                group.loadBalancerArns(), tags, List.of());
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build())
                .toList();
    }
}
