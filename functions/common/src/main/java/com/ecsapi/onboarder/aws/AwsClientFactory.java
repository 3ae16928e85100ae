package com.ecsapi.onboarder.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * Where a function's wiring gets its AWS clients: {@code AwsClients::create} when it runs, a {@link PrimingEndpoint}
 * when SnapStart priming runs the same wiring without AWS.
 */
@FunctionalInterface
public interface AwsClientFactory {

    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder);
}
