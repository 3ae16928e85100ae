package com.ecsapi.onboarder.aws;

import com.ecsapi.onboarder.lambda.InvocationContext;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's SnapStart priming, run by the {@code beforeCheckpoint} hook when Lambda publishes a version: the
 * function's AWS calls and its own wiring, through clients of a {@link PrimingEndpoint} (no AWS, no IAM, no network),
 * so that the snapshot holds their classes loaded and initialised, and their hot paths compiled, and the first event
 * after a restore does not pay for them. Nothing is left to undo after the restore: priming opens no connection of
 * the function's clients, resolves none of its credentials and reads no clock into their state.
 */
public abstract class PrimingHook implements Resource {

    /** What a priming did: the calls completed, those that failed (with why), the requests the endpoint answered. */
    public record Primed(List<String> calls, Map<String, String> failures, List<String> requestsAnswered) {
    }

    /**
     * Runs of the function's priming: after the first has loaded the classes, the next ones make the JIT compile the
     * paths an event takes, and the compiled code is part of the snapshot.
     */
    private static final int ROUNDS = 10;

    private final StructuredLog log;

    protected PrimingHook() {
        this.log = StructuredLog.of(getClass());
    }

    /**
     * Registers the hook with the CRaC runtime (Lambda's). The runtime holds hooks weakly: the caller keeps this
     * object (the handler, in a field).
     */
    public final PrimingHook register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    /** The function's calls, each through a client of {@code endpoint}, e.g. {@code endpoint.call(() -> ...)}. */
    protected abstract void primeWith(PrimingEndpoint endpoint);

    /** Runs the priming on a fresh endpoint, closed afterwards. */
    public final Primed prime() {
        try (PrimingEndpoint endpoint = PrimingEndpoint.start()) {
            endpoint.call(PrimingHook::credentialProviders);
            for (int round = 0; round < ROUNDS; round++) {
                primeWith(endpoint);
            }
            // the handlers' entry code set the priming's request id on this thread: no later line names it
            StructuredLog.startRequest(null);
            endpoint.close();
            return new Primed(endpoint.primed(), endpoint.failed(), endpoint.answered());
        } catch (IOException e) {
            return new Primed(List.of(), Map.of("starting the priming endpoint", e.toString()), List.of());
        }
    }

    /**
     * The providers the SDK's default chain tries, and the chain itself (which the default provider builds on its
     * first use), built and dropped without asking any for credentials: their classes are loaded, and no
     * credentials are resolved into the snapshot. Their constructors read no credentials: the profile provider
     * reads its file on first use, the web identity provider only notes its environment variables (a token file is
     * read, and STS called, on first use), the container and instance profile providers call their endpoints on
     * first use.
     */
    private static AwsCredentialsProvider credentialProviders() {
        List<AwsCredentialsProvider> providers = List.of(SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(), WebIdentityTokenFileCredentialsProvider.builder().build(),
                ProfileCredentialsProvider.builder().build(), ContainerCredentialsProvider.builder().build(),
                InstanceProfileCredentialsProvider.builder().build(), DefaultCredentialsProvider.builder().build());
        return AwsCredentialsProviderChain.builder().credentialsProviders(providers).build();
    }

    /**
     * The Lambda context of a priming invocation, for the handlers' own entry code: request id {@code priming}, a
     * remaining time that never runs out, and a logger that discards.
     */
    protected static com.amazonaws.services.lambda.runtime.Context invocation() {
        return InvocationContext.of("priming", () -> Integer.MAX_VALUE);
    }

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        Primed primed = prime();
        // Priming grew the metaspace past the JVM's first collection threshold: collected now, the threshold is set
        // from what the snapshot holds, and the first event after a restore does not stop for a full collection
        // (250 ms measured). It also leaves the priming's garbage out of the snapshot.
        System.gc();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("calls", primed.calls().size());
        fields.put("failures", primed.failures());
        if (primed.failures().isEmpty()) {
            log.info("SnapStart priming done", fields);
        } else {
            log.warn("SnapStart priming: some calls failed; the first event after a restore pays for them", fields);
        }
    }

    @Override
    public final void afterRestore(Context<? extends Resource> context) {
        // nothing of the priming is left in the snapshot to reset
    }
}
