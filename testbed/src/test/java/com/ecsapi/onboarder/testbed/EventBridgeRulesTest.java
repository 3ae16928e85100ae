package com.ecsapi.onboarder.testbed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The PutEvents limits AWS keeps: 10 entries (moto 5.2.1 keeps it too) and 256 KB a request (the test bed adds it). */
class EventBridgeRulesTest extends TestBedTestBase {

    private static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static EventBridgeClient events;

    @BeforeAll
    static void clients() {
        events = EventBridgeClient.builder().overrideConfiguration(noRetries()).build();
    }

    @AfterAll
    static void closeClients() {
        events.close();
    }

    @Test
    void elevenEntriesAreRefusedAsAWholeAndTenAreAccepted() {
        PutEventsRequestEntry entry = entry("{\"n\":1}");

        EventBridgeException refused = assertThrows(EventBridgeException.class,
                () -> events.putEvents(r -> r.entries(Collections.nCopies(11, entry))));

        assertAwsError(refused, 400, "ValidationException");
        assertEquals(0, events.putEvents(r -> r.entries(Collections.nCopies(10, entry))).failedEntryCount());
    }

    @Test
    void entriesOfMoreThan256KbInAllAreRefusedAsAWholeAndExactly256KbAreAccepted() {
        // each entry: Source "s" and DetailType "t" (1 byte each) and a Detail {"p":"xx..."} of 8 bytes plus the x's
        int xs = MAX_REQUEST_BYTES / 2 - 10;
        PutEventsRequestEntry half = entry("{\"p\":\"" + "x".repeat(xs) + "\"}");
        PutEventsRequestEntry halfAndAByte = entry("{\"p\":\"" + "x".repeat(xs + 1) + "\"}");

        EventBridgeException refused = assertThrows(EventBridgeException.class,
                () -> events.putEvents(r -> r.entries(half, halfAndAByte)));

        assertAwsError(refused, 400, "ValidationException");
        assertEquals(0, events.putEvents(r -> r.entries(List.of(half, half))).failedEntryCount());
    }

    private static PutEventsRequestEntry entry(String detail) {
        return PutEventsRequestEntry.builder().source("s").detailType("t").detail(detail).build();
    }
}
