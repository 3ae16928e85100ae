package com.ecsapi.onboarder.aws;

import com.ecsapi.onboarder.aws.pacing.Pacing;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds every AWS client of a function the same way: one shared Apache HTTP client (it can send the PATCH
 * that API Gateway {@code Update*} calls need), adaptive retry for throttling or, for the control-plane clients a
 * function paces itself, its {@link Pacing}, and the
 * endpoint the SDK itself takes from {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}, unless
 * {@value #LOCAL_ENDPOINT_VARIABLE} names one.
 *
 * <p>{@value #LOCAL_ENDPOINT_VARIABLE} exists for {@code sam local invoke}: SAM CLI hands a function only the
 * variables its template declares, and a declared {@code AWS_ENDPOINT_URL} would be deployed too, where the empty
 * value it must have there breaks every SDK call. Deployed, this one is empty and means "no override".
 */
public final class AwsClients {

    public static final String LOCAL_ENDPOINT_VARIABLE = "LOCAL_AWS_ENDPOINT_URL";

    private static final SdkHttpClient HTTP_CLIENT = httpClient();

    /** These methods as an {@link AwsClientFactory}: where the functions' wiring gets its clients when it runs. */
    public static final AwsClientFactory FACTORY = new AwsClientFactory() {
        @Override
        public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
            return AwsClients.create(builder);
        }

        @Override
        public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder, Pacing pacing) {
            return AwsClients.create(builder, pacing);
        }
    };

    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
        return create(builder, List.of());
    }

    /** As {@link #create(AwsClientBuilder)}, with interceptors (e.g. one that counts calls per operation). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(
            B builder, List<ExecutionInterceptor> interceptors) {
        return create(builder, ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.ADAPTIVE_V2)
                .executionInterceptors(interceptors));
    }

    /**
     * A client whose calls are paced by {@code pacing} (AWS's per-account control-plane limits), with throttling
     * retried within the invocation's time instead of the adaptive mode's fixed attempts.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder, Pacing pacing) {
        return create(builder, ClientOverrideConfiguration.builder()
                .retryStrategy(pacing.retryStrategy())
                .addExecutionInterceptor(pacing.interceptor()));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(
            B builder, ClientOverrideConfiguration.Builder configuration) {
        localEndpoint(System.getenv(LOCAL_ENDPOINT_VARIABLE)).ifPresent(builder::endpointOverride);
        return build(builder, HTTP_CLIENT, configuration);
    }

    /** A client on {@code httpClient} with {@code configuration} (SnapStart priming builds its own clients so). */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, SdkHttpClient httpClient, ClientOverrideConfiguration.Builder configuration) {
        return builder.httpClient(httpClient).overrideConfiguration(configuration.build()).build();
    }

    /** An HTTP client as the functions' AWS clients share one. */
    static SdkHttpClient httpClient() {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The endpoint a {@value #LOCAL_ENDPOINT_VARIABLE} value names: none when unset or blank. */
    static Optional<URI> localEndpoint(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI endpoint;
        try {
            endpoint = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LOCAL_ENDPOINT_VARIABLE + " is not a URL: '" + value + "'", e);
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw new IllegalStateException(LOCAL_ENDPOINT_VARIABLE + " must be an http(s) URL such as "
                    + "http://127.0.0.1:5000, got '" + value + "'");
        }
        return Optional.of(endpoint);
    }
}
