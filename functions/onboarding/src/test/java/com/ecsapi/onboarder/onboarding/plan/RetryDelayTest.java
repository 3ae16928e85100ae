package com.ecsapi.onboarder.onboarding.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryDelayTest {

    @Test
    void doublesFromTheBaseWithEachDeliveryUpToTheCap() {
        RetryDelay delay = new RetryDelay(10, 300);
        assertEquals(List.of(10, 20, 40, 80, 160, 300, 300),
                IntStream.rangeClosed(1, 7).map(delay::seconds).boxed().toList());
        assertEquals(300, delay.seconds(Integer.MAX_VALUE));
        assertEquals(10, delay.seconds(0), "a message without receive count counts as a first delivery");
    }

    @Test
    void theTemplateSettingsSpanMinutesBeforeMaxReceiveCountSendsAMessageToTheDeadLetterQueue() {
        RetryDelay delay = new RetryDelay(10, 300);
        int beforeFifthDelivery = IntStream.rangeClosed(1, 4).map(delay::seconds).sum();
        assertEquals(150, beforeFifthDelivery, "not the 4 x 720 s of the visibility timeout, nor 4 x 0 s");
    }

    @Test
    void staysWithinWhatSqsAccepts() {
        assertThrows(IllegalArgumentException.class, () -> new RetryDelay(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new RetryDelay(10, 5));
        assertThrows(IllegalArgumentException.class, () -> new RetryDelay(10, 43_201));
    }
}
