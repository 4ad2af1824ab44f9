package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.*;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.settings.InboxConfig;

/** {@link PhotoRecords} in the case's partition: the photo's item, its event and the pinned case in one transaction. */
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
    public Optional<CasePhoto> find(Reference reference, String photoId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(casePk(reference.value())), SK, s(photoSk(photoId))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CaseItems.toPhoto(item));
    }

    @Override
    public boolean record(CasePhoto photo, CaseEvent event, Optional<Case> pinned) {
        List<TransactWriteItem> items = new ArrayList<>();
        // The record and its event expire when the bucket's lifecycle rule deletes the copy (retention days after upload),
        // even when written after their case closed; closing the case later sets the case's own, later expiry on them.
        AttributeValue expiry = CaseItems.n(Long.toString(photo.at().plus(retention).getEpochSecond()));
        Map<String, AttributeValue> item = new java.util.HashMap<>(CaseItems.photoItem(photo));
        item.put(TTL, expiry);
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build());
        Map<String, AttributeValue> eventItem = new java.util.HashMap<>(CaseItems.eventItem(photo.reference(), event, UUID.randomUUID().toString()));
        eventItem.put(TTL, expiry);
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(eventItem)).build());
        // The case must still be there and still the resident's: a photo fetched while they were erased is not recorded.
        items.add(pinned.map(c -> CaseItems.versionedPut(table, c)).orElseGet(() -> TransactWriteItem.builder().conditionCheck(check -> check
                .tableName(table).key(Map.of(PK, s(casePk(photo.reference().value())), SK, s(CASE_SK)))
                .conditionExpression("attribute_exists(PK) AND residentId <> :erased")
                .expressionAttributeValues(Map.of(":erased", s(ProgressUpdates.ERASED_RESIDENT)))).build()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                return false;
            }
            if (CaseItems.failedCondition(e.cancellationReasons(), 2)) {
                throw new CaseChangedException(photo.reference());
            }
            throw e;
        }
    }
}
