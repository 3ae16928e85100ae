package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which integration pattern a service gets: one pure function of what stands behind the service, the
 * landscape (API kind, VPC links) and the configuration. The table in the module README lists every branch.
 */
public final class PatternChoice {

    private static final Set<String> TCP_PROTOCOLS = Set.of("TCP", "TCP_UDP");
    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");

    /** The service's own load balancer and the listener of it that forwards to the service's target group. */
    private record Front(LoadBalancer loadBalancer, LoadBalancerListener listener) {
    }

    private PatternChoice() {
    }

    public static Pattern choose(ServiceBackend backend, IntegrationLandscape landscape, PatternSettings settings) {
        return switch (landscape.apiKind()) {
            case MISSING -> new Pattern.Unsupported(RejectReason.NoApi, "the API is neither a REST nor an HTTP API");
            case HTTP -> httpApi(backend, landscape, settings);
            case REST -> restApi(backend, landscape, settings);
        };
    }

    private static Pattern httpApi(ServiceBackend backend, IntegrationLandscape landscape, PatternSettings settings) {
        Optional<Front> front = backend.targetGroup() == null ? Optional.empty() : front(backend);
        if (front.isPresent()) {
            LoadBalancer lb = front.get().loadBalancer();
            Optional<VpcLinkV2> link = vpcLinkV2(landscape, settings, lb.subnetIds());
            if (link.isEmpty()) {
                return noVpcLinkV2(lb.type() + " " + lb.name());
            }
            return tls(front.get(), backend).<Pattern>map(serverName -> new Pattern.HttpApiToLoadBalancer(lb,
                    front.get().listener(), link.get(), serverName.isEmpty() ? null : serverName))
                    .orElseGet(() -> noServerName(front.get()));
        }
        if (backend.targetGroupArn() == null && !backend.registryArns().isEmpty()) {
            return vpcLinkV2(landscape, settings, backend.taskSubnetIds())
                    .<Pattern>map(link -> new Pattern.HttpApiToCloudMap(backend.registryArns().get(0), link))
                    .orElseGet(() -> noVpcLinkV2("the service's tasks " + backend.taskSubnetIds()));
        }
        return new Pattern.Unsupported(backend.targetGroupArn() == null ? RejectReason.NoLoadBalancer
                : RejectReason.UnsupportedTargetGroup, backend.targetGroupArn() == null
                ? "an HTTP API needs the service behind its own ALB/NLB or registered in Cloud Map; it has neither"
                : "an HTTP API needs a listener of the service's own ALB/NLB forwarding to its target group; none does");
    }

