package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.TableLayout.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.Digests;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;

/** Converts cases, messages and events to and from DynamoDB items. */
public final class CaseItems {

    private CaseItems() {}

    static Map<String, AttributeValue> caseItem(Case c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(casePk(c.reference().value())));
        item.put(SK, s(CASE_SK));
        item.put(GSI1_PK, s(statusKey(c.status().label())));
        item.put(GSI1_SK, s(c.category().label() + "#" + c.createdAt()));
        item.put("reference", s(c.reference().value()));
        item.put("status", s(c.status().label()));
        item.put("category", s(c.category().label()));
        item.put("confidence", n(Double.toString(c.confidence())));
        item.put("channel", s(c.channel().name()));
        item.put("residentId", s(c.residentId()));
        item.put("visibility", s(c.visibility().name()));
        c.place().ifPresent(p -> item.put("place", s(p)));
        c.pin().ifPresent(p -> {
            item.put("lat", n(Double.toString(p.latitude())));
            item.put("lon", n(Double.toString(p.longitude())));
        });
        item.put("photos", n(Integer.toString(c.photos())));
        item.put("createdAt", s(c.createdAt().toString()));
        item.put("updatedAt", s(c.updatedAt().toString()));
        item.put("lastResidentMessageAt", s(c.lastResidentMessageAt().toString()));
        item.put("version", n(Long.toString(c.version())));
        c.replyTarget().ifPresent(target -> item.put("replyTarget", s(target)));
        c.service().ifPresent(service -> item.put("service", s(service)));
        c.resolvedAt().ifPresent(at -> item.put("resolvedAt", s(at.toString())));
        putHandling(item, c);
        return item;
    }

    private static void putHandling(Map<String, AttributeValue> item, Case c) {
        Handling h = c.handling();
        h.assignee().ifPresent(a -> item.put("assignee", s(a)));
        h.awaitingAnswerSince().ifPresent(at -> item.put("awaitingAnswerSince", s(at.toString())));
        h.waitingOnResidentSince().ifPresent(at -> item.put("waitingOnResidentSince", s(at.toString())));
        h.firstHumanAnswerAt().ifPresent(at -> item.put("firstHumanAnswerAt", s(at.toString())));
        if (!c.status().isOpen()) {
            return;
        }
        // Sparse: only cases someone waits on are in the inbox index, oldest wait first.
        h.waiting().ifPresent(which -> {
            item.put(GSI3_PK, s(inboxPartition(which)));
            item.put(GSI3_SK, s(h.waitingSince(which).orElseThrow() + "#" + c.reference().value()));
        });
    }

    private static Handling toHandling(Map<String, AttributeValue> item) {
        return new Handling(Optional.ofNullable(item.get("assignee")).map(AttributeValue::s), instant(item, "awaitingAnswerSince"),
                instant(item, "waitingOnResidentSince"), instant(item, "firstHumanAnswerAt"));
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(v -> Instant.parse(v.s()));
    }

    public static Case toCase(Map<String, AttributeValue> item) {
        Optional<GeoPoint> pin = item.containsKey("lat")
                ? Optional.of(new GeoPoint(Double.parseDouble(item.get("lat").n()), Double.parseDouble(item.get("lon").n())))
                : Optional.empty();
        return new Case(
                new Reference(item.get("reference").s()),
                CaseStatus.valueOf(item.get("status").s().toUpperCase(java.util.Locale.ROOT)),
                Category.fromLabel(item.get("category").s()),
                Double.parseDouble(item.get("confidence").n()),
                Channel.valueOf(item.get("channel").s()),
                item.get("residentId").s(),
                Visibility.valueOf(item.get("visibility").s()),
                Optional.ofNullable(item.get("place")).map(AttributeValue::s),
                pin,
                Integer.parseInt(item.get("photos").n()),
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Instant.parse(item.get("lastResidentMessageAt").s()),
                Long.parseLong(item.get("version").n()),
                Optional.ofNullable(item.get("replyTarget")).map(AttributeValue::s),
                toHandling(item),
                Optional.ofNullable(item.get("service")).map(AttributeValue::s),
                instant(item, "resolvedAt"));
    }

    /**
     * A resident's message in its case's partition, with the history events recorded with it (the case opened, a
     * follow-up added): kept on the message item rather than as items of their own, so recording a message writes one
     * item fewer per event. {@code DynamoCaseStore.detail} lists them in the history with the others.
     */
    static Map<String, AttributeValue> messageItem(Reference reference, InboundMessage m, List<CaseEvent> events) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (!events.isEmpty()) {
            item.put("events", AttributeValue.fromL(events.stream().map(e -> AttributeValue.fromM(eventAttributes(e))).toList()));
        }
        item.put(PK, s(casePk(reference.value())));
        item.put(SK, s(messageSk(m)));
        item.put("direction", s("in"));
        item.put("messageKey", s(m.messageKey()));
        item.put("channel", s(m.channel().name()));
        item.put("platformMessageId", s(m.platformMessageId()));
        item.put("text", s(m.text()));
        item.put("sentAt", s(m.sentAt().toString()));
        if (!m.attachments().isEmpty()) {
            item.put("attachments", AttributeValue.fromL(m.attachments().stream()
                    .map(a -> AttributeValue.fromM(Map.of("kind", s(a.kind().name()), "ref", s(a.ref())))).toList()));
        }
        m.location().ifPresent(p -> {
            item.put("lat", n(Double.toString(p.latitude())));
            item.put("lon", n(Double.toString(p.longitude())));
        });
        return item;
    }

    static String messageSk(InboundMessage m) {
        // The message key's digest, not the key: a platform's message id can encode the resident's phone number.
        return "MSG#" + m.sentAt() + "#" + Digests.hex(m.messageKey(), 16);
    }

    public static Map<String, AttributeValue> eventItem(Reference reference, CaseEvent event, String uniqueSuffix) {
        Map<String, AttributeValue> item = new HashMap<>(eventAttributes(event));
        item.put(PK, s(casePk(reference.value())));
        item.put(SK, s("EVENT#" + event.at() + "#" + uniqueSuffix));
        return Map.copyOf(item);
    }

    /** An event as it is kept on another item of the case's partition ({@link #eventsOf}). */
    public static AttributeValue eventValue(CaseEvent event) {
        return AttributeValue.fromM(eventAttributes(event));
    }

    private static Map<String, AttributeValue> eventAttributes(CaseEvent event) {
        return Map.of("at", s(event.at().toString()), "actor", s(event.actor()), "type", s(event.type()), "detail", s(event.detail()));
    }


    static String messageKeyOf(Map<String, AttributeValue> messageItem) {
        return messageItem.get("messageKey").s();
    }

    static CaseDetail.Message toMessage(Map<String, AttributeValue> item, List<CasePhoto> media) {
        Optional<GeoPoint> pin = item.containsKey("lat")
                ? Optional.of(new GeoPoint(Double.parseDouble(item.get("lat").n()), Double.parseDouble(item.get("lon").n())))
                : Optional.empty();
        // Photos, videos and files: what the photos function fetches (stickers and voice notes are not).
        int photos = item.containsKey("attachments") ? (int) item.get("attachments").l().stream()
                .filter(a -> !a.m().get("kind").s().equals(Attachment.Kind.OTHER.name())).count() : 0;
        return new CaseDetail.Message(Instant.parse(item.get("sentAt").s()), item.get("text").s(), photos, pin, media);
    }

    /** The case's new state, written only over the version it was changed from (optimistic locking). */
    static TransactWriteItem versionedPut(String table, Case updated) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(caseItem(updated))
                        .conditionExpression("#v = :previous")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":previous", n(Long.toString(updated.version() - 1)))))
                .build();
    }

    /** What became of one photo, in the case's partition: {@code PHOTO#<photo id>}. */
    static Map<String, AttributeValue> photoItem(CasePhoto p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(casePk(p.reference().value())));
        item.put(SK, s(photoSk(p.photoId())));
        item.put("photoId", s(p.photoId()));
        item.put("messageKey", s(p.messageKey()));
        item.put("outcome", s(p.outcome().name()));
        p.contentType().ifPresent(t -> item.put("contentType", s(t)));
        p.objectKey().ifPresent(k -> item.put("objectKey", s(k)));
        p.thumbnailKey().ifPresent(k -> item.put("thumbnailKey", s(k)));
        item.put("detail", s(p.detail()));
        item.put("at", s(p.at().toString()));
        return item;
    }

    static CasePhoto toPhoto(Map<String, AttributeValue> item) {
        return new CasePhoto(new Reference(item.get(PK).s().substring("CASE#".length())), item.get("photoId").s(),
                item.get("messageKey").s(), CasePhoto.Outcome.valueOf(item.get("outcome").s()), optional(item, "contentType"),
                optional(item, "objectKey"), optional(item, "thumbnailKey"), item.get("detail").s(), Instant.parse(item.get("at").s()));
    }

    private static Optional<String> optional(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static CaseEvent toEvent(Map<String, AttributeValue> item) {
        return new CaseEvent(Instant.parse(item.get("at").s()), item.get("actor").s(), item.get("type").s(), item.get("detail").s());
    }

    /**
     * A reply saved with the change it reports, or deferred by pacing, until it is on the outbound queue;
     * listed in GSI1 by when it was written (a deferred reply: from when it is due).
     */
    static Map<String, AttributeValue> pendingReplyItem(OutboundReply reply, String replyJson, Instant writtenAt) {
        return Map.of(
                PK, s(pendingReplyPk(reply.attemptKey())),
                SK, s(PENDING_REPLY_SK),
                GSI1_PK, s(PENDING_REPLIES),
                GSI1_SK, s(writtenAt + "#" + reply.attemptKey()),
                "reply", s(replyJson));
    }

    /**
     * A reply in the case's thread as it stands: {@code at} is when it was queued, {@code stateAt} when it reached
     * {@code state}. A sent one carries the platform's message id, which its status reports name.
     */
    static Map<String, AttributeValue> outboundItem(OutboundReply reply, DeliveryState state, Instant stateAt, Optional<String> platformMessageId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(casePk(reply.reference())));
        item.put(SK, s(outboundSk(reply.replyId())));
        item.put("replyId", s(reply.replyId()));
        item.put("kind", s(reply.kind().name()));
        item.put("text", s(reply.text()));
        item.put("state", s(state.name()));
        item.put("at", s(reply.queuedAt().toString()));
        item.put("stateAt", s(stateAt.toString()));
        platformMessageId.ifPresent(id -> item.put("platformMessageId", s(id)));
        return item;
    }

    /** The outbound item with the history event of its outcome kept on it ({@code DynamoReplyLedger.record}). */
    static Map<String, AttributeValue> withEvent(Map<String, AttributeValue> outboundItem, CaseEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(outboundItem);
        item.put("event", AttributeValue.fromM(eventAttributes(event)));
        return item;
    }

    /**
     * The history events an item of the case's partition holds: an event item is one; a message and a works request keep
     * their {@code events}, a reply and a photo's record its {@code event}.
     */
    static Stream<CaseEvent> eventsOf(Map<String, AttributeValue> item) {
        if (item.get(SK).s().startsWith("EVENT#")) {
            return Stream.of(toEvent(item));
        }
        Stream<CaseEvent> kept = item.containsKey("events") ? item.get("events").l().stream().map(e -> toEvent(e.m())) : Stream.empty();
        return item.containsKey("event") ? Stream.concat(kept, Stream.of(toEvent(item.get("event").m()))) : kept;
    }

    static CaseDetail.Reply toReply(Map<String, AttributeValue> item) {
        return new CaseDetail.Reply(item.get("replyId").s(), ReplyKind.valueOf(item.get("kind").s()), item.get("text").s(),
                DeliveryState.valueOf(item.get("state").s()), Instant.parse(item.get("at").s()), Instant.parse(item.get("stateAt").s()));
    }

    private static final int BATCH_GET = 100;

    /** The items under these keys that exist, read strongly consistently, a hundred keys to a request. */
    public static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new java.util.ArrayList<>();
        List<Map<String, AttributeValue>> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET))).consistentRead(true).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> ask = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return found;
    }

    /** A case and one other item of its partition, either of them perhaps missing. */
    public record WithCase(Optional<Case> c, Optional<Map<String, AttributeValue>> item) {}

    /** The case and its item under {@code sk}, in one strongly consistent read. */
    public static WithCase withCase(DynamoDbClient dynamo, String table, Reference reference, String sk) {
        String pk = casePk(reference.value());
        Optional<Case> found = Optional.empty();
        Optional<Map<String, AttributeValue>> item = Optional.empty();
        for (Map<String, AttributeValue> read : batchGet(dynamo, table, List.of(Map.of(PK, s(pk), SK, s(CASE_SK)), Map.of(PK, s(pk), SK, s(sk))))) {
            if (read.get(SK).s().equals(CASE_SK)) {
                found = Optional.of(toCase(read));
            } else {
                item = Optional.of(read);
            }
        }
        return new WithCase(found, item);
    }

    /** Every item under one partition key, read consistently. */
    static Stream<Map<String, AttributeValue>> partition(DynamoDbClient dynamo, String table, String pk) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items().stream();
    }

    static String replyJson(ObjectMapper json, OutboundReply reply) {
        try {
            return json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply not serialisable", e);
        }
    }

    static OutboundReply reply(ObjectMapper json, String replyJson) {
        try {
            return json.readValue(replyJson, OutboundReply.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved reply unreadable", e);
        }
    }

    /** A reply held until the resident writes again, in the resident's partition of held replies. */
    static Map<String, AttributeValue> heldReplyItem(String pk, AttributeValue keyId, OutboundReply reply, String replyJson,
            Instant expiresAt) {
        return Map.of(
                PK, s(pk),
                SK, s(reply.replyId()),
                ResidentKeys.KEY_ID, keyId,
                "reply", s(replyJson),
                TTL, n(Long.toString(expiresAt.getEpochSecond())));
    }

    /** Whether item {@code index} of a cancelled transaction failed its condition (rather than conflicting or being throttled). */
    static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
