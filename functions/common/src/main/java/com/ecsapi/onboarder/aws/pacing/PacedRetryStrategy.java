package com.ecsapi.onboarder.aws.pacing;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

import java.time.Duration;

/**
 * The SDK side of {@link Pacing}: the SDK asks it for the wait before each attempt and whether to retry a failure;
 * it answers throttling from {@link Pacing} and everything else as the SDK's standard strategy does.
 */
final class PacedRetryStrategy implements RetryStrategy {

    private record Token(RetryToken standard, ControlPlaneLimit limit, int throttles) implements RetryToken {
    }

    private final Pacing pacing;
    private final RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy();

    PacedRetryStrategy(Pacing pacing) {
        this.pacing = pacing;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        ControlPlaneLimit limit = pacing.callInProgress();
        RetryToken standardToken = standard.acquireInitialToken(request).token();
        return AcquireInitialTokenResponse.create(new Token(standardToken, limit, 0), pacing.beforeAttempt(limit));
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        Token token = (Token) request.token();
        if (request.failure() instanceof AwsServiceException service && service.isThrottlingException()) {
            int throttles = token.throttles() + 1;
            Duration delay = pacing.afterThrottling(token.limit(), throttles).orElseThrow(() ->
                    new TokenAcquisitionFailedException("Throttled " + throttles + " times in a row; the invocation's "
                            + "time for retries is spent", token, request.failure()));
            return RefreshRetryTokenResponse.create(new Token(token.standard(), token.limit(), throttles), delay);
        }
        RefreshRetryTokenResponse refreshed = standard.refreshRetryToken(request.toBuilder()
                .token(token.standard()).build());
        Duration paced = pacing.beforeAttempt(token.limit());
        return RefreshRetryTokenResponse.create(new Token(refreshed.token(), token.limit(), token.throttles()),
                paced.compareTo(refreshed.delay()) > 0 ? paced : refreshed.delay());
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        Token token = (Token) request.token();
        standard.recordSuccess(RecordSuccessRequest.create(token.standard()));
        return RecordSuccessResponse.create(token);
    }

    @Override
    public int maxAttempts() {
        return standard.maxAttempts();
    }

    @Override
    public Builder<?, ?> toBuilder() {
        throw new UnsupportedOperationException("the paced retry strategy is built by Pacing, not configured");
    }
}
