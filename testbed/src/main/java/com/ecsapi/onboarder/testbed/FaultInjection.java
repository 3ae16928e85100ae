package com.ecsapi.onboarder.testbed;

import java.util.Objects;

/**
 * Which calls an injected fault fails and how: calls {@code firstCall} .. {@code firstCall + calls - 1} of
 * {@code operation} on {@code service}, counted from when the fault is armed, among those whose request contains
 * {@code requestContains}, are answered with the service's own {@link Fault}. Once its last call has failed the
 * fault is used up; {@link MotoServer#reset()} disarms every fault.
 *
 * @param service         the SigV4 signing name ({@code apigateway} for API Gateway V1 and V2,
 *                        {@code elasticloadbalancing}, {@code monitoring} for CloudWatch, {@code ecs},
 *                        {@code servicequotas}, {@code sqs}, ...); blank: any service
 * @param operation       the operation name ({@code DescribeListeners}, {@code PutMetricData}); for REST APIs also
 *                        the route {@code "METHOD /template"} as the test bed knows it, which tells V1 and V2 apart
 *                        (e.g. {@code "POST /restapis/{api}/deployments"} against {@code "POST /v2/apis/{api}/deployments"})
 * @param requestContains only requests whose URL-decoded path, query string or body contain this text count
 *                        (e.g. one load balancer's ARN, one API's id); blank: every request of the operation
 */
public record FaultInjection(String service, String operation, Fault fault, int firstCall, int calls,
                             String requestContains) {

    /** For {@link #forCalls(int)}: the fault never wears out (until {@link MotoServer#reset()}). */
    public static final int EVERY_CALL = Integer.MAX_VALUE;

    public FaultInjection {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(requestContains, "requestContains");
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("an operation is required");
        }
        if (firstCall < 1 || calls < 1) {
            throw new IllegalArgumentException("firstCall and calls start at 1: " + firstCall + ", " + calls);
        }
    }

    /** The next call of the operation fails. */
    public static FaultInjection of(String service, String operation, Fault fault) {
        return new FaultInjection(service, operation, fault, 1, 1, "");
    }

    /** The {@code nth} call from now fails (1: the next one). */
    public FaultInjection onCall(int nth) {
        return new FaultInjection(service, operation, fault, nth, calls, requestContains);
    }

    /** That many calls in a row fail, e.g. 3 to defeat the SDK's default of 3 attempts. */
    public FaultInjection forCalls(int count) {
        return new FaultInjection(service, operation, fault, firstCall, count, requestContains);
    }

    /** Every call fails from the first one on, whatever the SDK's retries: a persistent fault. */
    public FaultInjection forEveryCall() {
        return forCalls(EVERY_CALL);
    }

    /** Only calls whose request carries this text count (and fail). */
    public FaultInjection whenRequestContains(String text) {
        return new FaultInjection(service, operation, fault, firstCall, calls, text);
    }
}
