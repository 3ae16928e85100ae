package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class DesiredStateTest {

    private static final Defaults DEFAULTS = new Defaults("api-default", "prod", "default");
    private static final TargetGroup TCP = Fixtures.tcpGroup("orders", "vpc-1");
    private static final ServiceBackend BACKEND = new ServiceBackend(TCP.arn(), TCP, List.of(), List.of());
    private static final IntegrationLandscape REST = new IntegrationLandscape(ApiKind.REST, List.of(), List.of());
    private static final PatternSettings SETTINGS = PatternSettings.defaults();

    @Test
    void tagsWinOverDefaults() {
        Target.Present present = assertInstanceOf(Target.Present.class, DesiredState.of(service(Map.of(
                "apigw:path", "/payments/v2", "apigw:api", "api-1", "apigw:stage", "beta", "apigw:pool", "blue")),
                BACKEND, REST, SETTINGS, DEFAULTS));
        assertEquals(new RouteSpec("api-1", "beta", "/payments/v2"), present.route());
        assertEquals("blue", present.pool());
        assertEquals("vpc-1", present.vpcId());

        Target.Present defaults = assertInstanceOf(Target.Present.class,
                DesiredState.of(service(Map.of("apigw:path", "/orders")), BACKEND, REST, SETTINGS, DEFAULTS));
        assertEquals(new RouteSpec("api-default", "prod", "/orders"), defaults.route());
        assertEquals("default", defaults.pool());
    }

    @Test
    void goneOrNotOptedInServicesWantNothing() {
        assertInstanceOf(Target.Absent.class, DesiredState.of(null, BACKEND, REST, SETTINGS, DEFAULTS));
        assertInstanceOf(Target.Absent.class, DesiredState.of(service(Map.of()), BACKEND, REST, SETTINGS, DEFAULTS));
        EcsService draining = new EcsService(Fixtures.SERVICE, "orders", "c", "DRAINING", Map.of("apigw:path", "/o"), List.of());
        assertInstanceOf(Target.Absent.class, DesiredState.of(draining, BACKEND, REST, SETTINGS, DEFAULTS));
    }

    @Test
    void invalidPathsAndMissingApisAreRefused() {
        for (String path : List.of("orders", "/", "/orders/", "/a//b", "/{proxy+}", "/a b", "/ä")) {
            assertEquals(RejectReason.InvalidPath, assertInstanceOf(Target.Refused.class,
                    DesiredState.of(service(Map.of("apigw:path", path)), BACKEND, REST, SETTINGS, DEFAULTS)).reason(), path);
        }
        assertEquals(RejectReason.NoApi, assertInstanceOf(Target.Refused.class, DesiredState.of(
                service(Map.of("apigw:path", "/orders")), BACKEND, REST, SETTINGS, new Defaults(null, "prod", "default"))).reason());
    }
}
