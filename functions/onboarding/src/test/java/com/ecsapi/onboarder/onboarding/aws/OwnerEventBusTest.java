package com.ecsapi.onboarder.onboarding.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OwnerEventBusTest {

    private static PutEventsRequestEntry entry(int detailBytes) {
        return PutEventsRequestEntry.builder().source("ecs-api-onboarder").detailType("Service onboarding refused")
                .resources("arn:aws:ecs:us-east-1:123456789012:service/apps/orders")
                .detail("{\"p\":\"" + "x".repeat(detailBytes - 8) + "\"}").build();
    }

    @Test
    void anEntryIsSizedAsAwsSizesIt() {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("s").detailType("dt").detail("{\"é\":1}")
                .resources("r1", "r22").build();

        assertEquals(1 + 2 + 8 + 2 + 3, OwnerEventBus.size(entry), "UTF-8 bytes: é is two");
        assertEquals(14 + 1 + 2 + 8 + 2 + 3, OwnerEventBus.size(entry.toBuilder().time(Instant.EPOCH).build()),
                "a Time counts 14 bytes");
    }

    @Test
    void smallEntriesGoTenARequestInOrder() {
        List<PutEventsRequestEntry> entries = Collections.nCopies(25, entry(100));

        List<List<PutEventsRequestEntry>> requests = OwnerEventBus.requests(entries);

        assertEquals(List.of(10, 10, 5), requests.stream().map(List::size).toList());
    }

    @Test
    void largeEntriesGoAsManyAsFitIn256Kb() {
        int fixed = OwnerEventBus.size(entry(8)) - 8;
        PutEventsRequestEntry third = entry(OwnerEventBus.MAX_REQUEST_BYTES / 3 - fixed);
        PutEventsRequestEntry tooLarge = entry(OwnerEventBus.MAX_REQUEST_BYTES);

        assertEquals(OwnerEventBus.MAX_REQUEST_BYTES / 3, OwnerEventBus.size(third));
        assertEquals(List.of(3, 3, 1), OwnerEventBus.requests(Collections.nCopies(7, third)).stream().map(List::size).toList());
        assertEquals(List.of(1, 1, 1), OwnerEventBus.requests(List.of(third, tooLarge, third)).stream()
                .map(List::size).toList(), "one too large for any request goes alone, between the others");
    }
}
