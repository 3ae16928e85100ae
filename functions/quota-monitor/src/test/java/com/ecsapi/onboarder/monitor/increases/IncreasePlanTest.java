package com.ecsapi.onboarder.monitor.increases;

import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.monitor.usage.QuotaUsage;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncreasePlanTest {

    private static final IncreasePolicy THIRTY_DAYS = new IncreasePolicy(30, 2);
    private static final QuotaLimit VPC_LINKS_20 = new QuotaLimit(Quota.VPC_LINKS_V1, 20, QuotaLimit.Source.APPLIED, true);

    private static QuotaReading reading(Quota quota, String resource, double usage, double limit, double days) {
        return new QuotaReading(QuotaUsage.of(quota, resource, usage),
                new QuotaLimit(quota, limit, QuotaLimit.Source.AWS_DEFAULT, true), days);
    }

    private static IncreaseCandidate candidate(QuotaLimit limit) {
        return new IncreaseCandidate("region", 18, 5, limit, 40);
    }

    @Test
    void aQuotaIsDueWhenAForecastFallsBelowTheThresholdOnceForAllItsResources() {
        List<IncreaseCandidate> due = IncreasePlan.due(THIRTY_DAYS, List.of(
                reading(Quota.RESOURCES_PER_REST_API, "api-a", 250, 300, 20),
                reading(Quota.RESOURCES_PER_REST_API, "api-b", 290, 300, 3),
                reading(Quota.RESOURCES_PER_REST_API, "api-c", 100, 300, QuotaReading.NO_FORECAST),
                reading(Quota.VPC_LINKS_V1, "region", 10, 20, 30),
                reading(Quota.NLBS_PER_REGION, "region", 30, 50, 29.9)));

        assertEquals(List.of(Quota.RESOURCES_PER_REST_API, Quota.NLBS_PER_REGION),
                due.stream().map(candidate -> candidate.limit().quota()).toList(), "30 days is not below 30");
        IncreaseCandidate resources = due.getFirst();
        assertEquals("api-b", resources.resource(), "the most urgent resource stands for the quota");
        assertEquals(3, resources.daysToExhaustion());
        assertEquals(290, resources.usage());
        assertEquals(600, resources.desiredValue());
    }

    @Test
    void nothingIsDueWhenThePolicyIsOffOrThereIsNoForecast() {
        List<QuotaReading> full = List.of(reading(Quota.VPC_LINKS_V1, "region", 20, 20, 0));

        assertEquals(List.of(), IncreasePlan.due(IncreasePolicy.OFF, full));
        assertEquals(List.of(), IncreasePlan.due(THIRTY_DAYS,
                List.of(reading(Quota.VPC_LINKS_V1, "region", 19, 20, QuotaReading.NO_FORECAST))));
        assertEquals(1, IncreasePlan.due(THIRTY_DAYS, full).size(), "a full quota forecasts 0 days");
    }

    @Test
    void theDesiredValueIsTheFactorRoundedUpAndAlwaysAboveTheLimit() {
        assertEquals(40, new IncreasePolicy(7, 2).desiredValue(20));
        assertEquals(3, new IncreasePolicy(7, 1.4).desiredValue(2), "2 * 1.4 = 2.8, rounded up");
        assertEquals(2, new IncreasePolicy(7, 1.1).desiredValue(1), "1.1 rounds up to 2: above the limit");
        assertEquals(11, new IncreasePolicy(7, 1.01).desiredValue(10), "ceil(10.1) = 11");
        assertEquals(1, new IncreasePolicy(7, 2).desiredValue(0), "a zero limit asks for 1");
    }

    @Test
    void aFactorNotAboveOneOrANegativeThresholdIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> new IncreasePolicy(7, 1));
        assertThrows(IllegalStateException.class, () -> new IncreasePolicy(-1, 2));
    }

    @Test
    void aQuotaDocumentedAsFixedIsNeverAskedWhateverServiceQuotasSays() {
        QuotaLimit listenersSaidAdjustable = new QuotaLimit(Quota.LISTENERS_PER_NLB, 50, QuotaLimit.Source.APPLIED, true);
        QuotaLimit listenersUnread = new QuotaLimit(Quota.LISTENERS_PER_NLB, 50, QuotaLimit.Source.DOCUMENTED_DEFAULT, false);

        assertEquals(Optional.of(IncreaseOutcome.NOT_ADJUSTABLE),
                IncreasePlan.skipBeforeHistory(candidate(listenersSaidAdjustable)).map(IncreaseDecision::outcome));
        assertEquals(Optional.of(IncreaseOutcome.NOT_ADJUSTABLE),
                IncreasePlan.skipBeforeHistory(candidate(listenersUnread)).map(IncreaseDecision::outcome));
    }

    @Test
    void aQuotaServiceQuotasCallsNotAdjustableOrDidNotAnswerIsNotAsked() {
        assertEquals(Optional.of(IncreaseOutcome.NOT_ADJUSTABLE), IncreasePlan.skipBeforeHistory(
                candidate(new QuotaLimit(Quota.VPC_LINKS_V1, 20, QuotaLimit.Source.APPLIED, false)))
                .map(IncreaseDecision::outcome));
        assertEquals(Optional.of(IncreaseOutcome.LIMIT_UNREAD), IncreasePlan.skipBeforeHistory(
                candidate(new QuotaLimit(Quota.VPC_LINKS_V1, 20, QuotaLimit.Source.DOCUMENTED_DEFAULT, false)))
                .map(IncreaseDecision::outcome));
        assertEquals(Optional.empty(), IncreasePlan.skipBeforeHistory(candidate(VPC_LINKS_20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "CASE_OPENED"})
    void anOpenRequestOfAnyValueStandsInTheWay(String status) {
        RequestedIncrease open = new RequestedIncrease("r1", status, 25);

        Optional<IncreaseDecision> skip = IncreasePlan.skipGivenHistory(candidate(VPC_LINKS_20),
                List.of(new RequestedIncrease("r0", "APPROVED", 20), open));

        assertEquals(Optional.of(IncreaseOutcome.OPEN_REQUEST), skip.map(IncreaseDecision::outcome));
        assertEquals(open, skip.orElseThrow().request());
    }

    @Test
    void anApprovedRequestAboveTheValueInForceIsWaitedFor() {
        assertEquals(Optional.of(IncreaseOutcome.APPROVED_NOT_APPLIED), IncreasePlan.skipGivenHistory(
                candidate(VPC_LINKS_20), List.of(new RequestedIncrease("r1", "APPROVED", 40)))
                .map(IncreaseDecision::outcome));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DENIED", "NOT_APPROVED", "CASE_CLOSED", "INVALID_REQUEST"})
    void aRequestClosedWithoutTheValueIsNotRepeated(String status) {
        assertEquals(Optional.of(IncreaseOutcome.REFUSED_BEFORE), IncreasePlan.skipGivenHistory(
                candidate(VPC_LINKS_20), List.of(new RequestedIncrease("r1", status, 40)))
                .map(IncreaseDecision::outcome));
    }

    @Test
    void requestsTheValueInForceAlreadyReachedAreSettledAndDoNotStandInTheWay() {
        List<RequestedIncrease> settled = List.of(new RequestedIncrease("r1", "APPROVED", 20),
                new RequestedIncrease("r2", "CASE_CLOSED", 15), new RequestedIncrease("r3", "DENIED", 20));

        assertTrue(IncreasePlan.skipGivenHistory(candidate(VPC_LINKS_20), settled).isEmpty());
        assertTrue(IncreasePlan.skipGivenHistory(candidate(VPC_LINKS_20), List.of()).isEmpty());
    }

    @Test
    void theSummaryNamesTheQuotaTheOutcomeAndTheRequest() {
        IncreaseDecision decision = new IncreaseDecision(candidate(VPC_LINKS_20), IncreaseOutcome.OPEN_REQUEST,
                new RequestedIncrease("r1", "PENDING", 40), "");

        assertEquals("vpc-links-v1", decision.summary().get("quota"));
        assertEquals("L-A4C7274F", decision.summary().get("quotaCode"));
        assertEquals("OpenRequest", decision.summary().get("outcome"));
        assertEquals("r1", decision.summary().get("requestId"));
        assertEquals(40.0, decision.summary().get("desiredValue"));
    }
}
