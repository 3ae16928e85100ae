package com.ecsapi.onboarder.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SDK calls made for their one-time work only (SnapStart priming): each runs through the client's whole pipeline,
 * request marshalling, endpoint rules, auth scheme and SigV4 signing, and is stopped just before the HTTP client
 * would send it. Nothing reaches the network, so priming needs no IAM grant and no route to an endpoint, and leaves
 * no connection open. It signs with throwaway credentials of its own: the function's credentials are neither
 * resolved nor cached in the snapshot, and a stopped call is not retried, so the retry strategy's rate state stays
 * untouched too.
 */
public final class PrimingCalls {

    private static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("OnboarderPrimingCall");
    private static final AwsRequestOverrideConfiguration PRIMING_OVERRIDE = AwsRequestOverrideConfiguration.builder()
            .putExecutionAttribute(PRIMING, Boolean.TRUE)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("PRIMINGNOTAKEY", "priming-not-a-secret")))
            .build();

    /** On every client ({@link AwsClients}), first in line: stops a priming call after signing, before sending. */
    static final ExecutionInterceptor STOP_BEFORE_SENDING = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
                throw new StoppedBeforeSending(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        }
    };

    private final List<String> primed = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    /**
     * Runs one call, which must give its request the priming override it is handed, e.g.
     * {@code calls.call(o -> elb.describeTags(r -> r.overrideConfiguration(o).resourceArns(arn)))}. A call that fails
     * before it is stopped (e.g. a request the marshaller refuses) is recorded in {@link #failed()}, not thrown:
     * priming is an optimisation, and an exception out of a SnapStart hook would fail the version's publication.
     * A call that is not stopped (its request lacks the override) was sent: that is a bug, and it throws.
     */
    public void call(Function<AwsRequestOverrideConfiguration, ?> call) {
        try {
            call.apply(PRIMING_OVERRIDE);
        } catch (RuntimeException e) {
            StoppedBeforeSending stop = stopIn(e);
            if (stop != null) {
                primed.add(stop.operation);
            } else {
                failed.put("call " + (primed.size() + failed.size() + 1), e.toString());
            }
            return;
        }
        throw new IllegalStateException("A priming call was sent: its request lacks the priming override");
    }

    /** The calls that went through the pipeline up to sending, as {@code Service:Operation}. */
    public List<String> primed() {
        return List.copyOf(primed);
    }

    /** The calls that failed before they were stopped (by their position among the calls), with the failure. */
    public Map<String, String> failed() {
        return Map.copyOf(failed);
    }

    private static StoppedBeforeSending stopIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoppedBeforeSending stop) {
                return stop;
            }
        }
        return null;
    }

    private static final class StoppedBeforeSending extends RuntimeException {
        private final String operation;

        StoppedBeforeSending(String operation) {
            super("priming call " + operation + " stopped before sending", null, false, false);
            this.operation = operation;
        }
    }
}
