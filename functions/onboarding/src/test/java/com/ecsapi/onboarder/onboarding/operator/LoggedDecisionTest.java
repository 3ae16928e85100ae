package com.ecsapi.onboarder.onboarding.operator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoggedDecisionTest {

    static final String ORDERS = "arn:aws:ecs:us-east-1:1:service/apps/orders";

    @Test
    void theLatestDecisionAboutTheServiceWinsWhateverTheTimestampPrecision() {
        List<String> lines = List.of(
                line("2026-11-30T07:00:00.123Z", "Service reconciled", ORDERS, "Onboarded"),
                line("2026-11-30T07:00:01Z", "Reconcile failed; the message is retried", ORDERS, "Failed"),
                line("2026-11-30T07:00:02Z", "Service reconciled", "arn:aws:ecs:us-east-1:1:service/apps/other",
                        "Rejected"),
                "START RequestId: 1 Version: 3",
                "not json {",
                line("2026-11-30T06:00:00Z", "Service reconciled", ORDERS, "Unchanged"));

        LoggedDecision last = LoggedDecision.last(lines, ORDERS).orElseThrow();

        assertEquals("Failed", last.outcome());
        assertEquals("2026-11-30T07:00:01Z", last.timestamp());
    }

    @Test
    void aLineAfterAPrefixAndOnlyDecisionMessagesCount() {
        List<String> lines = List.of(
                "2026-11-30 07:00 " + line("2026-11-30T07:00:00Z", "Service reconciled", ORDERS, "Onboarded"),
                line("2026-11-30T08:00:00Z", "Allocation taken by another writer; re-reading and planning again",
                        ORDERS, null));

        assertEquals("Onboarded", LoggedDecision.last(lines, ORDERS).orElseThrow().outcome());
        assertEquals(Optional.empty(), LoggedDecision.last(List.of("{\"message\":\"Service reconciled\"}"), ORDERS));
    }

    private static String line(String timestamp, String message, String service, String outcome) {
        return "{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"" + message + "\",\"service\":\""
                + service + "\",\"outcome\":" + (outcome == null ? "null" : "\"" + outcome + "\"")
                + ",\"pattern\":\"option-3-shared-nlb\",\"dryRun\":false}";
    }
}
