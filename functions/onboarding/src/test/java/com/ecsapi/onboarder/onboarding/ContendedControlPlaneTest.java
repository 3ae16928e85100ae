package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.testbed.Fault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttling as it comes when other clients of the account use most of the control plane's budget: the function
 * paces itself per limit and retries throttled calls for as long as the invocation has time, roll-backs longer than
 * forward steps. The limits' clock runs 10 times faster than AWS's (test bed and function alike).
 */
class ContendedControlPlaneTest extends RateLimitedOnboarding {

    ContendedControlPlaneTest() {
        timeScale = 10;
    }

    @Test
    void withNinetyPercentOfEveryBucketTakenByOthersTwoBatchesOfTenAreOnboardedWithoutAFailedMessage() {
        List<String> events = createServices("svc", 20);
        int deployments = aws.deployments(apiId);

        Run run = onboard(events, 0.9);

        assertEquals(0, run.failedMessages(), "no message given back");
        assertTrue(run.throttled() > 0, "the account's buckets ran dry: " + run.buckets());
        List<Listener> listeners = aws.listeners(nlbA1);
        assertEquals(20, listeners.stream().map(Listener::port).collect(Collectors.toSet()).size());
        Set<String> paths = aws.resources(apiId).keySet();
        for (int i = 0; i < 20; i++) {
            String path = String.format("/svc-%03d", i);
            assertTrue(paths.contains(path) && paths.contains(path + "/{proxy+}"), path + " in " + paths);
        }
        assertEquals(deployments + 2, aws.deployments(apiId), "one deployment per batch");
    }

    @Test
    void aCallThrottledMoreThanTheSdksThreeAttemptsSucceedsWhileTheInvocationHasTime() {
        SQSEvent event = TestLandscape.batch(createServices("orders", 1));
        moto.throttleNext("PutIntegration", 6);
        moto.throttleNext("CreateListener", 4);

        List<String> failed = failures(run(event, LambdaInvocation.timingOut(TIMEOUT)));

        assertEquals(List.of(), failed);
        assertEquals(10, moto.faultsFired());
        assertEquals(1, aws.listeners(nlbA1).size());
        assertEquals(Set.of("/", "/orders-000", "/orders-000/{proxy+}"), aws.resources(apiId).keySet());
    }

    @Test
    void aRollBackThrottledBeyondThreeAttemptsStillLeavesNothingBehind() {
        SQSEvent event = TestLandscape.batch(createServices("orders", 1));
        moto.failNthCall("apigateway", "PutIntegration", 1, Fault.CLIENT_ERROR);
        moto.throttleNext("DeleteMethod", 5);
        moto.throttleNext("DeleteResource", 5);
        moto.throttleNext("DeleteListener", 5);

        List<String> failed = failures(run(event, LambdaInvocation.timingOut(TIMEOUT)));

        assertEquals(event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList(), failed,
                "a 4xx: without a dead-letter queue to park in, given back");
        assertEquals(16, moto.faultsFired());
        assertEquals(List.of(), aws.listeners(nlbA1), "the listener is rolled back");
        assertEquals(Set.of("/"), aws.resources(apiId).keySet(), "so are the method and both resources");
    }

    @Test
    void whenTheInvocationHasNoTimeToSpareAThrottledForwardCallGivesUpAndItsMessageComesBack() {
        SQSEvent event = TestLandscape.batch(createServices("orders", 1));
        moto.throttleNext("PutIntegration", 1000);
        Duration justEnough = Duration.ofMillis(BatchProcessor.RESERVE_MILLIS).plusSeconds(1);

        List<String> failed = failures(run(event, LambdaInvocation.timingOut(justEnough)));

        assertEquals(event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList(), failed);
        assertTrue(moto.faultsFired() > 3, "retried past the SDK's 3 attempts: " + moto.faultsFired());
        assertTrue(moto.faultsArmed() == 1, "and gave up long before 1000");
        assertEquals(List.of(), aws.listeners(nlbA1), "rolled back");
    }
}
