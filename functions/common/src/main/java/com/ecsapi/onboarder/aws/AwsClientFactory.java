package com.ecsapi.onboarder.aws;

import com.ecsapi.onboarder.aws.pacing.Pacing;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * Where a function's wiring gets its AWS clients: {@link AwsClients#FACTORY} when it runs, a {@link PrimingEndpoint}
 * when SnapStart priming runs the same wiring without AWS.
 */
public interface AwsClientFactory {

    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder);

    /** A client whose calls {@code pacing} paces (AWS's per-account control-plane limits). */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder, Pacing pacing);
}
