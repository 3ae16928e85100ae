package com.ecsapi.onboarder.onboarding;

import java.util.List;

/** What one batch did: its {@code decisions} in order, and the ids of the messages given back to the queue. */
record BatchOutcome(List<Decision> decisions, List<String> givenBack) {

    BatchOutcome {
        decisions = List.copyOf(decisions);
        givenBack = List.copyOf(givenBack);
    }
}
