package com.ecsapi.onboarder.monitor.failures;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The items one run could not do, and the series it could not read. Each quota, metric batch and alarm is
 * independent: the adapters catch an AWS failure where it costs one item, record it here and go on.
 */
public final class ItemFailures {

    private final List<ItemFailure> failures = new ArrayList<>();
    private final Set<UnreadSeries> unread = new LinkedHashSet<>();

    /** A call failed for good: records what it cost and the series whose alarms it leaves undecided. */
    public void add(String call, String item, String effect, SdkException error, UnreadSeries... unreadSeries) {
        add(new ItemFailure(call, item, reason(error), effect, String.valueOf(error.getMessage())), unreadSeries);
    }

    public void add(ItemFailure failure, UnreadSeries... unreadSeries) {
        failures.add(failure);
        unread.addAll(List.of(unreadSeries));
    }

    public List<ItemFailure> all() {
        return List.copyOf(failures);
    }

    public Set<UnreadSeries> unread() {
        return Set.copyOf(unread);
    }

    static String reason(SdkException error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }
}
