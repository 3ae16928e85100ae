package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;

/** The tag contract: what a service asks for. */
public final class DesiredState {

    public static final String PATH_TAG = "apigw:path";
    public static final String API_TAG = "apigw:api";
    public static final String STAGE_TAG = "apigw:stage";
    public static final String POOL_TAG = "apigw:pool";
    private static final java.util.regex.Pattern VALID_PATH = java.util.regex.Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final int MAX_PATH_LENGTH = 512;

    private DesiredState() {
    }

    /** {@code service} is {@code null} when ECS does not know it (any more). */
    public static Target of(EcsService service, ServiceBackend backend, Defaults defaults) {
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
        String apiId = service.tags().getOrDefault(API_TAG, defaults.apiId());
        if (apiId == null || apiId.isBlank()) {
            return new Target.Refused(RejectReason.NoApi, "no " + API_TAG + " tag and no DEFAULT_API_ID", path);
        }
        String stage = service.tags().getOrDefault(STAGE_TAG, defaults.stage());
        String pool = service.tags().getOrDefault(POOL_TAG, defaults.pool());
        Pattern pattern = PatternChoice.choose(backend);
        return switch (pattern) {
            case Pattern.Unsupported unsupported ->
                    new Target.Refused(unsupported.reason(), unsupported.detail(), path);
            case Pattern.SharedNlbToTargetGroup direct ->
                    new Target.Present(new RouteSpec(apiId, stage, path), pool, pattern, direct.targetGroup().vpcId());
            case Pattern.SharedNlbToAlb viaAlb ->
                    new Target.Present(new RouteSpec(apiId, stage, path), pool, pattern, viaAlb.alb().vpcId());
        };
    }
}
