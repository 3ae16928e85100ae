package com.ecsapi.onboarder.monitor.failures;

import com.ecsapi.onboarder.quota.Quota;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemFailuresTest {

    @Test
    void theReasonIsTheAwsErrorCodeOrTheClientExceptionsName() {
        ItemFailures failures = new ItemFailures();
        AwsServiceException throttled = AwsServiceException.builder().message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();

        failures.add("ElasticLoadBalancingV2:DescribeListeners", "nlb-a", "listeners not measured", throttled,
                new UnreadSeries(Quota.LISTENERS_PER_NLB, "nlb-a"));
        failures.add("CloudWatch:PutMetricData", "3 data points", "not published this run",
                SdkClientException.create("Read timed out"));

        assertEquals(List.of("Throttling", "SdkClientException"),
                failures.all().stream().map(ItemFailure::reason).toList());
        assertEquals("Read timed out", failures.all().get(1).detail());
        assertEquals(Set.of(new UnreadSeries(Quota.LISTENERS_PER_NLB, "nlb-a")), failures.unread());
    }

    @Test
    void anUnreadSeriesCoversItsResourceOrEveryResourceOfItsQuota() {
        UnreadSeries one = new UnreadSeries(Quota.LISTENERS_PER_NLB, "nlb-a");
        UnreadSeries every = UnreadSeries.everyResourceOf(Quota.LISTENERS_PER_NLB);

        assertTrue(one.covers("listeners-per-nlb", "nlb-a"));
        assertFalse(one.covers("listeners-per-nlb", "nlb-b"));
        assertTrue(every.covers("listeners-per-nlb", "nlb-b"));
        assertFalse(every.covers("nlbs-per-region", "region"));
        assertFalse(every.covers(null, null), "an alarm on foreign dimensions is no series of ours");
    }
}
