package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;

/** The tag contract: what a service asks for. */
public final class DesiredState {

    public static final String PATH_TAG = "apigw:path";
    public static final String API_TAG = "apigw:api";
    public static final String STAGE_TAG = "apigw:stage";
    public static final String POOL_TAG = "apigw:pool";
    /** The certificate's domain, sent as TLS server name when the service's own listener is HTTPS/TLS. */
    public static final String TLS_SERVER_NAME_TAG = "apigw:tls-server-name";
    private static final java.util.regex.Pattern VALID_PATH = java.util.regex.Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final int MAX_PATH_LENGTH = 512;

    private DesiredState() {
    }

    /** The API the service asks for: its {@code apigw:api} tag, else the default ({@code null} when neither). */
    public static String apiId(EcsService service, Defaults defaults) {
        String apiId = service == null ? defaults.apiId() : service.tags().getOrDefault(API_TAG, defaults.apiId());
        return apiId == null || apiId.isBlank() ? null : apiId;
    }

    /** The stage the service asks for: its {@code apigw:stage} tag, else the default. */
    public static String stage(EcsService service, Defaults defaults) {
        return service == null ? defaults.stage() : service.tags().getOrDefault(STAGE_TAG, defaults.stage());
    }

    /**
     * {@code service} is {@code null} when ECS does not know it (any more); {@code landscape} describes the API
     * {@link #apiId} names.
     */
    public static Target of(EcsService service, ServiceBackend backend, IntegrationLandscape landscape,
                            PatternSettings settings, Defaults defaults) {
        if (service == null || !service.active()) {
            return new Target.Absent(service == null ? "service not found" : "service is " + service.status());
        }
        String path = service.tags().get(PATH_TAG);
        if (path == null) {
            return new Target.Absent("no " + PATH_TAG + " tag");
        }
        if (path.length() > MAX_PATH_LENGTH || !VALID_PATH.matcher(path).matches()) {
            return new Target.Refused(RejectReason.InvalidPath, "'" + path
                    + "' is not a base path like /orders or /payments/v2 (letters, digits, . _ ~ -)", path);
        }
        String apiId = apiId(service, defaults);
        if (apiId == null) {
            return new Target.Refused(RejectReason.NoApi, "no " + API_TAG + " tag and no DEFAULT_API_ID", path);
        }
        String stage = stage(service, defaults);
        String pool = service.tags().getOrDefault(POOL_TAG, defaults.pool());
        Pattern pattern = PatternChoice.choose(backend, landscape, settings);
        if (pattern instanceof Pattern.Unsupported unsupported) {
            return new Target.Refused(unsupported.reason(), unsupported.detail(), path);
        }
        return new Target.Present(new RouteSpec(apiId, stage, path), pool, pattern, vpcId(pattern));
    }

    private static String vpcId(Pattern pattern) {
        return switch (pattern) {
            case Pattern.SharedNlbToTargetGroup p -> p.targetGroup().vpcId();
            case Pattern.SharedNlbToAlb p -> p.alb().vpcId();
            case Pattern.DedicatedNlb p -> p.nlb().vpcId();
            case Pattern.DedicatedNlbAwaitingVpcLink p -> p.nlb().vpcId();
            case Pattern.HttpApiToLoadBalancer p -> p.loadBalancer().vpcId();
            case Pattern.HttpApiToCloudMap ignored -> null;
            case Pattern.RestApiVpcLinkV2 p -> p.loadBalancer().vpcId();
            case Pattern.Unsupported ignored -> null;
        };
    }
}
