package com.ecsapi.onboarder.onboarding.aws;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The event bus the owning teams listen on: events go out with {@code PutEvents}, in as few calls as AWS allows
 * (10 entries and 256 KB a call, an entry's size counted as AWS counts it).
 */
public final class OwnerEventBus {

    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** One event: its detail-type, the service it is about (its {@code resources}) and its detail, a JSON object. */
    public record Event(String detailType, String serviceArn, String detailJson) {
    }

    private final EventBridgeClient events;
    private final String busName;
    private final String source;

    public OwnerEventBus(EventBridgeClient events, String busName, String source) {
        this.events = events;
        this.busName = busName;
        this.source = source;
    }

    public String name() {
        return busName;
    }

    /** Puts the events; returns why each one that was not accepted was not (empty: all were). */
    public List<String> put(List<Event> events) {
        List<String> failures = new ArrayList<>();
        for (List<PutEventsRequestEntry> request : requests(events.stream().map(this::entry).toList())) {
            try {
                List<PutEventsResultEntry> results = this.events.putEvents(call -> call.entries(request)).entries();
                for (int index = 0; index < request.size(); index++) {
                    PutEventsResultEntry result = index < results.size() ? results.get(index) : null;
                    if (result == null || result.errorCode() != null) {
                        failures.add(result == null ? "no result entry"
                                : result.errorCode() + ": " + result.errorMessage());
                    }
                }
            } catch (RuntimeException e) {
                request.forEach(entry -> failures.add(e.toString()));
            }
        }
        return failures;
    }

    private PutEventsRequestEntry entry(Event event) {
        return PutEventsRequestEntry.builder().eventBusName(busName).source(source).detailType(event.detailType())
                .resources(event.serviceArn()).detail(event.detailJson()).build();
    }

    /** The entries in order, cut into requests AWS accepts; an entry too large on its own goes alone (AWS refuses it). */
    static List<List<PutEventsRequestEntry>> requests(List<PutEventsRequestEntry> entries) {
        List<List<PutEventsRequestEntry>> requests = new ArrayList<>();
        List<PutEventsRequestEntry> current = new ArrayList<>();
        int bytes = 0;
        for (PutEventsRequestEntry entry : entries) {
            int size = size(entry);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                requests.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry);
            bytes += size;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** AWS's size of an entry: Time 14 bytes when set, then the UTF-8 bytes of Source, DetailType, Detail, Resources. */
    static int size(PutEventsRequestEntry entry) {
        int size = entry.time() == null ? 0 : 14;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
