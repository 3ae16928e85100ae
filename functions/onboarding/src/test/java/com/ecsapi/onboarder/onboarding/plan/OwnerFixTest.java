package com.ecsapi.onboarder.onboarding.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnerFixTest {

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void everyRefusalReasonHasAFixOfItsOwn(RejectReason reason) {
        String fix = OwnerFix.of(reason);

        assertTrue(fix.length() > 40, fix);
        assertEquals(1, Arrays.stream(RejectReason.values()).filter(other -> OwnerFix.of(other).equals(fix)).count(),
                "no other reason shares it");
    }

    @Test
    void aFailureFixNamesItsReasonAndWhetherTheMessageWasDeadLetteredOrParked() {
        String retryable = OwnerFix.of(new Failure.Retryable("Throttling", "429"));
        String permanent = OwnerFix.of(new Failure.Permanent("AccessDenied", "403"));

        assertTrue(retryable.contains("Throttling") && retryable.contains("dead-letter queue"), retryable);
        assertTrue(permanent.contains("AccessDenied") && permanent.contains("parked"), permanent);
    }
}
