package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.plan.Outcome;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The priming's planning sample takes the planners' real paths (a placement, a kept listener, an HTTP API route,
 * a removal), not an early refusal that would leave their classes for the first event.
 */
class PlanningSampleTest {

    @Test
    void plansEverySampleServiceWithoutARefusal() {
        List<Plan> plans = PlanningSample.plans(OnboarderConfig.from(Environment.of(Map.of())));

        assertEquals(List.of(Outcome.Onboarded, Outcome.Onboarded, Outcome.Onboarded, Outcome.Deregistered),
                plans.stream().map(Plan::outcome).toList());
        assertTrue(plans.get(1).changes().size() < plans.get(0).changes().size(), "the kept listener is not created");
        assertFalse(plans.get(2).changes().isEmpty());
        assertFalse(plans.get(3).changes().isEmpty());
    }
}
