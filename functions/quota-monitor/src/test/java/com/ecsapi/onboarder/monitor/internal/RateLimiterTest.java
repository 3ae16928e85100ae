package com.ecsapi.onboarder.monitor.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void aBurstIsFreeThenCallsArePacedAtTheRate() {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = RateLimiter.of(10, 40, clock::get, clock::addAndGet);

        for (int i = 0; i < 40; i++) {
            limiter.acquire();
        }
        assertEquals(0, clock.get(), "the burst waits for nothing");
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        double seconds = clock.get() / 1e9;
        assertTrue(seconds >= 10.0 && seconds < 10.1, "100 calls past the burst at 10/s take 10 s, took " + seconds);
    }

    @Test
    void neverExceedsTheRateOverAnyWindowOnceTheBurstIsSpent() {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = RateLimiter.of(8, 20, clock::get, clock::addAndGet);
        long[] times = new long[200];
        for (int i = 0; i < times.length; i++) {
            limiter.acquire();
            times[i] = clock.get();
        }
        // a bucket of 40 refilled at 10/s (AWS's ELB Describe*) is never emptied by these calls
        double tokens = 40;
        long last = 0;
        for (long at : times) {
            tokens = Math.min(40, tokens + (at - last) / 1e9 * 10) - 1;
            last = at;
            assertTrue(tokens >= 0, "AWS's bucket would throttle at t=" + at);
        }
    }

    @Test
    void constructionReadsNoClockAndARestoredClockThatRestartsLowerCostsNoWait() {
        AtomicLong clock = new AtomicLong(5_000_000_000_000L);
        AtomicInteger clockReads = new AtomicInteger();
        AtomicLong slept = new AtomicLong();
        RateLimiter limiter = RateLimiter.of(10, 40, () -> {
            clockReads.incrementAndGet();
            return clock.get();
        }, slept::addAndGet);
        assertEquals(0, clockReads.get(), "a limiter built during a SnapStart init reads no clock into the snapshot");

        clock.set(1_000_000L); // restored: System.nanoTime() starts again far below the value at init
        for (int i = 0; i < 40; i++) {
            limiter.acquire();
        }
        assertEquals(0, slept.get(), "the first burst after a restore waits for nothing");
        assertTrue(clockReads.get() > 0);
    }
}
