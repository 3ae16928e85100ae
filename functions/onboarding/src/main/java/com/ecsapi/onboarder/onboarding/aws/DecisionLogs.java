package com.ecsapi.onboarder.onboarding.aws;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The onboarding function's log lines about one service, from its CloudWatch Logs group (FilterLogEvents). */
public final class DecisionLogs {

    private final CloudWatchLogsClient logs;

    public DecisionLogs(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /**
     * The lines of {@code logGroup} since {@code since} that name {@code serviceArn} (a quoted-term filter, so
     * CloudWatch Logs sends only those); empty when the log group does not exist.
     */
    public Optional<List<String>> lines(String logGroup, String serviceArn, Instant since) {
        try {
            List<String> lines = new ArrayList<>();
            logs.filterLogEventsPaginator(request -> request.logGroupName(logGroup)
                            .filterPattern("\"" + serviceArn + "\"").startTime(since.toEpochMilli()))
                    .forEach(page -> page.events().stream().map(FilteredLogEvent::message).forEach(lines::add));
            return Optional.of(lines);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
