package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** ECS reads: services with their tags (DescribeServices include=TAGS), clusters and service lists. */
public final class EcsServices {

    private static final int DESCRIBE_BATCH = 10;
    private final EcsClient ecs;

    public EcsServices(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** The service as ECS knows it now; empty when neither it nor its cluster exists. */
    public Optional<EcsService> describe(ServiceRef ref) {
        return describe(ref.cluster(), List.of(ref.serviceArn())).stream().findFirst();
    }

    /**
     * Each of these services as ECS knows it now (empty when neither it nor its cluster exists), one
     * DescribeServices per cluster and 10 services. A cluster whose call fails is left out: describing its
     * services one by one lets the failure reach the message it belongs to.
     */
    public Map<ServiceRef, Optional<EcsService>> describeAll(List<ServiceRef> refs) {
        Map<String, List<ServiceRef>> byCluster = new LinkedHashMap<>();
        refs.forEach(ref -> byCluster.computeIfAbsent(ref.cluster(), cluster -> new ArrayList<>()).add(ref));
        Map<ServiceRef, Optional<EcsService>> described = new LinkedHashMap<>();
        byCluster.forEach((cluster, inCluster) -> {
            List<EcsService> services;
            try {
                services = describe(cluster, inCluster.stream().map(ServiceRef::serviceArn).distinct().toList());
            } catch (SdkException e) {
                return;
            }
            inCluster.forEach(ref -> described.put(ref, services.stream()
                    .filter(service -> service.name().equals(name(ref))).findFirst()));
        });
        return described;
    }

    /** A service's name: the last part of its ARN (ECS answers a service by name within its cluster). */
    private static String name(ServiceRef ref) {
        return ref.serviceArn().substring(ref.serviceArn().lastIndexOf('/') + 1);
    }

    public List<EcsService> describe(String cluster, List<String> serviceArns) {
        List<EcsService> services = new ArrayList<>();
        for (List<String> chunk : Batches.of(serviceArns, DESCRIBE_BATCH)) {
            try {
                ecs.describeServices(request -> request.cluster(cluster).services(chunk).include(ServiceField.TAGS))
                        .services().forEach(service -> services.add(toService(service)));
            } catch (ClusterNotFoundException e) {
                return List.of();
            }
        }
        return services;
    }

    /** The configured clusters, or every cluster of the account and Region when none is configured. */
    public List<String> clusters(List<String> configured) {
        if (!configured.isEmpty()) {
            return configured;
        }
        List<String> clusters = new ArrayList<>();
        ecs.listClustersPaginator(request -> { }).forEach(page -> clusters.addAll(page.clusterArns()));
        return clusters;
    }

    public List<String> serviceArns(String cluster) {
        List<String> arns = new ArrayList<>();
        try {
            ecs.listServicesPaginator(request -> request.cluster(cluster)).forEach(page -> arns.addAll(page.serviceArns()));
        } catch (ClusterNotFoundException e) {
            return List.of();
        }
        return arns;
    }

    private static EcsService toService(Service service) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : service.tags()) {
            tags.put(tag.key(), tag.value());
        }
        List<String> targetGroups = service.loadBalancers().stream().map(LoadBalancer::targetGroupArn)
                .filter(Objects::nonNull).toList();
        List<String> registries = service.serviceRegistries().stream().map(ServiceRegistry::registryArn)
                .filter(Objects::nonNull).toList();
        List<String> subnets = service.networkConfiguration() == null
                || service.networkConfiguration().awsvpcConfiguration() == null ? List.of()
                : service.networkConfiguration().awsvpcConfiguration().subnets();
        return new EcsService(service.serviceArn(), service.serviceName(), service.clusterArn(), service.status(),
                tags, targetGroups, registries, subnets);
    }
}
