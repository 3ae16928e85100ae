package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchesTest {

    @Test
    void batchesCutAtTheSize() {
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), Batches.of(List.of(1, 2, 3, 4, 5), 2));
        assertEquals(List.of(), Batches.of(List.of(), 20));
    }
}
