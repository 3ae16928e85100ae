package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.pool.PoolTag;

/** The tag contract: what a service asks for with its tags, each value checked before anything is written. */
public final class TagContract {

    public static final String PATH_TAG = "apigw:path";
    public static final String API_TAG = "apigw:api";
    public static final String STAGE_TAG = "apigw:stage";
    /** The certificate's domain, sent as TLS server name when the service's own listener is HTTPS/TLS. */
    public static final String TLS_SERVER_NAME_TAG = "apigw:tls-server-name";
    /** API Gateway: "Resource's path part only allow a-zA-Z0-9._-" (braces only for its own path variables). */
    private static final java.util.regex.Pattern PATH_SEGMENT = java.util.regex.Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_PATH_LENGTH = 512;
    /** Letters and digits only (AWS makes ids of 10, the length is not pinned): nothing else can reach a URL path. */
    private static final java.util.regex.Pattern API_ID = java.util.regex.Pattern.compile("[a-z0-9]{1,64}");
    /** REST and HTTP API stage names: letters, digits, - and _, at most 128; HTTP APIs also have $default. */
    private static final java.util.regex.Pattern STAGE = java.util.regex.Pattern.compile("\\$default|[A-Za-z0-9_-]{1,128}");
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private TagContract() {
    }

    /** True for what API Gateway names an API with: lower-case letters and digits. */
    public static boolean isApiId(String apiId) {
        return apiId != null && API_ID.matcher(apiId).matches();
    }

    /** True for what API Gateway names a stage with (any tag value may name one for a removal). */
    public static boolean isStageName(String stage) {
        return stage != null && STAGE.matcher(stage).matches();
    }

    /**
     * The API the service asks for: its {@code apigw:api} tag, else the default; {@code null} when neither is a
     * well-formed API id.
     */
    public static String apiId(EcsService service, Defaults defaults) {
        String apiId = service == null ? defaults.apiId() : service.tags().getOrDefault(API_TAG, defaults.apiId());
        return isApiId(apiId) ? apiId : null;
    }

    /** The stage the service asks for: its {@code apigw:stage} tag, else the default. */
    public static String stage(EcsService service, Defaults defaults) {
        return service == null ? defaults.stage() : service.tags().getOrDefault(STAGE_TAG, defaults.stage());
    }

    /**
     * {@code service} is {@code null} when ECS does not know it (any more); {@code landscape} describes the API
     * {@link #apiId} names. Every tag is checked as API Gateway would check it, before anything is written.
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
        if (!isBasePath(path)) {
            return new Target.Refused(RejectReason.InvalidPath, "'" + path + "' is not a base path like /orders or"
                    + " /payments/v2 (segments of letters, digits, . _ -; no . or .. segment; at most "
                    + MAX_PATH_LENGTH + " characters)", path);
        }
        String apiTag = service.tags().get(API_TAG);
        if (apiTag != null && !isApiId(apiTag)) {
            return new Target.Refused(RejectReason.InvalidTag, API_TAG + " '" + apiTag
                    + "' is not an API Gateway API id (lower-case letters and digits)", path);
        }
        String apiId = apiId(service, defaults);
        if (apiId == null) {
            return new Target.Refused(RejectReason.NoApi, "no " + API_TAG + " tag and no DEFAULT_API_ID", path);
        }
        String stage = stage(service, defaults);
        if (!isStageName(stage)) {
            return new Target.Refused(RejectReason.InvalidTag, STAGE_TAG + " '" + stage
                    + "' is not a stage name (1 to 128 letters, digits, - and _, or $default)", path);
        }
        if (landscape.apiKind() != ApiKind.MISSING && !landscape.stages().contains(stage)) {
            return new Target.Refused(RejectReason.UnknownStage, "API " + apiId + " has no stage '" + stage
                    + "'; the onboarder deploys only to existing stages and never creates one", path);
        }
        String serverName = service.tags().get(TLS_SERVER_NAME_TAG);
        if (serverName != null && (serverName.length() > 253 || !HOST_NAME.matcher(serverName).matches())) {
            return new Target.Refused(RejectReason.InvalidTag, TLS_SERVER_NAME_TAG + " '" + serverName
                    + "' is not a host name", path);
        }
        String pool = service.tags().getOrDefault(PoolTag.KEY, defaults.pool());
        Pattern pattern = PatternChoice.choose(backend, landscape, settings);
        if (pattern instanceof Pattern.Unsupported unsupported) {
            return new Target.Refused(unsupported.reason(), unsupported.detail(), path);
        }
        return new Target.Present(new RouteSpec(apiId, stage, path), pool, pattern, vpcId(pattern));
    }

    private static boolean isBasePath(String path) {
        if (path.length() < 2 || path.length() > MAX_PATH_LENGTH || path.charAt(0) != '/' || path.endsWith("/")) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (!PATH_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
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
