package com.ecsapi.onboarder.monitor.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PagesTest {

    private record Page(List<String> items, String next) {
    }

    private final AtomicLong clock = new AtomicLong();
    private final List<Long> waits = new ArrayList<>();
    private final RateLimiter limiter = RateLimiter.of(1, 1, clock::get, nanos -> {
        waits.add(nanos);
        clock.addAndGet(nanos);
    });

    @Test
    void followsTheTokenToTheLastPageWaitingForTheLimiterBeforeEach() {
        Map<String, Page> pages = Map.of("first", new Page(List.of("a", "b"), "2"), "2", new Page(List.of("c"), "3"),
                "3", new Page(List.of(), ""));
        List<String> asked = new ArrayList<>();

        List<String> items = Pages.all(limiter, token -> {
            asked.add(token == null ? "first" : token);
            return pages.get(token == null ? "first" : token);
        }, Page::items, Page::next);

        assertEquals(List.of("a", "b", "c"), items);
        assertEquals(List.of("first", "2", "3"), asked);
        assertEquals(2, waits.size(), "a burst of 1 at 1/s: the second and third page each wait");
    }

    @Test
    void aMissingTokenEndsTheListing() {
        assertEquals(List.of("only"), Pages.all(limiter, token -> new Page(List.of("only"), null), Page::items,
                Page::next));
    }
}
