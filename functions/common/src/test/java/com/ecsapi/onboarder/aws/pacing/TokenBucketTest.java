package com.ecsapi.onboarder.aws.pacing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void itStartsFullOnItsFirstUseNotAtConstruction() {
        TokenBucket bucket = new TokenBucket(10, 4);

        long start = 500 * SECOND;
        for (int i = 0; i < 4; i++) {
            assertEquals(0, bucket.reserve(start), "the burst waits for nothing");
        }
        assertEquals(SECOND / 10, bucket.reserve(start), "the fifth token is due one refill later");
    }

    @Test
    void reservationsQueueBehindEachOtherAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 1);
        bucket.reserve(0);

        assertEquals(SECOND / 2, bucket.reserve(0));
        assertEquals(SECOND, bucket.reserve(0));
        assertEquals(SECOND, bucket.reserve(SECOND / 2), "the fourth token is due at 1.5 s, a second from then");
    }

    @Test
    void aFullBucketKeepsNoMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(1, 2);
        bucket.reserve(0);

        long later = 3600 * SECOND;
        assertEquals(0, bucket.reserve(later));
        assertEquals(0, bucket.reserve(later));
        assertEquals(SECOND, bucket.reserve(later));
    }

    @Test
    void emptiedItLetsNothingThroughUntilItRefills() {
        TokenBucket bucket = new TokenBucket(4, 8);
        bucket.reserve(0);

        bucket.emptied(0);

        assertEquals(SECOND / 4, bucket.reserve(0));
    }

    @Test
    void aClockBehindTheLastReadingAddsNothingAndTheRefillGoesOnFromThere() {
        TokenBucket bucket = new TokenBucket(1, 1);
        bucket.reserve(10 * SECOND);

        assertEquals(SECOND, bucket.reserve(5 * SECOND), "a restored snapshot's clock may be behind");
        assertEquals(0, bucket.reserve(7 * SECOND), "two seconds on from there, the queue of one is served");
    }

    @Test
    void aBucketWithoutRateOrRoomIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0.5));
    }
}
