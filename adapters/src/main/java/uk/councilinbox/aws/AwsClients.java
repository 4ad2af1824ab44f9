package uk.councilinbox.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The DynamoDB and SQS clients, as the Quarkus extension builds them (HTTP client, endpoint, credentials
 * from {@code quarkus.dynamodb.*} and {@code quarkus.sqs.*}), with the SDK's own retry strategy set from
 * each function's application.properties: {@code retries.dynamodb.mode} / {@code retries.dynamodb.max-attempts}
 * and the same for {@code sqs}. The extension has no key for the retry strategy (3.14.1), so this producer
 * does what its guide shows for further configuration: takes the extension's builder and adds to it.
 * The strategy is the SDK's for the mode ({@code standard}, {@code adaptive_v2} or {@code legacy}), with AWS's
 * retryable and throttling errors; its backoff is the SDK's (full jitter from 100 ms, throttling from 1 s, at most
 * 20 s) except that DynamoDB keeps its client's own 25 ms base (what the SDK's DynamoDB client uses when no strategy
 * is given). Only the number of attempts is the functions' choice (README, "Resilience").
 */
@ApplicationScoped
public class AwsClients {

    /** DynamoDB's client's own base delay and the SDK's largest backoff. */
    private static final Duration DYNAMODB_BASE_DELAY = Duration.ofMillis(25);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDb(DynamoDbClientBuilder builder, @ConfigProperty(name = "retries.dynamodb.mode", defaultValue = "standard") String mode,
            @ConfigProperty(name = "retries.dynamodb.max-attempts", defaultValue = "3") int maxAttempts) {
        RetryStrategy.Builder<?, ?> strategy = strategy(mode, maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(DYNAMODB_BASE_DELAY, MAX_BACKOFF));
        return withRetries(builder, strategy.build()).build();
    }

    @Produces
    @ApplicationScoped
    SqsClient sqs(SqsClientBuilder builder, @ConfigProperty(name = "retries.sqs.mode", defaultValue = "standard") String mode,
            @ConfigProperty(name = "retries.sqs.max-attempts", defaultValue = "3") int maxAttempts) {
        return withRetries(builder, strategy(mode, maxAttempts).build()).build();
    }

    static RetryStrategy.Builder<?, ?> strategy(String mode, int maxAttempts) {
        RetryMode retryMode = RetryMode.valueOf(mode.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        return AwsRetryStrategy.forRetryMode(retryMode).toBuilder().maxAttempts(maxAttempts);
    }

    /**
     * The builder's own override configuration (the extension's timeouts and interceptors) with the retry strategy set,
     * and each call's time for {@link CallTimings} (logged only at DEBUG).
     */
    static <B extends SdkClientBuilder<B, ?>> B withRetries(B builder, RetryStrategy strategy) {
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().retryStrategy(strategy)
                .addExecutionInterceptor(new CallTimings()).build());
    }
}
