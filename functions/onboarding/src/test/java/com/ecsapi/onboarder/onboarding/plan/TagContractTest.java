package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class TagContractTest {

    private static final Defaults DEFAULTS = new Defaults("apidefault", "prod", "default");
    private static final TargetGroup TCP = Fixtures.tcpGroup("orders", "vpc-1");
    private static final ServiceBackend BACKEND = new ServiceBackend(TCP.arn(), TCP, List.of(), List.of());
    private static final IntegrationLandscape REST = new IntegrationLandscape(ApiKind.REST, Set.of("prod", "beta"), List.of(), List.of());
    private static final PatternSettings SETTINGS = PatternSettings.defaults();

    @Test
    void tagsWinOverDefaults() {
        Target.Present present = assertInstanceOf(Target.Present.class, TagContract.of(service(Map.of(
                "apigw:path", "/payments/v2", "apigw:api", "api0000001", "apigw:stage", "beta", "apigw:pool", "blue")),
                BACKEND, REST, SETTINGS, DEFAULTS));
        assertEquals(new RouteSpec("api0000001", "beta", "/payments/v2"), present.route());
        assertEquals("blue", present.pool());
        assertEquals("vpc-1", present.vpcId());

        Target.Present defaults = assertInstanceOf(Target.Present.class,
                TagContract.of(service(Map.of("apigw:path", "/orders")), BACKEND, REST, SETTINGS, DEFAULTS));
        assertEquals(new RouteSpec("apidefault", "prod", "/orders"), defaults.route());
        assertEquals("default", defaults.pool());
    }

    @Test
    void goneOrNotOptedInServicesWantNothing() {
        assertInstanceOf(Target.Absent.class, TagContract.of(null, BACKEND, REST, SETTINGS, DEFAULTS));
        assertInstanceOf(Target.Absent.class, TagContract.of(service(Map.of()), BACKEND, REST, SETTINGS, DEFAULTS));
        EcsService draining = new EcsService(Fixtures.SERVICE, "orders", "c", "DRAINING", Map.of("apigw:path", "/o"), List.of());
        assertInstanceOf(Target.Absent.class, TagContract.of(draining, BACKEND, REST, SETTINGS, DEFAULTS));
    }

    @Test
    void invalidPathsAndMissingApisAreRefused() {
        for (String path : List.of("orders", "/", "/orders/", "/a//b", "/{proxy+}", "/a b", "/ä")) {
            assertEquals(RejectReason.InvalidPath, assertInstanceOf(Target.Refused.class,
                    TagContract.of(service(Map.of("apigw:path", path)), BACKEND, REST, SETTINGS, DEFAULTS)).reason(), path);
        }
        assertEquals(RejectReason.NoApi, assertInstanceOf(Target.Refused.class, TagContract.of(
                service(Map.of("apigw:path", "/orders")), BACKEND, REST, SETTINGS, new Defaults(null, "prod", "default"))).reason());
    }

    @Test
    void pathsAreCheckedAsApiGatewayChecksThemBeforeAnythingIsWritten() {
        for (String path : List.of("/..", "/.", "/x/.", "/x/..", "/x/../y", "/orders~1", "/a:b", "/a%2Fb", "/a?b", "/a#b",
                "/{proxy}", "/a+", "/a$", "/a@b", "/a\tb", "/a\nb", "//", "/a/" + "b".repeat(600), "")) {
            assertEquals(RejectReason.InvalidPath, refusal(Map.of("apigw:path", path)), path);
        }
        for (String path : List.of("/orders", "/payments/v2", "/a.b", "/...", "/a_b-c", "/x/.well-known")) {
            assertInstanceOf(Target.Present.class, target(Map.of("apigw:path", path)), path);
        }
    }

    @Test
    void apiIdStageAndServerNameTagsAreCheckedBeforeAnythingIsWritten() {
        for (String api : List.of("", " ", "ABCDEFGHIJ", "abc/efghij", "../restapi", "a b c d e f", "abcde%2F..", "a".repeat(65))) {
            assertEquals(RejectReason.InvalidTag, refusal(Map.of("apigw:path", "/orders", "apigw:api", api)), api);
        }
        for (String stage : List.of("", " ", "prod stage", "prod/..", "x".repeat(129), "$latest", "pröd")) {
            assertEquals(RejectReason.InvalidTag, refusal(Map.of("apigw:path", "/orders", "apigw:stage", stage)), stage);
        }
        for (String name : List.of("", "evil.example.com/x", "a b", "host:443", "-bad.example.com", "x".repeat(64) + ".com")) {
            assertEquals(RejectReason.InvalidTag,
                    refusal(Map.of("apigw:path", "/orders", "apigw:tls-server-name", name)), name);
        }
        assertInstanceOf(Target.Present.class, target(Map.of("apigw:path", "/orders", "apigw:tls-server-name",
                "orders.internal.example.com")));
    }

    @Test
    void aStageTheApiDoesNotHaveIsRefusedNeverCreated() {
        assertEquals(RejectReason.UnknownStage, refusal(Map.of("apigw:path", "/orders", "apigw:stage", "staging")));
        assertEquals(RejectReason.UnknownStage, assertInstanceOf(Target.Refused.class, TagContract.of(
                service(Map.of("apigw:path", "/orders")), BACKEND, REST, SETTINGS,
                new Defaults("apidefault", "live", "default"))).reason(), "the default stage is checked too");
    }

    @Test
    void onlyWellFormedApiIdsAreLookedUp() {
        assertEquals("apidefault", TagContract.apiId(service(Map.of("apigw:path", "/o")), DEFAULTS));
        assertNull(TagContract.apiId(service(Map.of("apigw:api", "")), DEFAULTS));
        assertNull(TagContract.apiId(service(Map.of("apigw:api", "../x")), DEFAULTS));
    }

    private static Target target(Map<String, String> tags) {
        return TagContract.of(service(tags), BACKEND, REST, SETTINGS, DEFAULTS);
    }

    private static RejectReason refusal(Map<String, String> tags) {
        return assertInstanceOf(Target.Refused.class, target(tags)).reason();
    }
}
