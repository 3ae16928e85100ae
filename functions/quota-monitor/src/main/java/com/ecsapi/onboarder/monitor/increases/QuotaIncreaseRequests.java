package com.ecsapi.onboarder.monitor.increases;

import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.monitor.metrics.QuotaReading;
import com.ecsapi.onboarder.quota.Quota;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ResourceAlreadyExistsException;

import java.util.Collection;
import java.util.List;

/**
 * Asks Service Quotas to raise the quotas {@link IncreasePlan} finds due: reads each due quota's request history
 * ({@code ListRequestedServiceQuotaChangeHistoryByQuota}), then, unless the plan skips it, requests the increase
 * ({@code RequestServiceQuotaIncrease}); in a dry run it requests nothing. A call that fails for good costs that
 * quota this run (an item failure); the next run decides again.
 */
public final class QuotaIncreaseRequests {

    private static final String LIST_HISTORY = "ServiceQuotas:ListRequestedServiceQuotaChangeHistoryByQuota";
    private static final String REQUEST_INCREASE = "ServiceQuotas:RequestServiceQuotaIncrease";
    private static final String EFFECT = "no quota increase requested this run";

    private final ServiceQuotasClient serviceQuotas;
    private final boolean dryRun;

    public QuotaIncreaseRequests(ServiceQuotasClient serviceQuotas, boolean dryRun) {
        this.serviceQuotas = serviceQuotas;
        this.dryRun = dryRun;
    }

    /** One decision per due quota; no AWS call at all when the policy is off or nothing is due. */
    public List<IncreaseDecision> requestWhereDue(IncreasePolicy policy, Collection<QuotaReading> readings,
                                                  ItemFailures failures) {
        return IncreasePlan.due(policy, readings).stream()
                .map(candidate -> IncreasePlan.skipBeforeHistory(candidate)
                        .orElseGet(() -> decideWithHistory(candidate, failures)))
                .toList();
    }

    private IncreaseDecision decideWithHistory(IncreaseCandidate candidate, ItemFailures failures) {
        Quota quota = candidate.limit().quota();
        List<RequestedIncrease> history;
        try {
            history = history(quota);
        } catch (SdkException e) {
            failures.add(LIST_HISTORY, quota.id(), EFFECT, e);
            return new IncreaseDecision(candidate, IncreaseOutcome.FAILED, null, String.valueOf(e.getMessage()));
        }
        return IncreasePlan.skipGivenHistory(candidate, history).orElseGet(() -> dryRun
                ? IncreaseDecision.of(candidate, IncreaseOutcome.DRY_RUN)
                : request(candidate, failures));
    }

    private IncreaseDecision request(IncreaseCandidate candidate, ItemFailures failures) {
        Quota quota = candidate.limit().quota();
        try {
            RequestedServiceQuotaChange opened = serviceQuotas.requestServiceQuotaIncrease(request -> request
                    .serviceCode(quota.serviceCode()).quotaCode(quota.quotaCode())
                    .desiredValue(candidate.desiredValue())).requestedQuota();
            return new IncreaseDecision(candidate, IncreaseOutcome.REQUESTED, increase(opened), "");
        } catch (ResourceAlreadyExistsException e) {
            // opened by someone else since the history was read: theirs stands
            return IncreaseDecision.of(candidate, IncreaseOutcome.OPEN_REQUEST);
        } catch (SdkException e) {
            failures.add(REQUEST_INCREASE, quota.id(), EFFECT, e);
            return new IncreaseDecision(candidate, IncreaseOutcome.FAILED, null, String.valueOf(e.getMessage()));
        }
    }

    private List<RequestedIncrease> history(Quota quota) {
        return serviceQuotas.listRequestedServiceQuotaChangeHistoryByQuotaPaginator(request -> request
                        .serviceCode(quota.serviceCode()).quotaCode(quota.quotaCode()).maxResults(100))
                .requestedQuotas().stream().map(QuotaIncreaseRequests::increase).toList();
    }

    private static RequestedIncrease increase(RequestedServiceQuotaChange change) {
        return new RequestedIncrease(change.id(), change.statusAsString(),
                change.desiredValue() == null ? 0 : change.desiredValue());
    }
}
