package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The faults the proxy injects are the ones the real SDK classifies as AWS's: with every call faulted, a
 * DynamoDbClient (standard retry mode, 3 attempts) sees a throttling or retryable exception of the right type
 * and makes all three attempts, none of which reached moto; with the rate back at 0 the same call succeeds.
 */
@RequiresEmulators
class AwsFaultsTest {

    private static final Emulators EMULATORS = Emulators.forThisRun();
    private static final String TABLE = Provisioning.provision(EMULATORS, 2).table();
    private static final CountingProxy DYNAMO_PROXY = proxy("dynamodb", EMULATORS.dynamoEndpoint());
    private static final CountingProxy SQS_PROXY = proxy("sqs", EMULATORS.sqsEndpoint());
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder().endpointOverride(DYNAMO_PROXY.endpoint())
            .region(Region.of(Emulators.REGION)).credentialsProvider(CREDENTIALS)
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    private static final SqsClient SQS = SqsClient.builder().endpointOverride(SQS_PROXY.endpoint())
            .region(Region.of(Emulators.REGION)).credentialsProvider(CREDENTIALS)
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();

    private static CountingProxy proxy(String service, URI target) {
        try {
            return new CountingProxy(service, target);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        DYNAMO.close();
        SQS.close();
        DYNAMO_PROXY.close();
        SQS_PROXY.close();
    }

    private static long getItemCalls() {
        var tally = DYNAMO_PROXY.snapshot().get("GetItem");
        return tally == null ? 0 : tally.calls();
    }

    private static void getItem() {
        DYNAMO.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("CASE#none"), "SK", s("#CASE"))));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private static <T extends SdkServiceException> T faulted(AwsFaults.Kind kind, Class<T> type) {
        DYNAMO_PROXY.faults().set(kind, 1.0);
        long before = getItemCalls();
        try {
            T thrown = assertThrows(type, AwsFaultsTest::getItem);
            assertEquals(3, getItemCalls() - before, kind + ": every attempt the standard strategy makes");
            return thrown;
        } finally {
            DYNAMO_PROXY.faults().clear();
        }
    }

    @Test
    void dynamoDbThrottlesAreThrottlingToTheSdkAndRetried() {
        ProvisionedThroughputExceededException throughput = faulted(AwsFaults.Kind.PROVISIONED_THROUGHPUT_EXCEEDED,
                ProvisionedThroughputExceededException.class);
        assertTrue(throughput.isThrottlingException());
        assertEquals(400, throughput.statusCode());
        assertEquals("ProvisionedThroughputExceededException", throughput.awsErrorDetails().errorCode());
        ThrottlingException throttling = faulted(AwsFaults.Kind.THROTTLING, ThrottlingException.class);
        assertTrue(throttling.isThrottlingException());

        long before = getItemCalls();
        getItem();
        assertEquals(1, getItemCalls() - before, "rate 0: one call, answered by moto");
    }

    @Test
    void dynamoDbServerErrorsAreRetried() {
        InternalServerErrorException error = faulted(AwsFaults.Kind.SERVER_ERROR, InternalServerErrorException.class);
        assertEquals(500, error.statusCode());
        getItem();
    }

    @Test
    void sqsServerErrorsAreRetriedAndSlowCallsArePassedOnLate() {
        String queue = SQS.getQueueUrl(b -> b.queueName(Provisioning.INBOUND)).queueUrl();
        SQS_PROXY.faults().set(AwsFaults.Kind.SERVER_ERROR, 1.0);
        SdkServiceException error = assertThrows(SdkServiceException.class, () -> SQS.getQueueAttributes(b -> b.queueUrl(queue)));
        assertEquals(500, error.statusCode());
        assertEquals(3, SQS_PROXY.faults().injected().get(AwsFaults.Kind.SERVER_ERROR));

        SQS_PROXY.faults().clear();
        SQS_PROXY.faults().set(AwsFaults.Kind.SLOW, 1.0);
        long started = System.nanoTime();
        SQS.getQueueAttributes(b -> b.queueUrl(queue));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "held at least 1 s");
        SQS_PROXY.faults().clear();
    }
}
