package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.n;
import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link ReplyLedger} in the case table: one {@code REPLY#<reply id>} item per reply (claimed, then
 * sent / refused / held) written in one transaction with the case history event. Reply items expire
 * after {@link #KEEP_REPLY_RECORDS}, long after any redelivery could arrive. Replies held until the
 * resident writes again are kept as {@code HELD#<resident>} items, which expire after {@link #KEEP_HELD_REPLIES}.
 * The same transaction writes the reply's state in the case's thread ({@code OUT#<reply id>}) and, once sent, its
 * platform message id under the resident ({@code SENT#<resident>}), where status reports find it; each report then
 * moves the state with one conditional update.
 */
@ApplicationScoped
public class DynamoReplyLedger implements ReplyLedger {

    static final Duration KEEP_REPLY_RECORDS = Duration.ofDays(30);
    /** A held update older than this is stale news: it is dropped rather than sent when the resident writes. */
    static final Duration KEEP_HELD_REPLIES = Duration.ofDays(90);
    private static final String IN_FLIGHT = "in_flight";
    /**
     * We record a send once the platform has answered, a moment after the platform stamped the message: a watermark
     * at that stamp must still cover it. Two replies to one resident this close together are rare.
     */
    static final Duration WATERMARK_ALLOWANCE = Duration.ofSeconds(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;

    public DynamoReplyLedger(DynamoDbClient dynamo, InboxConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.json = json;
    }

    @Override
    public Claim claim(String replyId, Instant now, Duration lease) {
        Map<String, AttributeValue> item = new HashMap<>(replyKey(replyId));
        item.put("state", s(IN_FLIGHT));
        item.put("leaseUntil", n(Long.toString(now.plus(lease).toEpochMilli())));
        item.put(TTL, n(Long.toString(now.plus(KEEP_REPLY_RECORDS).getEpochSecond())));
        // Twice at most: a claim released between the failed put and the read is free to take again.
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK) OR (#state = :inFlight AND leaseUntil < :now)")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":inFlight", s(IN_FLIGHT), ":now", n(Long.toString(now.toEpochMilli())))));
                return Claim.CLAIMED;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> existing = dynamo.getItem(b -> b.tableName(table).key(replyKey(replyId)).consistentRead(true)).item();
                if (existing == null || existing.isEmpty()) {
                    if (attempt == 2) {
                        return Claim.IN_FLIGHT;
                    }
                    continue;
                }
                return IN_FLIGHT.equals(existing.get("state").s()) ? Claim.IN_FLIGHT : Claim.DONE;
            }
        }
    }

    @Override
    public void release(String replyId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(replyKey(replyId))
                    .conditionExpression("#state = :inFlight")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":inFlight", s(IN_FLIGHT))));
        } catch (ConditionalCheckFailedException alreadyFinished) {
            // Nothing to release.
        }
    }

    @Override
    public void record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at) {
        String state = switch (outcome) {
            case SendOutcome.Sent sent -> "sent";
            case SendOutcome.Refused refused -> "refused";
            case SendOutcome.Held held -> "held";
            case SendOutcome.RetryLater later -> throw new IllegalArgumentException("a retry is not an outcome to record");
            case SendOutcome.Deferred deferred -> throw new IllegalArgumentException("a deferral is not an outcome to record");
            case SendOutcome.AlreadyHandled handled -> throw new IllegalArgumentException("nothing to record");
        };
        Map<String, AttributeValue> replyItem = new HashMap<>(replyKey(reply.replyId()));
        replyItem.put("state", s(state));
        replyItem.put("reference", s(reply.reference()));
        replyItem.put("kind", s(reply.kind().name()));
        replyItem.put("at", s(at.toString()));
        replyItem.put(TTL, n(Long.toString(at.plus(KEEP_REPLY_RECORDS).getEpochSecond())));
        CaseEvent event = new CaseEvent(at, CaseEvent.SYSTEM, "reply_" + state, describe(reply, plan, outcome));
        Optional<String> platformMessageId = outcome instanceof SendOutcome.Sent sent ? Optional.of(sent.platformMessageId()) : Optional.empty();
        platformMessageId.ifPresent(id -> replyItem.put("platformMessageId", s(id)));
        DeliveryState shown = switch (outcome) {
            case SendOutcome.Sent sent -> DeliveryState.SENT;
            case SendOutcome.Held held -> DeliveryState.HELD;
            default -> DeliveryState.FAILED;
        };
        // The history event is kept on the thread's item, not as an item of its own: one item fewer per reply.
        Map<String, AttributeValue> outboundItem = CaseItems.withEvent(CaseItems.outboundItem(reply, shown, at, platformMessageId), event);
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(replyItem)).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(outboundItem)).build()));
        platformMessageId.ifPresent(id -> items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(sentItem(reply, id, at))).build()));
        if (plan instanceof DeliveryPlan.Held held && held.untilResidentWrites()) {
            Map<String, AttributeValue> heldItem = CaseItems.heldReplyItem(reply, CaseItems.replyJson(json, reply),
                    at.plus(KEEP_HELD_REPLIES));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(heldItem)).build());
            items.add(heldCount(reply.residentKey(), 1));
        }
        dynamo.transactWriteItems(b -> b.transactItems(items));
    }

    @Override
    public List<OutboundReply> heldUntilResidentWrites(String residentKey, Instant now) {
        // TTL deletes in its own time: an item past its expiry may still be there.
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .filterExpression("#ttl > :now")
                        .expressionAttributeNames(Map.of("#ttl", TTL))
                        .expressionAttributeValues(Map.of(":pk", s(heldPk(residentKey)), ":now", n(Long.toString(now.getEpochSecond())))))
                .items().stream().map(i -> CaseItems.reply(json, i.get("reply").s()))
                .sorted(Comparator.comparing(OutboundReply::queuedAt)).toList();
    }

    /** The held reply goes and the resident's count of held replies with it, once: a second release finds nothing to delete. */
    @Override
    public void released(OutboundReply held) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(Map.of(PK, s(heldPk(held.residentKey())), SK, s(held.replyId())))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    heldCount(held.residentKey(), -1)));
        } catch (TransactionCanceledException e) {
            if (!CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                throw e;
            }
        }
    }

    /**
     * Counts the replies held for the resident on their own item, which triage reads anyway: while it is 0 their
     * messages skip looking for held replies.
     */
    private TransactWriteItem heldCount(String residentKey, int change) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(residentItemKey(residentKey))
                .updateExpression("ADD heldReplies :change")
                .expressionAttributeValues(Map.of(":change", n(Integer.toString(change))))).build();
    }

    @Override
    public List<Tracked> reportedOn(DeliveryReport report) {
        if (report.platformMessageId().isPresent() && report.reference().flatMap(Reference::parse).isPresent()) {
            // WhatsApp hands the case reference back: look in the case's own thread.
            Reference reference = report.reference().flatMap(Reference::parse).orElseThrow();
            String id = report.platformMessageId().get();
            List<Tracked> found = dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :out)")
                            .expressionAttributeValues(Map.of(":pk", s(casePk(reference.value())), ":out", s(OUTBOUND_PREFIX))))
                    .items().stream()
                    .filter(i -> i.containsKey("platformMessageId") && i.get("platformMessageId").s().equals(id))
                    .map(i -> new Tracked(reference, i.get("replyId").s(), DeliveryState.valueOf(i.get("state").s()))).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        if (report.recipientKey().isEmpty()) {
            return List.of();
        }
        return sentTo(report).stream().flatMap(sent -> {
            Reference reference = new Reference(sent.get("reference").s());
            String replyId = sent.get("replyId").s();
            Map<String, AttributeValue> out = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(PK, s(casePk(reference.value())), SK, s(outboundSk(replyId))))).item();
            // Gone when the case expired or was erased meanwhile.
            return out == null || out.isEmpty() ? java.util.stream.Stream.empty()
                    : java.util.stream.Stream.of(new Tracked(reference, replyId, DeliveryState.valueOf(out.get("state").s())));
        }).toList();
    }

    /** The messages sent to the report's resident that it names: by message id, or all sent up to its watermark. */
    private List<Map<String, AttributeValue>> sentTo(DeliveryReport report) {
        String pk = sentPk(report.recipientKey().orElseThrow());
        if (report.platformMessageId().isPresent()) {
            return CaseItems.partition(dynamo, table, pk)
                    .filter(i -> i.get("platformMessageId").s().equals(report.platformMessageId().get())).toList();
        }
        String upTo = sentSk(report.upTo().orElseThrow().plus(WATERMARK_ALLOWANCE), "~");
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND SK <= :upTo")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":upTo", s(upTo))))
                .items().stream().toList();
    }

    @Override
    public boolean advance(Tracked message, DeliveryReport report) {
        List<DeliveryState> from = List.copyOf(report.state().reportedFrom());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(report.state().name()), ":at", s(report.at().toString())));
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            values.put(":from" + i, s(from.get(i).name()));
            allowed.add(":from" + i);
        }
        Map<String, AttributeValue> key = Map.of(PK, s(casePk(message.reference().value())), SK, s(outboundSk(message.replyId())));
        String set = "SET #state = :to, stateAt = :at";
        String condition = "#state IN (" + String.join(", ", allowed) + ")";
        Map<String, String> names = Map.of("#state", "state");
        if (report.state() != DeliveryState.FAILED) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(set).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException movedOn) {
                return false;
            }
        }
        // Rare, and the agent must see it: the state and the history event in one write.
        TransactWriteItem update = TransactWriteItem.builder().update(u -> u.tableName(table).key(key).updateExpression(set)
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)).build();
        String id = report.platformMessageId().orElse("?");
        CaseEvent event = new CaseEvent(report.at(), CaseEvent.SYSTEM, CaseEvent.REPLY_FAILED, report.channel().label() + " message "
                + id + " was not delivered: " + report.detail());
        Map<String, AttributeValue> eventItem = new HashMap<>(CaseItems.eventItem(message.reference(), event, "failed-" + id));
        eventItem.put("platformMessageId", s(id));
        eventItem.put("replyId", s(message.replyId()));
        TransactWriteItem failedEvent = TransactWriteItem.builder().put(p -> p.tableName(table).item(eventItem)).build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(update, failedEvent));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                return false;
            }
            throw e;
        }
    }

    private Map<String, AttributeValue> sentItem(OutboundReply reply, String platformMessageId, Instant at) {
        return Map.of(PK, s(sentPk(reply.residentKey())), SK, s(sentSk(at, reply.replyId())),
                "reference", s(reply.reference()), "replyId", s(reply.replyId()), "platformMessageId", s(platformMessageId),
                TTL, n(Long.toString(at.plus(KEEP_REPLY_RECORDS).getEpochSecond())));
    }

    private static String describe(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome) {
        String what = reply.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on " + reply.channel().label();
        String how = switch (plan) {
            case DeliveryPlan.FreeForm f -> "";
            case DeliveryPlan.Tagged t -> " with tag " + t.tag();
            case DeliveryPlan.Template t -> " as template " + t.name();
            case DeliveryPlan.UtilityTemplate t -> " as utility template " + t.name();
            case DeliveryPlan.PrivateReplyToComment c -> " as a private reply to the comment";
            case DeliveryPlan.PublicReply p -> " as a public reply";
            case DeliveryPlan.Held h -> "";
        };
        return switch (outcome) {
            case SendOutcome.Sent sent -> what + how + ", platform message id " + sent.platformMessageId();
            case SendOutcome.Refused refused -> what + how + " refused: " + refused.reason();
            case SendOutcome.Held held -> what + " held: " + held.reason();
            default -> what;
        };
    }

    private static Map<String, AttributeValue> replyKey(String replyId) {
        return Map.of(PK, s(replyPk(replyId)), SK, s(REPLY_SK));
    }
}
