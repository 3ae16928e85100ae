package com.ecsapi.onboarder.monitor.increases;

import com.ecsapi.onboarder.quota.QuotaLimit;

/**
 * A quota due for an increase: its most urgent resource (the fewest days to exhaustion), the limit in force and
 * the value to ask for. Service Quotas holds one value per quota, so a per-NLB or per-API quota is asked once,
 * for all its resources.
 */
public record IncreaseCandidate(String resource, double usage, double daysToExhaustion, QuotaLimit limit,
                                double desiredValue) {
}
