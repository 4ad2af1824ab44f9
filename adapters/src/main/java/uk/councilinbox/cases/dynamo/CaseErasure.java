package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.OUTBOUND_PREFIX;
import static uk.councilinbox.cases.dynamo.TableLayout.PHOTO_PREFIX;
import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;
import static uk.councilinbox.cases.dynamo.TableLayout.casePk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Reference;

/**
 * What erasure does to each item of one of the resident's cases, once the case item no longer names them: their messages
 * lose their words, attachments, pins and platform ids (a digest of the message key is in the sort key, so such an item is written
 * again under a new one); every history event keeps who, what and when but not its detail ({@link CaseEvent#erased});
 * replies lose their text and platform message id, and are written again under a new id too, since a reply's id can
 * hold the message it answers (a reply still on the outbound queue at that moment, queued seconds before, could then be
 * sent a second time); photo records go (the copies were deleted from the bucket first); what
 * was sent to the works system loses the place, pin and description, and the works system's updates their descriptions.
 */
final class CaseErasure {

    private static final String MESSAGE_PREFIX = "MSG#";
    private static final String ERASED_PREFIX = "erased:";
    private static final String WORKS_UPDATE_PREFIX = "WORKS#UPDATE#";

    private final DynamoDbClient dynamo;
    private final String table;

    CaseErasure(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void erasePartition(Reference ref) {
        CaseItems.partition(dynamo, table, casePk(ref.value())).forEach(item -> {
            String sk = item.get(SK).s();
            if (sk.startsWith(MESSAGE_PREFIX) && item.containsKey("messageKey") && !item.get("messageKey").s().startsWith(ERASED_PREFIX)) {
                rewriteMessage(item);
            } else if (sk.startsWith("EVENT#")) {
                eraseEvent(item);
            } else if (sk.startsWith(OUTBOUND_PREFIX) && !sk.startsWith(OUTBOUND_PREFIX + ERASED_PREFIX)) {
                rewriteReply(item);
            } else if (sk.startsWith(PHOTO_PREFIX)) {
                erasePhotoRecord(item);
            } else if (sk.startsWith(WORKS_UPDATE_PREFIX) && item.containsKey("description")) {
                // The works system's words, which can repeat the address.
                update(item, "REMOVE description", Map.of(), Map.of());
            } else if (sk.equals(TableLayout.WORKS_REQUEST_SK)) {
                eraseWorksRequest(item);
            }
        });
    }

    /** The record goes (its copy was deleted from the bucket first); its history event stays, as an event item, erased. */
    private void erasePhotoRecord(Map<String, AttributeValue> photo) {
        if (!photo.containsKey("event")) {
            dynamo.deleteItem(b -> b.tableName(table).key(key(photo)));
            return;
        }
        Map<String, AttributeValue> event = new HashMap<>(erased(photo.get("event").m()));
        event.put(PK, photo.get(PK));
        event.put(SK, s("EVENT#" + event.get("at").s() + "#" + UUID.randomUUID()));
        Optional.ofNullable(photo.get(TableLayout.TTL)).ifPresent(ttl -> event.put(TableLayout.TTL, ttl));
        replace(photo, event);
    }

    /**
     * Marked first, in an update that returns the item as it then is: after it, no works sender part-way through this
     * case writes anything back, so what the mark returns is final. Then what was sent loses the place, pin and
     * description, its events their detail, and the works system's reason for refusing (which can echo the description).
     */
    private void eraseWorksRequest(Map<String, AttributeValue> seen) {
        Map<String, AttributeValue> request;
        try {
            request = dynamo.updateItem(b -> b.tableName(table).key(key(seen)).updateExpression("SET #erased = :true")
                    .conditionExpression("attribute_exists(PK)").expressionAttributeNames(Map.of("#erased", TableLayout.WORKS_ERASED))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))).returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException forgotten) {
            return; // gone meanwhile (the sweep forgot it): nothing to mark, and no half item made
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new java.util.ArrayList<>();
        if (request.containsKey("sent")) {
            Map<String, AttributeValue> sent = new HashMap<>(request.get("sent").m());
            sent.keySet().removeAll(List.of("address", "lat", "long", "description"));
            sets.add("#sent = :sent");
            names.put("#sent", "sent");
            values.put(":sent", AttributeValue.fromM(sent));
        }
        if (request.containsKey("events")) {
            sets.add("#events = :events");
            names.put("#events", "events");
            values.put(":events", AttributeValue.fromL(request.get("events").l().stream().map(e -> AttributeValue.fromM(erased(e.m()))).toList()));
        }
        if (request.containsKey("reason")) {
            sets.add("#reason = :reason");
            names.put("#reason", "reason");
            values.put(":reason", s(CaseEvent.ERASED_TEXT));
        }
        if (!sets.isEmpty()) {
            update(request, "SET " + String.join(", ", sets), names, values);
        }
    }

    private void rewriteMessage(Map<String, AttributeValue> message) {
        String erasedKey = ERASED_PREFIX + UUID.randomUUID();
        Map<String, AttributeValue> item = new HashMap<>(message);
        item.keySet().removeAll(List.of("attachments", "lat", "lon", "platformMessageId"));
        item.put(SK, s(MESSAGE_PREFIX + message.get("sentAt").s() + "#" + erasedKey));
        item.put("messageKey", s(erasedKey));
        item.put("text", s(""));
        if (message.containsKey("events")) {
            item.put("events", AttributeValue.fromL(message.get("events").l().stream()
                    .map(e -> AttributeValue.fromM(erased(e.m()))).toList()));
        }
        replace(message, item);
    }

    /** The item written again under its new key, and the old one gone, together. */
    private void replace(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(old))).build()));
    }

    private void eraseEvent(Map<String, AttributeValue> event) {
        boolean detail = !erased(event).equals(event);
        // A failed reply's event names the platform's id of the message (a WhatsApp one encodes their number).
        boolean platformId = event.containsKey("platformMessageId");
        if (detail || platformId) {
            update(event, (detail ? "SET #detail = :erased " : "") + (platformId ? "REMOVE platformMessageId" : ""),
                    detail ? Map.of("#detail", "detail") : Map.of(), detail ? Map.of(":erased", s(CaseEvent.ERASED_TEXT)) : Map.of());
        }
    }

    /** A reply's id can hold the message it answers (an acknowledgement's does), and its id is in the sort key. */
    private void rewriteReply(Map<String, AttributeValue> reply) {
        String erasedId = ERASED_PREFIX + UUID.randomUUID();
        Map<String, AttributeValue> item = new HashMap<>(reply);
        item.remove("platformMessageId");
        item.put(SK, s(OUTBOUND_PREFIX + erasedId));
        item.put("replyId", s(erasedId));
        item.put("text", s(CaseEvent.ERASED_TEXT));
        if (reply.containsKey("event")) {
            item.put("event", AttributeValue.fromM(erased(reply.get("event").m())));
        }
        replace(reply, item);
    }

    /** An event's attributes (on an event item, or kept on a message or reply) with its detail erased. */
    private static Map<String, AttributeValue> erased(Map<String, AttributeValue> event) {
        CaseEvent after = CaseItems.toEvent(event).erased();
        Map<String, AttributeValue> out = new HashMap<>(event);
        out.put("detail", s(after.detail()));
        return out;
    }

    private void update(Map<String, AttributeValue> item, String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        dynamo.updateItem(b -> b.tableName(table).key(key(item)).updateExpression(expression)
                .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values.isEmpty() ? null : values));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }
}
