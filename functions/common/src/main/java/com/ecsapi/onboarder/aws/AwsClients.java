package com.ecsapi.onboarder.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import java.time.Duration;
import java.util.List;

/**
 * Builds every AWS client of a function the same way: one shared Apache HTTP client (it can send the PATCH
 * that API Gateway {@code Update*} calls need), adaptive retry for the control-plane throttling, and the
 * endpoint the SDK itself takes from {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}.
 */
public final class AwsClients {

    private static final SdkHttpClient HTTP_CLIENT = ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build();

    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
        return create(builder, List.of());
    }

    /** As {@link #create(AwsClientBuilder)}, with interceptors (e.g. one that counts calls per operation). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(
            B builder, List<ExecutionInterceptor> interceptors) {
        return builder
                .httpClient(HTTP_CLIENT)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.ADAPTIVE_V2)
                        .executionInterceptors(interceptors)
                        .build())
                .build();
    }
}
