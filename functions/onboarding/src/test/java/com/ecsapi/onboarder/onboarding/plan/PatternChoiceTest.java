package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.NlbListener;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PatternChoiceTest {

    private static final TargetGroup TCP = new TargetGroup("arn:tg/tcp", "tcp", "TCP", 8080, "vpc-1", "ip", List.of(), Map.of());
    private static final LoadBalancer ALB = new LoadBalancer("arn:alb", "alb", "application", "alb.elb", "vpc-1", Map.of());
    private static final TargetGroup HTTP = new TargetGroup("arn:tg/http", "http", "HTTP", 8080, "vpc-1", "ip",
            List.of(ALB.arn()), Map.of());

    @Test
    void aTcpTargetGroupOnNoLoadBalancerIsOption3() {
        Pattern pattern = PatternChoice.choose(new ServiceBackend(TCP.arn(), TCP, List.of(), List.of()));
        assertEquals(TCP, assertInstanceOf(Pattern.SharedNlbToTargetGroup.class, pattern).targetGroup());
    }

    @Test
    void aTargetGroupBehindAnAlbIsOption4OnThePortThatForwardsToIt() {
        List<NlbListener> listeners = List.of(
                new NlbListener("l1", ALB.arn(), 443, "HTTPS", List.of("arn:tg/else"), Map.of()),
                new NlbListener("l2", ALB.arn(), 8443, "HTTP", List.of(HTTP.arn()), Map.of()),
                new NlbListener("l3", ALB.arn(), 80, "HTTP", List.of(HTTP.arn()), Map.of()));
        Pattern.SharedNlbToAlb pattern = assertInstanceOf(Pattern.SharedNlbToAlb.class,
                PatternChoice.choose(new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), listeners)));
        assertEquals(ALB, pattern.alb());
        assertEquals(80, pattern.albPort());
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        assertEquals(RejectReason.NoLoadBalancer, assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(ServiceBackend.none())).reason());
        assertEquals(RejectReason.NoLoadBalancer, assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(new ServiceBackend("arn:tg/gone", null, List.of(), List.of()))).reason());
        TargetGroup loneHttp = new TargetGroup("arn:tg/h", "h", "HTTP", 80, "vpc-1", "ip", List.of(), Map.of());
        assertEquals(RejectReason.UnsupportedTargetGroup, assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(new ServiceBackend(loneHttp.arn(), loneHttp, List.of(), List.of()))).reason());
        assertEquals(RejectReason.UnsupportedTargetGroup, assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(new ServiceBackend(HTTP.arn(), HTTP, List.of(ALB), List.of()))).reason());
        LoadBalancer dedicated = new LoadBalancer("arn:nlb", "own", "network", "own.elb", "vpc-1", Map.of());
        assertEquals(RejectReason.UnsupportedTargetGroup, assertInstanceOf(Pattern.Unsupported.class,
                PatternChoice.choose(new ServiceBackend(TCP.arn(), TCP, List.of(dedicated), List.of()))).reason());
    }
}
