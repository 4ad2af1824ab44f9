package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.RESIDENT_SK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;
import static uk.councilinbox.cases.dynamo.TableLayout.TTL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import uk.councilinbox.privacy.Pseudonyms;

/**
 * The keys of a resident's own items, made of their pseudonym ({@link Pseudonyms}): their item
 * ({@code RESIDENT#<pseudonym>}) and their held replies ({@code HELD#<pseudonym>}). Each such item carries
 * {@link #KEY_ID}, the fingerprint of the secret that made its key.
 *
 * <p>While the secret is being rotated, an item still under the previous pseudonym is moved to the current one the first
 * time it is read, and before any write that does not read it first, so no write ever starts a second item for the same
 * resident; {@link ResidentKeyRotation} moves the rest.
 */
final class ResidentKeys {

    static final String KEY_ID = "keyId";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Pseudonyms pseudonyms;

    ResidentKeys(DynamoDbClient dynamo, String table, Pseudonyms pseudonyms) {
        this.dynamo = dynamo;
        this.table = table;
        this.pseudonyms = pseudonyms;
    }

    Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    /** The resident's item's key. */
    Map<String, AttributeValue> itemKey(String residentKey) {
        return TableLayout.residentItemKey(pseudonyms.resident(residentKey));
    }

    String itemPk(String residentKey) {
        return TableLayout.residentPk(pseudonyms.resident(residentKey));
    }

    String heldPk(String residentKey) {
        return TableLayout.heldPk(pseudonyms.resident(residentKey));
    }

    /** Where held replies may be: their partition, and while rotating the one under their previous pseudonym. */
    List<String> heldPks(String residentKey) {
        List<String> pks = new ArrayList<>(List.of(heldPk(residentKey)));
        pseudonyms.previousResident(residentKey).map(TableLayout::heldPk).ifPresent(pks::add);
        return pks;
    }

    AttributeValue keyId() {
        return s(pseudonyms.keyId());
    }

    /** Their item, read strongly consistently (null when they have none); while rotating, moved to the current key first. */
    Map<String, AttributeValue> read(String residentKey) {
        Map<String, AttributeValue> item = get(itemKey(residentKey));
        if (item != null || !pseudonyms.rotating()) {
            return item;
        }
        Map<String, AttributeValue> previous = get(TableLayout.residentItemKey(pseudonyms.previousResident(residentKey).orElseThrow()));
        if (previous == null) {
            return null;
        }
        moveItem(previous, itemPk(residentKey));
        return get(itemKey(residentKey));
    }

    /** Before a write to their item that has not read it: while rotating, their item is moved to the current key. */
    void beforeWrite(String residentKey) {
        if (pseudonyms.rotating()) {
            read(residentKey);
        }
    }

    /**
     * Moves a resident's item under {@code pk}: copied when none is there yet, else merged into the one there (their cases
     * and held-reply counts added, the latest case kept), and the old item deleted in the same transaction. A move that
     * loses a race to another (the old item already gone) is left to it.
     */
    void moveItem(Map<String, AttributeValue> old, String pk) {
        Map<String, AttributeValue> copy = new HashMap<>(old);
        copy.put(PK, s(pk));
        copy.put(KEY_ID, keyId());
        TransactWriteItem deleteOld = TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of(PK, old.get(PK), SK, old.get(SK))).conditionExpression("attribute_exists(PK)")).build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(p -> p.tableName(table).item(copy)
                    .conditionExpression("attribute_not_exists(PK)")).build(), deleteOld));
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 1)) {
                return;
            }
            if (!CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                throw e;
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(merge(old, pk), deleteOld));
            } catch (TransactionCanceledException lost) {
                if (!CaseItems.failedCondition(lost.cancellationReasons(), 1)) {
                    throw lost;
                }
            }
        }
    }

    private TransactWriteItem merge(Map<String, AttributeValue> old, String pk) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":keyId", keyId()));
        List<String> adds = new ArrayList<>();
        StringBuilder set = new StringBuilder("SET " + KEY_ID + " = :keyId");
        if (old.containsKey(ResidentItem.LATEST_CASE)) {
            set.append(", #latest = if_not_exists(#latest, :latest)");
            names.put("#latest", ResidentItem.LATEST_CASE);
            values.put(":latest", old.get(ResidentItem.LATEST_CASE));
        }
        old.forEach((name, value) -> {
            boolean isSet = value.hasSs() && !value.ss().isEmpty();
            if (isSet || name.equals(ResidentItem.HELD_REPLIES)) {
                String n = "#a" + adds.size();
                names.put(n, name);
                values.put(":a" + adds.size(), value);
                adds.add(n + " :a" + adds.size());
            }
        });
        // An old item without an expiry lists an open case: then the merged item lives until that closes too.
        boolean open = !old.containsKey(TTL);
        String update = set + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds)) + (open ? " REMOVE #ttl" : "");
        if (open) {
            names.put("#ttl", TTL);
        }
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of(PK, s(pk), SK, s(RESIDENT_SK)))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /** A held reply moved under {@code pk}, once. */
    void moveHeld(Map<String, AttributeValue> old, String pk) {
        Map<String, AttributeValue> copy = new HashMap<>(old);
        copy.put(PK, s(pk));
        copy.put(KEY_ID, keyId());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(copy)).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(PK, old.get(PK), SK, old.get(SK)))
                            .conditionExpression("attribute_exists(PK)")).build()));
        } catch (TransactionCanceledException e) {
            if (!CaseItems.failedCondition(e.cancellationReasons(), 1)) {
                throw e;
            }
        }
    }

    /** Erasure: their item under every key it may be under. */
    void deleteItems(String residentKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(itemKey(residentKey)));
        pseudonyms.previousResident(residentKey)
                .ifPresent(previous -> dynamo.deleteItem(b -> b.tableName(table).key(TableLayout.residentItemKey(previous))));
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    static Optional<String> keyIdOf(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get(KEY_ID)).map(AttributeValue::s);
    }
}