    private static Pattern restApi(ServiceBackend backend, IntegrationLandscape landscape, PatternSettings settings) {
        if (backend.targetGroupArn() == null) {
            return new Pattern.Unsupported(RejectReason.NoLoadBalancer, backend.registryArns().isEmpty()
                    ? "the service has no target group"
                    : "the service has no target group and a REST API cannot reach Cloud Map: use an HTTP API");
        }
        TargetGroup targetGroup = backend.targetGroup();
        if (targetGroup == null) {
            return new Pattern.Unsupported(RejectReason.NoLoadBalancer,
                    "target group " + backend.targetGroupArn() + " does not exist");
        }
        List<LoadBalancer> attached = backend.attachedLoadBalancers();
        if (attached.isEmpty()) {
            return TCP_PROTOCOLS.contains(targetGroup.protocol())
                    ? new Pattern.SharedNlbToTargetGroup(targetGroup)
                    : new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup, "target group "
                    + targetGroup.name() + " is " + targetGroup.protocol()
                    + " and attached to no load balancer: a shared NLB listener needs a TCP target group");
        }
        Optional<Front> front = front(backend);
        if (settings.preferRestVpcLinkV2() && front.isPresent()) {
            Optional<VpcLinkV2> link = vpcLinkV2(landscape, settings, front.get().loadBalancer().subnetIds());
            if (link.isPresent()) {
                return tls(front.get(), backend).<Pattern>map(serverName -> new Pattern.RestApiVpcLinkV2(
                        front.get().loadBalancer(), front.get().listener(), link.get(),
                        serverName.isEmpty() ? null : serverName)).orElseGet(() -> noServerName(front.get()));
            }
        }
        Optional<LoadBalancer> alb = attached.stream().filter(LoadBalancer::application)
                .min(Comparator.comparing(LoadBalancer::arn));
        if (alb.isPresent()) {
            return listenerTo(alb.get(), targetGroup, backend.attachedListeners())
                    .<Pattern>map(listener -> new Pattern.SharedNlbToAlb(targetGroup, alb.get(), listener.port()))
                    .orElseGet(() -> new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup,
                            "ALB " + alb.get().name() + " has no listener forwarding to " + targetGroup.name()));
        }
        LoadBalancer nlb = attached.stream().filter(LoadBalancer::network).min(Comparator.comparing(LoadBalancer::arn))
                .orElseThrow();
        Optional<LoadBalancerListener> listener = listenerTo(nlb, targetGroup, backend.attachedListeners());
        if (listener.isEmpty()) {
            return new Pattern.Unsupported(RejectReason.UnsupportedTargetGroup,
                    "NLB " + nlb.name() + " has no listener forwarding to " + targetGroup.name());
        }
        int port = listener.get().port();
        List<VpcLink> links = landscape.restVpcLinks().stream().filter(link -> link.targetArns().contains(nlb.arn()))
                .sorted(Comparator.comparing(VpcLink::id)).toList();
        Optional<VpcLink> available = links.stream().filter(VpcLink::available).findFirst();
        if (available.isPresent()) {
            return new Pattern.DedicatedNlb(nlb, port, available.get());
        }
        Optional<VpcLink> pending = links.stream().filter(link -> "PENDING".equals(link.status())).findFirst();
        if (pending.isPresent()) {
            return new Pattern.DedicatedNlbAwaitingVpcLink(nlb, port, pending.get());
        }
        if (!links.isEmpty()) {
            return new Pattern.Unsupported(RejectReason.NoVpcLink, "VPC link " + links.get(0).id() + " targeting NLB "
                    + nlb.name() + " is " + links.get(0).status() + ": delete or repair it");
        }
        return settings.createVpcLinks()
                ? new Pattern.DedicatedNlbAwaitingVpcLink(nlb, port, null)
                : new Pattern.Unsupported(RejectReason.NoVpcLink, "target group " + targetGroup.name()
                + " is served by its own NLB " + nlb.name() + ", which no VPC link targets, and CREATE_VPC_LINKS is"
                + " false: ask the platform team for a VPC link to it");
    }

    /** The service's own load balancer (ALB first) and its lowest listener forwarding to the target group. */
    private static Optional<Front> front(ServiceBackend backend) {
        return backend.attachedLoadBalancers().stream()
                .sorted(Comparator.comparing((LoadBalancer lb) -> !lb.application()).thenComparing(LoadBalancer::arn))
                .flatMap(lb -> listenerTo(lb, backend.targetGroup(), backend.attachedListeners())
                        .map(listener -> new Front(lb, listener)).stream())
                .findFirst();
    }

    /** The load balancer's lowest listener forwarding to the target group. */
    private static Optional<LoadBalancerListener> listenerTo(LoadBalancer lb, TargetGroup targetGroup, List<LoadBalancerListener> listeners) {
        return listeners.stream()
                .filter(listener -> listener.loadBalancerArn().equals(lb.arn()))
                .filter(listener -> listener.targetGroupArns().contains(targetGroup.arn()))
                .min(Comparator.comparingInt(LoadBalancerListener::port));
    }

    /** The server name to verify: "" for a plain listener, the tag's value for HTTPS/TLS, empty when missing. */
    private static Optional<String> tls(Front front, ServiceBackend backend) {
        if (!TLS_PROTOCOLS.contains(front.listener().protocol())) {
            return Optional.of("");
        }
        return Optional.ofNullable(backend.tlsServerName()).filter(name -> !name.isBlank());
    }

    private static Pattern noServerName(Front front) {
        return new Pattern.Unsupported(RejectReason.NoTlsServerName, "listener " + front.listener().protocol() + ":"
                + front.listener().port() + " of " + front.loadBalancer().name() + " terminates TLS: tag the service "
                + TagContract.TLS_SERVER_NAME_TAG + "=<the certificate's domain> (a plain HTTP request to an HTTPS"
                + " port is answered 400)");
    }

    private static Pattern noVpcLinkV2(String backend) {
        return new Pattern.Unsupported(RejectReason.NoVpcLink, "no AVAILABLE VPC link V2 shares a subnet with "
                + backend + " (VPC_LINK_V2_IDS restricts the candidates when set)");
    }

    /** The AVAILABLE VPC link V2 sharing a subnet with the backend (lowest id), among the configured ones if set. */
    private static Optional<VpcLinkV2> vpcLinkV2(IntegrationLandscape landscape, PatternSettings settings,
                                                 List<String> subnets) {
        return landscape.vpcLinksV2().stream()
                .filter(VpcLinkV2::available)
                .filter(link -> link.sharesASubnetWith(subnets))
                .filter(link -> settings.vpcLinkV2Ids().isEmpty() || settings.vpcLinkV2Ids().contains(link.id()))
                .min(Comparator.comparing(VpcLinkV2::id));
    }
}
