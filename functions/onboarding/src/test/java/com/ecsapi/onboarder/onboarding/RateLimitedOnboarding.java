package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.testbed.MotoServer.BucketUse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Onboards option-3 services in FIFO batches of 10 through one {@link OnboardingHandler} (as one Lambda instance
 * takes batch after batch), each batch an invocation with the template's 120 s timeout, while the test bed enforces
 * AWS's control-plane rate limits with a competing client's share taken off every bucket.
 */
abstract class RateLimitedOnboarding extends EmulatorTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int BATCH = 10;

    /** How fast the limits' clock runs (test bed and function alike); 1 would be AWS's own rates. */
    double timeScale = 1;

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("CONTROL_PLANE_RATE_SCALE", Double.toString(timeScale));
        return variables;
    }

    /**
     * What a run took: the handler's own time (in invocations), the least time the limits allow for the calls it made
     * (each bucket full at the start: the longest of the buckets' (admitted - burst) / refill), the messages given
     * back, and the calls the test bed throttled.
     */
    record Run(int services, double competingShare, double timeScale, double handlerSeconds, List<BucketUse> buckets,
               int failedMessages) {

        double boundSeconds() {
            return buckets.stream().mapToDouble(BucketUse::minimumSeconds).max().orElse(0);
        }

        BucketUse bindingBucket() {
            return buckets.stream().max(Comparator.comparingDouble(BucketUse::minimumSeconds)).orElseThrow();
        }

        int throttled() {
            return buckets.stream().mapToInt(BucketUse::throttled).sum();
        }

        double ratio() {
            return handlerSeconds / boundSeconds();
        }
    }

    List<String> createServices(String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-%03d", prefix, i);
            String service = aws.service(cluster, name, aws.tcpTargetGroup(vpcA, name + "-tg"), vpcA,
                    Map.of("apigw:path", "/" + name));
            events.add(TestLandscape.createServiceEvent(service, cluster));
        }
        return events;
    }

    /** Runs the events in batches of 10 with the limits on; the landscape is read back after they are off again. */
    Run onboard(List<String> events, double competingShare) {
        Map<String, String> variables = environment();
        OnboardingHandler handler = new OnboardingHandler(Environment.of(variables));
        moto.enforceRateLimits(competingShare, timeScale);
        try {
            long handlerNanos = 0;
            int failed = 0;
            for (int from = 0; from < events.size(); from += BATCH) {
                var batch = TestLandscape.batch(events.subList(from, Math.min(events.size(), from + BATCH)));
                long start = System.nanoTime();
                SQSBatchResponse response = moto.runAs("OnboardingFunction", variables, Map.of("OtherApiIds", ""),
                        () -> handler.handleRequest(batch, LambdaInvocation.timingOut(TIMEOUT)));
                handlerNanos += System.nanoTime() - start;
                failed += failures(response).size();
            }
            return new Run(events.size(), competingShare, timeScale, handlerNanos / 1e9, moto.rateLimitUse(), failed);
        } finally {
            moto.stopRateLimits();
        }
    }
}
