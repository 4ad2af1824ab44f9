package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.*;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseStore.CaseChangedException;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.photos.PhotoRecords;
import uk.councilinbox.settings.InboxConfig;

/** {@link PhotoRecords} in the case's partition: the photo's item with its event, and the pinned case, in one transaction. */
@ApplicationScoped
public class DynamoPhotoRecords implements PhotoRecords {

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.time.Duration retention;

    public DynamoPhotoRecords(DynamoDbClient dynamo, InboxConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.retention = java.time.Duration.ofDays(config.staff().retentionDays());
    }

    @Override
    public Found find(Reference reference, String photoId) {
        CaseItems.WithCase read = CaseItems.withCase(dynamo, table, reference, photoSk(photoId));
        return new Found(read.c(), read.item().map(CaseItems::toPhoto));
    }

    @Override
    public boolean record(CasePhoto photo, CaseEvent event, Optional<Case> pinned) {
        List<TransactWriteItem> items = new ArrayList<>();
        // The record and its event expire when the bucket's lifecycle rule deletes the copy (retention days after upload),
        // even when written after their case closed; closing the case later sets the case's own, later expiry on them.
        AttributeValue expiry = CaseItems.n(Long.toString(photo.at().plus(retention).getEpochSecond()));
        Map<String, AttributeValue> item = new java.util.HashMap<>(CaseItems.photoItem(photo));
        item.put(TTL, expiry);
        // Its history event is kept on the record (CaseItems.eventsOf), not as an item of its own: one write fewer.
        item.put("event", CaseItems.eventValue(event));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build());
        // The case must still be there and still the resident's: a photo fetched while they were erased is not recorded.
        items.add(pinned.map(c -> CaseItems.versionedPut(table, c)).orElseGet(() -> TransactWriteItem.builder().conditionCheck(check -> check
                .tableName(table).key(Map.of(PK, s(casePk(photo.reference().value())), SK, s(CASE_SK)))
                .conditionExpression("attribute_exists(PK) AND residentId <> :erased")
                .expressionAttributeValues(Map.of(":erased", s(Case.ERASED_RESIDENT)))).build()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                return false;
            }
            if (CaseItems.failedCondition(e.cancellationReasons(), 1)) {
                throw new CaseChangedException(photo.reference());
            }
            throw e;
        }
    }
}
