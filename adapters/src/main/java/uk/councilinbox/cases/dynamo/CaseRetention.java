package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.n;
import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;
import static uk.councilinbox.cases.dynamo.TableLayout.TTL;
import static uk.councilinbox.cases.dynamo.TableLayout.casePk;

import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import uk.councilinbox.cases.Reference;

/**
 * A closed case's retention: every item of its partition gets the TTL, so DynamoDB deletes the whole case after it. A case
 * can have hundreds of items, more than a transaction takes, so the closing transaction writes a marker
 * ({@code RETENTION#PENDING} / {@code <closed at>#<ref>}, with the expiry) and the marker goes only once every item has
 * its TTL. A crash or a throttled write part-way leaves the marker, and {@link #finishUnfinished} (scheduled) does the
 * rest. The marker expires with the case, so even a marker never finished does not outlive it.
 */
final class CaseRetention {

    private static final Logger LOG = Logger.getLogger(CaseRetention.class);
    static final String PENDING_PK = "RETENTION#PENDING";

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.util.function.BiConsumer<Reference, Instant> caseExpires;

    /** @param caseExpires called once the case's items have their expiry, before the marker goes (so it is resumed too) */
    CaseRetention(DynamoDbClient dynamo, String table, java.util.function.BiConsumer<Reference, Instant> caseExpires) {
        this.dynamo = dynamo;
        this.table = table;
        this.caseExpires = caseExpires;
    }

    /** The marker to write in the transaction that closes the case. */
    TransactWriteItem marker(Reference ref, Instant closedAt, Instant expireAt) {
        Map<String, AttributeValue> item = Map.of(PK, s(PENDING_PK), SK, s(closedAt + "#" + ref.value()), "reference", s(ref.value()),
                "expireAt", n(Long.toString(expireAt.getEpochSecond())), TTL, n(Long.toString(expireAt.getEpochSecond())));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** Right after the closing transaction: a failure here is not the caller's (the change is saved); the sweep finishes it. */
    void applyNow(Reference ref, Instant closedAt, Instant expireAt) {
        try {
            apply(ref, closedAt.toString() + "#" + ref.value(), expireAt);
        } catch (RuntimeException e) {
            LOG.warnf("Retention of case %s left to the sweep: %s", ref.value(), e.getClass().getSimpleName());
        }
    }

    /** Finishes the retention of cases closed before {@code closedBefore} whose marker is still there, at most {@code limit}. */
    int finishUnfinished(Instant closedBefore, int limit) {
        int finished = 0;
        var markers = dynamo.query(b -> b.tableName(table).consistentRead(true).limit(limit)
                .keyConditionExpression("PK = :pk AND SK < :before")
                .expressionAttributeValues(Map.of(":pk", s(PENDING_PK), ":before", s(closedBefore.toString())))).items();
        for (Map<String, AttributeValue> marker : markers) {
            apply(new Reference(marker.get("reference").s()), marker.get(SK).s(),
                    Instant.ofEpochSecond(Long.parseLong(marker.get("expireAt").n())));
            finished++;
        }
        return finished;
    }

    private void expire(Map<String, AttributeValue> key, AttributeValue at) {
        dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #ttl = :at")
                .expressionAttributeNames(Map.of("#ttl", TTL)).expressionAttributeValues(Map.of(":at", at)));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }

    private void apply(Reference ref, String markerSk, Instant expireAt) {
        AttributeValue at = n(Long.toString(expireAt.getEpochSecond()));
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("PK = :pk")
                        .projectionExpression("PK, SK, #ttl").expressionAttributeNames(Map.of("#ttl", TTL))
                        .expressionAttributeValues(Map.of(":pk", s(casePk(ref.value()))))).items().stream()
                .filter(item -> !at.equals(item.get(TTL)))
                .forEach(item -> {
                    // The lookup from the works system's id lives outside the partition: it goes with the case too.
                    if (item.get(SK).s().equals(TableLayout.WORKS_REQUEST_SK)) {
                        TableLayout.worksIdKeyOf(dynamo.getItem(b -> b.tableName(table).key(key(item))).item())
                                .ifPresent(lookup -> expire(lookup, at));
                    }
                    expire(key(item), at);
                });
        caseExpires.accept(ref, expireAt);
        try {
            // Only this closing's marker: the expiry it set is the one every item now has.
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, s(PENDING_PK), SK, s(markerSk)))
                    .conditionExpression("expireAt = :at").expressionAttributeValues(Map.of(":at", at)));
        } catch (ConditionalCheckFailedException e) {
            // Gone already (another run finished it).
        }
    }
}
