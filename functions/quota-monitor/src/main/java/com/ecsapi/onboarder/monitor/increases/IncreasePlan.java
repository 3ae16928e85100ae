package com.ecsapi.onboarder.monitor.increases;

import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.quota.Quota;
import com.ecsapi.onboarder.quota.QuotaLimit;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which quotas to ask Service Quotas to raise, from this run's readings and each quota's request history. A quota
 * is due when a resource's forecast days-to-exhaustion is below the policy's threshold; it is asked once: never
 * while a request for it is open, nor while an approved one is not applied yet, nor after one above the value in
 * force was refused (an operator decides then), and never when it is not adjustable.
 */
public final class IncreasePlan {

    private IncreasePlan() {
    }

    /** Per quota (in {@link Quota} order), its most urgent reading whose forecast is below the threshold. */
    public static List<IncreaseCandidate> due(IncreasePolicy policy, Collection<QuotaReading> readings) {
        Map<Quota, QuotaReading> mostUrgent = new EnumMap<>(Quota.class);
        for (QuotaReading reading : readings) {
            if (reading.hasForecast() && policy.isDue(reading.daysToExhaustion())) {
                mostUrgent.merge(reading.usage().quota(), reading,
                        (kept, other) -> other.daysToExhaustion() < kept.daysToExhaustion() ? other : kept);
            }
        }
        return mostUrgent.values().stream().map(reading -> new IncreaseCandidate(reading.usage().resource(),
                reading.usage().usage(), reading.daysToExhaustion(), reading.limit(),
                policy.desiredValue(reading.limit().value()))).toList();
    }

    /** Why the candidate gets no request, known before its history is read; empty when the history decides. */
    public static Optional<IncreaseDecision> skipBeforeHistory(IncreaseCandidate candidate) {
        QuotaLimit limit = candidate.limit();
        if (!limit.quota().documentedAdjustable()) {
            return skip(candidate, IncreaseOutcome.NOT_ADJUSTABLE);
        }
        if (limit.source() == QuotaLimit.Source.DOCUMENTED_DEFAULT) {
            return skip(candidate, IncreaseOutcome.LIMIT_UNREAD);
        }
        if (!limit.adjustable()) {
            return skip(candidate, IncreaseOutcome.NOT_ADJUSTABLE);
        }
        return Optional.empty();
    }

    /** Why the quota's requests stand in the way of a new one; empty when it may be asked now. */
    public static Optional<IncreaseDecision> skipGivenHistory(IncreaseCandidate candidate,
                                                              List<RequestedIncrease> history) {
        double inForce = candidate.limit().value();
        Predicate<RequestedIncrease> aboveInForce = request -> request.desiredValue() > inForce;
        return first(candidate, history, RequestedIncrease::isOpen, IncreaseOutcome.OPEN_REQUEST)
                .or(() -> first(candidate, history, aboveInForce.and(RequestedIncrease::isApproved),
                        IncreaseOutcome.APPROVED_NOT_APPLIED))
                .or(() -> first(candidate, history, aboveInForce.and(RequestedIncrease::isClosedWithoutApproval),
                        IncreaseOutcome.REFUSED_BEFORE));
    }

    private static Optional<IncreaseDecision> first(IncreaseCandidate candidate, List<RequestedIncrease> history,
                                                    Predicate<RequestedIncrease> matching, IncreaseOutcome outcome) {
        return history.stream().filter(matching).findFirst()
                .map(request -> new IncreaseDecision(candidate, outcome, request, ""));
    }

    private static Optional<IncreaseDecision> skip(IncreaseCandidate candidate, IncreaseOutcome outcome) {
        return Optional.of(IncreaseDecision.of(candidate, outcome));
    }
}
