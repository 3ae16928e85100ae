package com.ecsapi.onboarder.monitor.increases;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run did for one candidate.
 *
 * @param request the request opened ({@link IncreaseOutcome#REQUESTED}) or the one that stood in the way (open,
 *                approved, refused); null when there is none
 * @param detail  the error of a {@link IncreaseOutcome#FAILED} call; empty otherwise
 */
public record IncreaseDecision(IncreaseCandidate candidate, IncreaseOutcome outcome, RequestedIncrease request,
                               String detail) {

    public static IncreaseDecision of(IncreaseCandidate candidate, IncreaseOutcome outcome) {
        return new IncreaseDecision(candidate, outcome, null, "");
    }

    /** The fields of its log line and of the run summary's {@code increaseRequests}. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("quota", candidate.limit().quota().id());
        summary.put("serviceCode", candidate.limit().quota().serviceCode());
        summary.put("quotaCode", candidate.limit().quota().quotaCode());
        summary.put("resource", candidate.resource());
        summary.put("usage", candidate.usage());
        summary.put("limit", candidate.limit().value());
        summary.put("daysToExhaustion", candidate.daysToExhaustion());
        summary.put("desiredValue", candidate.desiredValue());
        summary.put("outcome", outcome.reason());
        if (request != null) {
            summary.put("requestId", request.id());
            summary.put("requestStatus", request.status());
            summary.put("requestedValue", request.desiredValue());
        }
        if (!detail.isEmpty()) {
            summary.put("error", detail);
        }
        return summary;
    }
}
