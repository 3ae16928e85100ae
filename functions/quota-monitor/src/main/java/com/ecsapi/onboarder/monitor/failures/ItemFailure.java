package com.ecsapi.onboarder.monitor.failures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item a run could not do because an AWS call failed for good (the SDK's retries spent): which call, on which
 * item, why, and what it cost this run. The rest of the run goes on; the next run tries the item again.
 *
 * @param call   {@code Service:Operation}, as in the run summary's {@code calls} (e.g.
 *               {@code ElasticLoadBalancingV2:DescribeListeners}); the {@code Call} dimension of
 *               {@code MonitorItemFailures}
 * @param item   what the call was for: an NLB name, an API id, {@code region}, an alarm name, a batch
 * @param reason the AWS error code ({@code Throttling}, {@code InternalFailure}, {@code AccessDenied}, ...) or the
 *               client exception's name ({@code SdkClientException} for a timeout)
 * @param effect what the run did without it
 * @param detail the error message
 */
public record ItemFailure(String call, String item, String reason, String effect, String detail) {

    /** What the run summary lists: everything but the detail, which the log line carries. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("call", call);
        summary.put("item", item);
        summary.put("reason", reason);
        summary.put("effect", effect);
        return summary;
    }
}
