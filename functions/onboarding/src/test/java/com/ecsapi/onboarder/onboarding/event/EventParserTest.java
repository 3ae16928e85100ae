package com.ecsapi.onboarder.onboarding.event;

import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventParserTest {

    private static final String SERVICE = "arn:aws:ecs:us-east-1:111122223333:service/prod/orders";

    private static String sample() throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/events/cloudtrail-create-service.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String cloudTrail(String eventName, String requestParameters, String extra) {
        return "{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"account\":\"111122223333\","
                + "\"region\":\"us-east-1\",\"detail\":{\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\","
                + "\"requestParameters\":" + requestParameters + ",\"responseElements\":null" + extra + "}}";
    }

    @Test
    void createServiceNamesTheCreatedServiceAndItsCluster() throws IOException {
        Intent.Reconcile intent = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(sample()));
        assertEquals(SERVICE, intent.service().serviceArn());
        assertEquals("arn:aws:ecs:us-east-1:111122223333:cluster/prod", intent.service().cluster());
        assertEquals("CreateService", intent.trigger());
    }

    @Test
    void deleteServiceByNameBuildsTheArnFromRegionAccountAndCluster() {
        Intent.Reconcile intent = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                cloudTrail("DeleteService", "{\"cluster\":\"prod\",\"service\":\"orders\"}", "")));
        assertEquals(SERVICE, intent.service().serviceArn());
        assertEquals("prod", intent.service().cluster());
    }

    @Test
    void updateServiceWithoutClusterUsesTheDefaultCluster() {
        Intent.Reconcile intent = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                cloudTrail("UpdateService", "{\"service\":\"orders\"}", "")));
        assertEquals("arn:aws:ecs:us-east-1:111122223333:service/default/orders", intent.service().serviceArn());
    }

    @Test
    void tagEventsOfServicesReconcileAndOfOtherResourcesAreSkipped() {
        Intent.Reconcile tag = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                cloudTrail("TagResource", "{\"resourceArn\":\"" + SERVICE + "\"}", "")));
        assertEquals("prod", tag.service().cluster());
        Intent.Skip skip = assertInstanceOf(Intent.Skip.class, EventParser.parse(cloudTrail("UntagResource",
                "{\"resourceArn\":\"arn:aws:ecs:us-east-1:111122223333:cluster/prod\"}", "")));
        assertEquals("IgnoredEvent", skip.reason());
    }

    @Test
    void failedCallsAreSkippedWithTheirErrorCode() {
        Intent.Skip skip = assertInstanceOf(Intent.Skip.class, EventParser.parse(cloudTrail("CreateService",
                "{\"serviceName\":\"orders\"}", ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"no\"")));
        assertEquals("FailedCall", skip.reason());
        assertEquals("CreateService failed with AccessDenied: no", skip.detail());
    }

    @Test
    void nativeServiceActionNamesTheServiceInResources() {
        Intent.Reconcile intent = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[\"" + SERVICE + "\"],"
                        + "\"detail\":{\"eventName\":\"SERVICE_STEADY_STATE\"}}"));
        assertEquals(SERVICE, intent.service().serviceArn());
        assertEquals("prod", intent.service().cluster());
    }

    @Test
    void sweepMessagesReconcileTheirService() {
        Intent.Reconcile intent = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                "{\"source\":\"ecs-api-onboarder.sweep\",\"detail-type\":\"Reconcile Service\","
                        + "\"detail\":{\"serviceArn\":\"" + SERVICE + "\",\"clusterArn\":null}}"));
        assertEquals(SERVICE, intent.service().serviceArn());
        assertEquals("prod", intent.service().cluster());
        assertEquals("Sweep", intent.trigger());
        assertEquals(List.of(), intent.apiIds());

        Intent.Reconcile hinted = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                "{\"source\":\"ecs-api-onboarder.sweep\",\"detail-type\":\"Reconcile Service\","
                        + "\"detail\":{\"serviceArn\":\"" + SERVICE + "\",\"apiIds\":[\"abc\",\"h1\"]}}"));
        assertEquals(List.of("abc", "h1"), hinted.apiIds());
    }

    @Test
    void garbageIsMalformed() {
        assertInstanceOf(Intent.Malformed.class, EventParser.parse("{not json"));
        for (String empty : new String[]{null, "", "   ", "\n\t "}) {
            assertEquals("empty message body", assertInstanceOf(Intent.Malformed.class, EventParser.parse(empty)).detail());
        }
        assertInstanceOf(Intent.Malformed.class, EventParser.parse("null"));
        assertInstanceOf(Intent.Malformed.class, EventParser.parse("[1]"));
        assertInstanceOf(Intent.Malformed.class, EventParser.parse("{\"source\":\"aws.s3\"}"));
        assertInstanceOf(Intent.Malformed.class, EventParser.parse(
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[]}"));
        assertInstanceOf(Intent.Malformed.class, EventParser.parse(cloudTrail("DeleteService", "{}", "")));
    }

    @Test
    void aServiceIsNamedOnlyByAWellFormedArnOrName() {
        for (String service : List.of("../../orders", "orders/../x", "a b", "x".repeat(256), "",
                "arn:aws:ecs:us-east-1:111122223333:service/prod/../orders", "arn:aws:ecs:us-east-1:1:service/a/b/c")) {
            assertInstanceOf(Intent.Malformed.class, EventParser.parse(cloudTrail("DeleteService",
                    "{\"service\":" + Json.write(service) + "}", "")), service);
        }
        assertEquals(SERVICE, assertInstanceOf(Intent.Reconcile.class, EventParser.parse(cloudTrail("DeleteService",
                "{\"service\":\"" + SERVICE + "\"}", ""))).service().serviceArn());
        assertTrue(ServiceRef.isServiceArn("arn:aws:ecs:us-east-1:111122223333:service/orders"), "the old ARN format");
        assertFalse(ServiceRef.isServiceArn("arn:aws:ecs:us-east-1:111122223333:cluster/prod"));
    }

    @Test
    void aSweepMessageNamesOnlyWellFormedApiIds() {
        Intent.Reconcile reconcile = assertInstanceOf(Intent.Reconcile.class, EventParser.parse(
                "{\"source\":\"ecs-api-onboarder.sweep\",\"detail\":{\"serviceArn\":\"" + SERVICE
                        + "\",\"apiIds\":[\"a1b2c3d4e5\",\"../x\",\"\",42,null,\"ABC\"]}}"));
        assertEquals(List.of("a1b2c3d4e5"), reconcile.apiIds());
    }

    @Test
    void otherCallsAndDetailTypesAreIgnored() {
        assertEquals("IgnoredEvent", assertInstanceOf(Intent.Skip.class, EventParser.parse(
                cloudTrail("RunTask", "{}", ""))).reason());
        assertEquals("IgnoredEvent", assertInstanceOf(Intent.Skip.class, EventParser.parse(
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\"}")).reason());
    }

    @Test
    void aDrainMessageNamesTheNlbAndOnlyAWellFormedNlbArnIsAccepted() {
        String nlb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/pool-a/0123456789abcdef";

        assertEquals(new Intent.Drain(nlb), EventParser.parse(EventParser.drainMessage(nlb)));
        for (String wrong : List.of("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/alb/0123",
                "", "../x", nlb + "/extra")) {
            assertInstanceOf(Intent.Malformed.class, EventParser.parse(EventParser.drainMessage(wrong)), wrong);
        }
        assertInstanceOf(Intent.Malformed.class,
                EventParser.parse("{\"source\":\"ecs-api-onboarder.drain\",\"detail\":{}}"));
    }
}
