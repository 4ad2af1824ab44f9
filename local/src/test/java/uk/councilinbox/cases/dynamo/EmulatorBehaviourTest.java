package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.councilinbox.cases.dynamo.CaseItems.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.S3Client;
import uk.councilinbox.local.Emulators;
import uk.councilinbox.local.LocalEmulators;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;

/**
 * What our DynamoDB adapters rely on, pinned against the emulator in use (moto here): error shapes,
 * transaction atomicity and isolation, pagination, index order, TTL. Where moto is not DynamoDB the test
 * says so and pins moto's side, so a moto upgrade that changes it fails here, loudly, not somewhere in
 * the pipeline.
 */
@RequiresEmulators
class EmulatorBehaviourTest {

    private static final Emulators EMULATORS = Emulators.forThisRun();
    private static final DynamoDbClient DYNAMO = Provisioning.dynamo(EMULATORS.dynamoEndpoint());
    private static final String TABLE = Provisioning.provision(EMULATORS, 2).table();

    private final String run = UUID.randomUUID().toString();

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeAll
    static void tableIsThere() {
        assertEquals(TABLE, DYNAMO.describeTable(b -> b.tableName(TABLE)).table().tableName());
    }

    @Test
    void aFailedConditionOnAPutIsConditionalCheckFailedAndChangesNothing() {
        Map<String, AttributeValue> item = item("CLAIM#" + run, "#REPLY", Map.of("state", s("in_flight")));
        DYNAMO.putItem(b -> b.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(PK)"));

        Map<String, AttributeValue> again = item("CLAIM#" + run, "#REPLY", Map.of("state", s("sent")));
        assertThrows(ConditionalCheckFailedException.class,
                () -> DYNAMO.putItem(b -> b.tableName(TABLE).item(again).conditionExpression("attribute_not_exists(PK)")));

        assertEquals("in_flight", get("CLAIM#" + run, "#REPLY").get("state").s());
    }

    @Test
    void aCancelledTransactionNamesTheFailedActionAndWritesNoneOfItsItems() {
        String guard = "MSGKEY#" + run;
        save(item(guard, "#GUARD", Map.of()));

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
                () -> DYNAMO.transactWriteItems(b -> b.transactItems(
                        put(item("CASE#" + run, "#CASE", Map.of()), "attribute_not_exists(PK)"),
                        put(item(guard, "#GUARD", Map.of("opened", AttributeValue.fromBool(true))), "attribute_not_exists(PK)"),
                        put(item("CASE#" + run, "MSG#1", Map.of()), null))));

        List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
        assertEquals(List.of("None", "ConditionalCheckFailed", "None"), codes);
        assertTrue(get("CASE#" + run, "#CASE").isEmpty(), "the put before the failed action was rolled back");
        assertTrue(get("CASE#" + run, "MSG#1").isEmpty(), "the put after the failed action was rolled back");
        assertFalse(get(guard, "#GUARD").containsKey("opened"));
    }

