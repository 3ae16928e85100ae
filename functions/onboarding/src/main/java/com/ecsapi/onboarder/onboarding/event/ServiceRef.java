package com.ecsapi.onboarder.onboarding.event;

/**
 * Which ECS service to reconcile: its full ARN (the ownership key) and the cluster to describe it in.
 */
public record ServiceRef(String serviceArn, String cluster) {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final java.util.regex.Pattern SERVICE_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{1,12}:service/([A-Za-z0-9_-]{1,255}/)?[A-Za-z0-9_-]{1,255}");

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

    /** A service ARN, old ({@code service/<name>}) or long ({@code service/<cluster>/<name>}) format. */
    public static boolean isServiceArn(String arn) {
        return arn != null && SERVICE_ARN.matcher(arn).matches();
    }

    /** What ECS accepts as a service name: up to 255 letters, digits, hyphens and underscores. */
    public static boolean isServiceName(String name) {
        return name != null && NAME.matcher(name).matches();
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
