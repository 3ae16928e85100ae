package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** One test per branch of {@link PatternChoice#choose} (the table in the module README). */
class PatternChoiceTest {

    private static final TargetGroup TCP = new TargetGroup("arn:tg/tcp", "tcp", "TCP", 8080, "vpc-1", "ip", List.of(), Map.of(),
            List.of());
    private static final LoadBalancer ALB = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1", Map.of(),
            List.of("subnet-1a", "subnet-1b"));
    private static final LoadBalancer OWN_NLB = new LoadBalancer("arn:nlb", "own", "network", "own.elb", "vpc-1", Map.of(),
            List.of("subnet-1b"));
    private static final TargetGroup HTTP = new TargetGroup("arn:tg/http", "http", "HTTP", 8080, "vpc-1", "ip",
            List.of(ALB.arn()), Map.of(), List.of());
    private static final LoadBalancerListener ALB_80 = new LoadBalancerListener("l80", ALB.arn(), 80, "HTTP", List.of(HTTP.arn()), Map.of());
    private static final LoadBalancerListener ALB_443 = new LoadBalancerListener("l443", ALB.arn(), 443, "HTTPS", List.of(HTTP.arn()), Map.of());
    private static final LoadBalancerListener NLB_7000 = new LoadBalancerListener("l7000", OWN_NLB.arn(), 7000, "TCP", List.of(TCP.arn()), Map.of());
    private static final VpcLinkV2 V2_VPC1 = new VpcLinkV2("v2-a", "v2-a", "AVAILABLE", List.of("subnet-1b", "subnet-1c"));
    private static final VpcLinkV2 V2_VPC1_PENDING = new VpcLinkV2("v2-0", "v2-0", "PENDING", List.of("subnet-1a"));
    private static final VpcLinkV2 V2_VPC2 = new VpcLinkV2("v2-b", "v2-b", "AVAILABLE", List.of("subnet-2a"));
    private static final String REGISTRY = "arn:aws:servicediscovery:us-east-1:1:service/srv-1";

    private static final ServiceBackend BEHIND_ALB = new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of(ALB_80));
    private static final ServiceBackend BEHIND_OWN_NLB = new ServiceBackend(TCP.arn(), TCP, List.of(OWN_NLB), List.of(NLB_7000));

    private static final PatternSettings DEFAULTS = PatternSettings.defaults();
    private static final PatternSettings CREATE_LINKS = new PatternSettings(true, false, List.of());
    private static final PatternSettings PREFER_V2 = new PatternSettings(false, true, List.of());

    private static IntegrationLandscape rest(List<VpcLink> links, List<VpcLinkV2> v2) {
        return new IntegrationLandscape(ApiKind.REST, Set.of("prod"), links, v2);
    }

    private static IntegrationLandscape http(List<VpcLinkV2> v2) {
        return new IntegrationLandscape(ApiKind.HTTP, Set.of("$default"), List.of(), v2);
    }

    private static final IntegrationLandscape REST = rest(List.of(), List.of());

    private static RejectReason refused(Pattern pattern) {
        return assertInstanceOf(Pattern.Unsupported.class, pattern).reason();
    }

    private static ServiceBackend cloudMap(String... taskSubnets) {
        return new ServiceBackend(null, null, List.of(), List.of(), List.of(REGISTRY), List.of(taskSubnets), null);
    }

    // ---- the API does not exist ----

    @Test
    void anApiThatIsNeitherRestNorHttpIsRefused() {
        assertEquals(RejectReason.NoApi, refused(PatternChoice.choose(BEHIND_ALB,
                new IntegrationLandscape(ApiKind.MISSING, Set.of(), List.of(), List.of(V2_VPC1)), DEFAULTS)));
    }

    // ---- REST API ----

    @Test
    void restWithoutATargetGroupIsRefused() {
        assertEquals(RejectReason.NoLoadBalancer, refused(PatternChoice.choose(ServiceBackend.none(), REST, DEFAULTS)));
    }

    @Test
    void restWithOnlyCloudMapIsRefusedPointingToHttpApis() {
        Pattern.Unsupported refusal = assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(cloudMap("subnet-1b"), rest(List.of(), List.of(V2_VPC1)), DEFAULTS));
        assertEquals(RejectReason.NoLoadBalancer, refusal.reason());
        assertEquals("the service has no target group and a REST API cannot reach Cloud Map: use an HTTP API",
                refusal.detail());
    }

    @Test
    void restWithATargetGroupThatIsGoneIsRefused() {
        assertEquals(RejectReason.NoLoadBalancer, refused(PatternChoice.choose(
                new ServiceBackend("arn:tg/gone", null, List.of(), List.of()), REST, DEFAULTS)));
    }

    @Test
    void aTcpTargetGroupOnNoLoadBalancerIsOption3() {
        Pattern pattern = PatternChoice.choose(new ServiceBackend(TCP.arn(), TCP, List.of(), List.of()), REST, DEFAULTS);
        assertEquals(TCP, assertInstanceOf(Pattern.SharedNlbToTargetGroup.class, pattern).targetGroup());
        assertEquals("option-3-shared-nlb", pattern.label());
    }

    @Test
    void aLoneHttpTargetGroupIsRefused() {
        TargetGroup loneHttp = new TargetGroup("arn:tg/h", "h", "HTTP", 80, "vpc-1", "ip", List.of(), Map.of(), List.of());
        assertEquals(RejectReason.UnsupportedTargetGroup, refused(PatternChoice.choose(
                new ServiceBackend(loneHttp.arn(), loneHttp, List.of(), List.of()), REST, DEFAULTS)));
    }

    @Test
    void aTargetGroupBehindAnAlbIsOption4OnTheLowestPortThatForwardsToIt() {
        List<LoadBalancerListener> listeners = List.of(
                new LoadBalancerListener("l1", ALB.arn(), 443, "HTTPS", List.of("arn:tg/else"), Map.of()),
                new LoadBalancerListener("l2", ALB.arn(), 8443, "HTTP", List.of(HTTP.arn()), Map.of()),
                ALB_80);
        Pattern.SharedNlbToAlb pattern = assertInstanceOf(Pattern.SharedNlbToAlb.class,
                PatternChoice.choose(new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), listeners), REST, DEFAULTS));
        assertEquals(ALB, pattern.alb());
        assertEquals(80, pattern.albPort());
    }

    @Test
    void anAlbWithoutAListenerForwardingToTheGroupIsRefused() {
        assertEquals(RejectReason.UnsupportedTargetGroup, refused(PatternChoice.choose(
                new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of()), REST, DEFAULTS)));
    }

    @Test
    void anOwnNlbTargetedByAnAvailableVpcLinkIsOption2OnItsListenerPort() {
        List<VpcLink> links = List.of(new VpcLink("z-other", "o", "AVAILABLE", List.of("arn:nlb-else")),
                new VpcLink("b-link", "b", "AVAILABLE", List.of(OWN_NLB.arn())),
                new VpcLink("a-pending", "a", "PENDING", List.of(OWN_NLB.arn())));
        Pattern.DedicatedNlb pattern = assertInstanceOf(Pattern.DedicatedNlb.class,
                PatternChoice.choose(BEHIND_OWN_NLB, rest(links, List.of()), DEFAULTS));
        assertEquals(OWN_NLB, pattern.nlb());
        assertEquals(7000, pattern.listenerPort());
        assertEquals("b-link", pattern.vpcLink().id());
    }

    @Test
    void anOwnNlbWithAPendingVpcLinkWaitsForIt() {
        VpcLink pending = new VpcLink("p", "p", "PENDING", List.of(OWN_NLB.arn()));
        Pattern.DedicatedNlbAwaitingVpcLink pattern = assertInstanceOf(Pattern.DedicatedNlbAwaitingVpcLink.class,
                PatternChoice.choose(BEHIND_OWN_NLB, rest(List.of(pending), List.of()), DEFAULTS));
        assertEquals(pending, pattern.pendingLink());
    }

    @Test
    void anOwnNlbWhoseVpcLinkFailedIsRefused() {
        VpcLink failed = new VpcLink("f", "f", "FAILED", List.of(OWN_NLB.arn()));
        assertEquals(RejectReason.NoVpcLink, refused(PatternChoice.choose(BEHIND_OWN_NLB,
                rest(List.of(failed), List.of()), CREATE_LINKS)));
    }

    @Test
    void anOwnNlbWithoutVpcLinkGetsOneWhenTheConfigurationAllowsIt() {
        Pattern.DedicatedNlbAwaitingVpcLink pattern = assertInstanceOf(Pattern.DedicatedNlbAwaitingVpcLink.class,
                PatternChoice.choose(BEHIND_OWN_NLB, REST, CREATE_LINKS));
        assertNull(pattern.pendingLink());
        assertEquals(7000, pattern.listenerPort());
    }

    @Test
    void anOwnNlbWithoutVpcLinkIsRefusedByDefault() {
        Pattern.Unsupported refusal = assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(BEHIND_OWN_NLB, REST, DEFAULTS));
        assertEquals(RejectReason.NoVpcLink, refusal.reason());
        assertEquals("target group tcp is served by its own NLB own, which no VPC link targets, and CREATE_VPC_LINKS"
                + " is false: ask the platform team for a VPC link to it", refusal.detail());
    }

    @Test
    void anOwnNlbWithoutAListenerForwardingToTheGroupIsRefused() {
        assertEquals(RejectReason.UnsupportedTargetGroup, refused(PatternChoice.choose(
                new ServiceBackend(TCP.arn(), TCP, List.of(OWN_NLB), List.of()), REST, CREATE_LINKS)));
    }

    @Test
    void restPrefersVpcLinkV2ToTheServicesOwnLoadBalancerWhenConfigured() {
        Pattern.RestApiVpcLinkV2 pattern = assertInstanceOf(Pattern.RestApiVpcLinkV2.class,
                PatternChoice.choose(BEHIND_ALB, rest(List.of(), List.of(V2_VPC2, V2_VPC1_PENDING, V2_VPC1)), PREFER_V2));
        assertEquals(ALB, pattern.loadBalancer());
        assertEquals(ALB_80, pattern.listener());
        assertEquals(V2_VPC1, pattern.vpcLink());
        assertNull(pattern.tlsServerName());
        Pattern.RestApiVpcLinkV2 viaNlb = assertInstanceOf(Pattern.RestApiVpcLinkV2.class,
                PatternChoice.choose(BEHIND_OWN_NLB, rest(List.of(), List.of(V2_VPC1)), PREFER_V2));
        assertEquals(OWN_NLB, viaNlb.loadBalancer());
    }

    @Test
    void restPreferringVpcLinkV2FallsBackToV1PatternsWithoutALinkInTheVpc() {
        assertInstanceOf(Pattern.SharedNlbToAlb.class,
                PatternChoice.choose(BEHIND_ALB, rest(List.of(), List.of(V2_VPC2)), PREFER_V2));
    }

    @Test
    void restVpcLinkV2ToAnHttpsListenerNeedsTheServerName() {
        ServiceBackend https = new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of(ALB_443));
        assertEquals(RejectReason.NoTlsServerName, refused(PatternChoice.choose(https,
                rest(List.of(), List.of(V2_VPC1)), PREFER_V2)));
        ServiceBackend named = new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of(ALB_443), List.of(), List.of(),
                "orders.internal.example.com");
        assertEquals("orders.internal.example.com", assertInstanceOf(Pattern.RestApiVpcLinkV2.class,
                PatternChoice.choose(named, rest(List.of(), List.of(V2_VPC1)), PREFER_V2)).tlsServerName());
    }

    // ---- HTTP API ----

    @Test
    void httpApiIntegratesWithTheListenerOfTheServicesAlb() {
        Pattern.HttpApiToLoadBalancer pattern = assertInstanceOf(Pattern.HttpApiToLoadBalancer.class,
                PatternChoice.choose(BEHIND_ALB, http(List.of(V2_VPC2, V2_VPC1)), DEFAULTS));
        assertEquals(ALB_80, pattern.listener());
        assertEquals(V2_VPC1, pattern.vpcLink());
        assertNull(pattern.tlsServerName());
    }

    @Test
    void httpApiIntegratesWithTheListenerOfTheServicesNlb() {
        Pattern.HttpApiToLoadBalancer pattern = assertInstanceOf(Pattern.HttpApiToLoadBalancer.class,
                PatternChoice.choose(BEHIND_OWN_NLB, http(List.of(V2_VPC1)), DEFAULTS));
        assertEquals(NLB_7000, pattern.listener());
    }

    @Test
    void httpApiToAnHttpsListenerVerifiesTheTaggedServerName() {
        ServiceBackend https = new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of(ALB_443));
        assertEquals(RejectReason.NoTlsServerName, refused(PatternChoice.choose(https, http(List.of(V2_VPC1)), DEFAULTS)));
        ServiceBackend named = new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of(ALB_443), List.of(), List.of(),
                "orders.internal.example.com");
        assertEquals("orders.internal.example.com", assertInstanceOf(Pattern.HttpApiToLoadBalancer.class,
                PatternChoice.choose(named, http(List.of(V2_VPC1)), DEFAULTS)).tlsServerName());
    }

    @Test
    void httpApiNeedsAnAvailableConfiguredVpcLinkV2InTheVpc() {
        assertEquals(RejectReason.NoVpcLink, refused(PatternChoice.choose(BEHIND_ALB,
                http(List.of(V2_VPC2, V2_VPC1_PENDING)), DEFAULTS)));
        VpcLinkV2 second = new VpcLinkV2("v2-z", "v2-z", "AVAILABLE", List.of("subnet-1a"));
        assertEquals(second, assertInstanceOf(Pattern.HttpApiToLoadBalancer.class, PatternChoice.choose(BEHIND_ALB,
                http(List.of(V2_VPC1, second)), new PatternSettings(false, false, List.of("v2-z")))).vpcLink());
        assertEquals(RejectReason.NoVpcLink, refused(PatternChoice.choose(BEHIND_ALB, http(List.of(V2_VPC1)),
                new PatternSettings(false, false, List.of("v2-z")))));
    }

    @Test
    void httpApiIntegratesACloudMapServiceWithoutLoadBalancer() {
        Pattern.HttpApiToCloudMap pattern = assertInstanceOf(Pattern.HttpApiToCloudMap.class,
                PatternChoice.choose(cloudMap("subnet-2a"), http(List.of(V2_VPC1, V2_VPC2)), DEFAULTS));
        assertEquals(REGISTRY, pattern.registryArn());
        assertEquals(V2_VPC2, pattern.vpcLink());
        assertEquals("option-1b-http-api-cloud-map", pattern.label());
    }

    @Test
    void httpApiToCloudMapNeedsAVpcLinkV2InTheTasksSubnets() {
        assertEquals(RejectReason.NoVpcLink, refused(PatternChoice.choose(cloudMap(), http(List.of(V2_VPC1)), DEFAULTS)));
        assertEquals(RejectReason.NoVpcLink, refused(PatternChoice.choose(cloudMap("subnet-3a"), http(List.of(V2_VPC1)), DEFAULTS)));
    }

    @Test
    void httpApiWithNeitherOwnLoadBalancerNorCloudMapIsRefused() {
        assertEquals(RejectReason.NoLoadBalancer, refused(PatternChoice.choose(ServiceBackend.none(),
                http(List.of(V2_VPC1)), DEFAULTS)));
        assertEquals(RejectReason.UnsupportedTargetGroup, refused(PatternChoice.choose(
                new ServiceBackend(TCP.arn(), TCP, List.of(), List.of()), http(List.of(V2_VPC1)), DEFAULTS)));
    }
}