    @Test
    void concurrentTransactionsOnOneGuardAreIsolatedExactlyOneWins() throws Exception {
        String guard = "MSGKEY#race-" + run;
        int racers = 8;
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String caseKey = "CASE#race-" + run + "-" + i;
            attempts.add(() -> {
                try {
                    DYNAMO.transactWriteItems(b -> b.transactItems(
                            put(item(caseKey, "#CASE", Map.of()), "attribute_not_exists(PK)"),
                            put(item(guard, "#GUARD", Map.of("reference", s(caseKey))), "attribute_not_exists(PK)")));
                    return true;
                } catch (TransactionCanceledException e) {
                    assertEquals("ConditionalCheckFailed", e.cancellationReasons().get(1).code());
                    return false;
                }
            });
        }
        List<Boolean> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (Future<Boolean> f : pool.invokeAll(attempts)) {
                won.add(f.get());
            }
        }
        assertEquals(1, won.stream().filter(w -> w).count(), "one transaction opens the case: " + won);
        String winner = get(guard, "#GUARD").get("reference").s();
        for (int i = 0; i < racers; i++) {
            String caseKey = "CASE#race-" + run + "-" + i;
            assertEquals(caseKey.equals(winner), !get(caseKey, "#CASE").isEmpty(), caseKey);
        }
    }

    @Test
    void aTransactionNamingOneItemTwiceIsRefusedBeforeAnythingIsWritten() {
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> DYNAMO.transactWriteItems(b -> b.transactItems(
                put(item("CASE#twice-" + run, "#CASE", Map.of()), null),
                put(item("CASE#twice-" + run, "#CASE", Map.of("n", s("2"))), null))));

        assertFalse(refused instanceof TransactionCanceledException);
        assertEquals(400, refused.statusCode());
        assertTrue(get("CASE#twice-" + run, "#CASE").isEmpty());
    }

    @Test
    void aQueryWithALimitPagesThroughLastEvaluatedKeyInKeyOrder() {
        String pk = "CASE#pages-" + run;
        for (int i = 0; i < 5; i++) {
            save(item(pk, "EVENT#" + i, Map.of()));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = DYNAMO.query(b -> b.tableName(TABLE).consistentRead(true).limit(2)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> seen.add(i.get("SK").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 10);

        assertEquals(List.of("EVENT#0", "EVENT#1", "EVENT#2", "EVENT#3", "EVENT#4"), seen);
        assertEquals(3, pages);
        assertEquals(5, DYNAMO.queryPaginator(b -> b.tableName(TABLE).limit(2).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items().stream().count(), "the SDK's paginator follows it");
    }

    @Test
    void anIndexIsSparseAndReadsNewestFirstWhenAsked() {
        String resident = "RESIDENT#behaviour:" + run;
        for (String updated : List.of("2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z", "2026-12-01T11:00:00Z")) {
            save(item("CASE#" + updated + run, "#CASE", Map.of("GSI2PK", s(resident), "GSI2SK", s(updated))));
        }
        save(item("CASE#noindex-" + run, "#CASE", Map.of("GSI2PK", s(resident))));

        List<String> newestFirst = DYNAMO.query(b -> b.tableName(TABLE).indexName("GSI2").scanIndexForward(false).limit(10)
                        .keyConditionExpression("GSI2PK = :pk").expressionAttributeValues(Map.of(":pk", s(resident))))
                .items().stream().map(i -> i.get("GSI2SK").s()).toList();

        assertEquals(List.of("2026-12-01T12:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T10:00:00Z"), newestFirst,
                "the item without the index's sort key is not in the index");
    }

    @Test
    void aConsistentReadOnAGlobalIndexIsRefused() {
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> DYNAMO.query(b -> b.tableName(TABLE).indexName("GSI2")
                .consistentRead(true).keyConditionExpression("GSI2PK = :pk").expressionAttributeValues(Map.of(":pk", s("x")))));
        assertEquals(400, refused.statusCode());
    }

    @Test
    void removingAttributesAnItemDoesNotHaveIsFine() {
        save(item("CASE#erase-" + run, "MSG#1", Map.of("text", s("words"))));

        DYNAMO.updateItem(b -> b.tableName(TABLE).key(key("CASE#erase-" + run, "MSG#1"))
                .updateExpression("SET #text = :empty REMOVE attachments, lat, lon")
                .expressionAttributeNames(Map.of("#text", "text")).expressionAttributeValues(Map.of(":empty", s(""))));

        assertEquals("", get("CASE#erase-" + run, "MSG#1").get("text").s());
    }

    /** moto never expires items: tests check the {@code expiresAt} attribute, not that the item went. */
    @Test
    void timeToLiveIsEnabledButExpiredItemsStayInTheEmulator() {
        assumeTrue(EMULATORS instanceof LocalEmulators, "moto's behaviour");
        assertEquals(TimeToLiveStatus.ENABLED, DYNAMO.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription().timeToLiveStatus());
        long anHourAgo = System.currentTimeMillis() / 1000 - 3600;
        save(item("CASE#expired-" + run, "#CASE", Map.of(TableLayout.TTL, AttributeValue.fromN(Long.toString(anHourAgo)))));

        assertFalse(get("CASE#expired-" + run, "#CASE").isEmpty());
    }

    /** moto's consumed capacity is not DynamoDB's: bin/bench computes units itself (local/CapacityUnits). */
    @Test
    void theEmulatorsConsumedCapacityIsNotDynamoDbs() {
        assumeTrue(EMULATORS instanceof LocalEmulators, "moto's behaviour");
        Map<String, AttributeValue> big = item("CASE#big-" + run, "#CASE", Map.of("text", s("x".repeat(3000)),
                "GSI2PK", s("RESIDENT#big"), "GSI2SK", s("1")));
        double reported = DYNAMO.putItem(b -> b.tableName(TABLE).item(big).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
        var transaction = DYNAMO.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(put(item("CASE#tx-" + run, "#CASE", Map.of()), null)));

        // DynamoDB: 3 KB item = 3 WRU, plus 3 for the index it enters; a one-item transaction = 2 WRU.
        assertEquals(1.0, reported, "moto reports 1 unit for any put");
        assertTrue(transaction.consumedCapacity().isEmpty(), "moto reports nothing for a transaction");
    }

    @Test
    void theSameProcessServesS3() {
        String bucket = "behaviour-" + run.substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(EMULATORS.s3Endpoint()).region(Region.of(Emulators.REGION))
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(Emulators.REGION)));
            s3.putObject(b -> b.bucket(bucket).key("photo.jpg").contentType("image/jpeg"), RequestBody.fromString("jpeg bytes"));

            assertEquals("jpeg bytes", s3.getObjectAsBytes(b -> b.bucket(bucket).key("photo.jpg")).asUtf8String());
        }
    }

    private static void save(Map<String, AttributeValue> item) {
        DYNAMO.putItem(b -> b.tableName(TABLE).item(item));
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item).conditionExpression(condition)).build();
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return DYNAMO.getItem(b -> b.tableName(TABLE).consistentRead(true).key(key(pk, sk))).item();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", s(pk), "SK", s(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, Map<String, AttributeValue> rest) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(rest);
        item.putAll(key(pk, sk));
        return item;
    }

}
