package com.ecsapi.onboarder.onboarding.event;

/**
 * Which ECS service to reconcile: its full ARN (the ownership key) and the cluster to describe it in.
 */
public record ServiceRef(String serviceArn, String cluster) {

    /**
     * The ARN of a service named in an event: kept when it is an ARN already, else built from the event's
     * region, account and cluster (the long ARN format, {@code service/<cluster>/<name>}).
     */
    public static ServiceRef of(String service, String cluster, String region, String account) {
        String clusterName = clusterName(cluster);
        if (service.startsWith("arn:")) {
            return new ServiceRef(service, cluster != null ? cluster : clusterFromServiceArn(service));
        }
        return new ServiceRef("arn:aws:ecs:" + region + ":" + account + ":service/" + clusterName + "/" + service,
                cluster != null ? cluster : clusterName);
    }

    public static boolean isServiceArn(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":service/");
    }

    static String clusterName(String cluster) {
        if (cluster == null || cluster.isBlank()) {
            return "default";
        }
        int slash = cluster.lastIndexOf('/');
        return slash >= 0 ? cluster.substring(slash + 1) : cluster;
    }

    /** {@code service/<cluster>/<name>} names its cluster; the old {@code service/<name>} format does not. */
    static String clusterFromServiceArn(String serviceArn) {
        String resource = serviceArn.substring(serviceArn.indexOf(":service/") + ":service/".length());
        int slash = resource.indexOf('/');
        return slash > 0 ? resource.substring(0, slash) : "default";
    }
}
