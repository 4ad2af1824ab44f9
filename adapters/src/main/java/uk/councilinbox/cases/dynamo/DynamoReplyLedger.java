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
import uk.councilinbox.messages.Digests;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link ReplyLedger} in the case table: a reply's outcome (sent, refused, held) is its outbound item in the case's thread
 * ({@code OUT#<reply id>}), written once, with its history event on it, by one conditional put that refuses to overwrite an
 * outcome. A delivery that may repeat reads that item first. Replies held until the resident writes again are kept as
 * {@code HELD#<pseudonym>} items, which expire after {@link #KEEP_HELD_REPLIES}. Status reports find a sent reply by its
 * platform message id in the thread of the case the report names (WhatsApp), or else among the resident's cases
 * ({@link ResidentItem}); each report then moves the state with one conditional update.
 */
@ApplicationScoped
public class DynamoReplyLedger implements ReplyLedger {

    /** A held update older than this is stale news: it is dropped rather than sent when the resident writes. */
    static final Duration KEEP_HELD_REPLIES = Duration.ofDays(90);
    /** The states of a reply not sent yet (a staff reply or update is saved queued; pacing defers one). */
    private static final List<DeliveryState> NOT_YET_HANDLED = List.of(DeliveryState.QUEUED, DeliveryState.DEFERRED);
    /**
     * We record a send once the platform has answered, a moment after the platform stamped the message: a watermark
     * at that stamp must still cover it. Two replies to one resident this close together are rare.
     */
    static final Duration WATERMARK_ALLOWANCE = Duration.ofSeconds(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ResidentKeys residents;
    /** When a reply was sent, on its outbound item: what a watermark is compared with. */
    private static final String SENT_AT = "sentAt";

    public DynamoReplyLedger(DynamoDbClient dynamo, InboxConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.json = json;
        this.residents = new ResidentKeys(dynamo, table, Pseudonyms.of(config));
    }

    @Override
    public boolean handled(OutboundReply reply) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(outboundKey(reply.reference(), reply.replyId()))).item();
        return item != null && item.containsKey("state")
                && !NOT_YET_HANDLED.contains(DeliveryState.valueOf(item.get("state").s()));
    }

    @Override
    public boolean record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at) {
        String state = switch (outcome) {
            case SendOutcome.Sent sent -> "sent";
            case SendOutcome.Refused refused -> "refused";
            case SendOutcome.Held held -> "held";
            case SendOutcome.RetryLater later -> throw new IllegalArgumentException("a retry is not an outcome to record");
            case SendOutcome.Deferred deferred -> throw new IllegalArgumentException("a deferral is not an outcome to record");
            case SendOutcome.AlreadyHandled handled -> throw new IllegalArgumentException("nothing to record");
        };
        CaseEvent event = new CaseEvent(at, CaseEvent.SYSTEM, "reply_" + state, describe(reply, plan, outcome));
        Optional<String> platformMessageId = outcome instanceof SendOutcome.Sent sent ? Optional.of(sent.platformMessageId()) : Optional.empty();
        DeliveryState shown = switch (outcome) {
            case SendOutcome.Sent sent -> DeliveryState.SENT;
            case SendOutcome.Held held -> DeliveryState.HELD;
            default -> DeliveryState.FAILED;
        };
        // The history event is kept on the thread's item, not as an item of its own: one item fewer per reply.
        Map<String, AttributeValue> outboundItem = new HashMap<>(CaseItems.withEvent(
                CaseItems.outboundItem(reply, shown, at, platformMessageId), event));
        platformMessageId.ifPresent(id -> outboundItem.put(SENT_AT, s(at.toString())));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> notYet = new ArrayList<>();
        for (int i = 0; i < NOT_YET_HANDLED.size(); i++) {
            values.put(":notYet" + i, s(NOT_YET_HANDLED.get(i).name()));
            notYet.add(":notYet" + i);
        }
        String unrecorded = "attribute_not_exists(PK) OR #state IN (" + String.join(", ", notYet) + ")";
        Map<String, String> names = Map.of("#state", "state");
        if (!(plan instanceof DeliveryPlan.Held held && held.untilResidentWrites())) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(outboundItem).conditionExpression(unrecorded)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException recordedAlready) {
                return false;
            }
        }
        // Held until the resident writes: the reply is kept for them, and counted on their item, in the same write.
        Map<String, AttributeValue> heldItem = CaseItems.heldReplyItem(residents.heldPk(reply.residentKey()), residents.keyId(), reply,
                CaseItems.replyJson(json, reply), at.plus(KEEP_HELD_REPLIES));
        residents.beforeWrite(reply.residentKey());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(outboundItem).conditionExpression(unrecorded)
                            .expressionAttributeNames(names).expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(heldItem)).build(),
                    heldCount(reply.residentKey(), 1)));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<OutboundReply> heldUntilResidentWrites(String residentKey, Instant now) {
        // TTL deletes in its own time: an item past its expiry may still be there.
        return residents.heldPks(residentKey).stream().flatMap(pk -> dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .filterExpression("#ttl > :now")
                        .expressionAttributeNames(Map.of("#ttl", TTL))
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":now", n(Long.toString(now.getEpochSecond())))))
                .items().stream()).map(i -> CaseItems.reply(json, i.get("reply").s()))
                .sorted(Comparator.comparing(OutboundReply::queuedAt)).toList();
    }

    /** The held reply goes and the resident's count of held replies with it, once: a second release finds nothing to delete. */
    @Override
    public void released(OutboundReply held) {
        // While the key is rotated it may still be under the previous pseudonym (the resident's item never is, once read).
        // The previous first: the sweep only ever moves a held reply from there to the current one, so it is found.
        for (String pk : residents.heldPks(held.residentKey()).reversed()) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().delete(d -> d.tableName(table)
                                .key(Map.of(PK, s(pk), SK, s(held.replyId())))
                                .conditionExpression("attribute_exists(PK)")).build(),
                        heldCount(held.residentKey(), -1)));
                return;
            } catch (TransactionCanceledException e) {
                if (!CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Counts the replies held for the resident on their own item, which triage reads anyway: while it is 0 their
     * messages skip looking for held replies.
     */
    private TransactWriteItem heldCount(String residentKey, int change) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(residents.itemKey(residentKey))
                .updateExpression("SET " + ResidentKeys.KEY_ID + " = :keyId ADD " + ResidentItem.HELD_REPLIES + " :change")
                .expressionAttributeValues(Map.of(":change", n(Integer.toString(change)), ":keyId", residents.keyId()))).build();
    }

    @Override
    public List<Tracked> reportedOn(DeliveryReport report) {
        Optional<Reference> named = report.reference().flatMap(Reference::parse);
        if (report.platformMessageId().isPresent() && named.isPresent()) {
            // WhatsApp hands the case reference back: look in the case's own thread.
            List<Tracked> found = reportedIn(named.get(), report);
            if (!found.isEmpty()) {
                return found;
            }
        }
        if (report.recipientKey().isEmpty()) {
            return List.of();
        }
        Map<String, AttributeValue> resident = residents.read(report.recipientKey().get());
        List<Tracked> found = new ArrayList<>();
        for (Reference ref : ResidentItem.cases(resident)) {
            found.addAll(reportedIn(ref, report));
            if (report.platformMessageId().isPresent() && !found.isEmpty()) {
                break; // one message id, one reply
            }
        }
        return found;
    }

    /**
     * The replies sent in one case's thread that the report names: by message id, or every one sent up to its watermark.
     * Gone when the case expired or was erased meanwhile.
     */
    private List<Tracked> reportedIn(Reference reference, DeliveryReport report) {
        Optional<Instant> upTo = report.upTo().map(at -> at.plus(WATERMARK_ALLOWANCE));
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :out)")
                        .expressionAttributeValues(Map.of(":pk", s(casePk(reference.value())), ":out", s(OUTBOUND_PREFIX))))
                .items().stream()
                .filter(i -> i.containsKey("platformMessageId") && i.containsKey(SENT_AT))
                .filter(i -> report.platformMessageId().map(id -> i.get("platformMessageId").s().equals(id))
                        .orElseGet(() -> upTo.isPresent() && !Instant.parse(i.get(SENT_AT).s()).isAfter(upTo.get())))
                .map(i -> new Tracked(reference, i.get("replyId").s(), DeliveryState.valueOf(i.get("state").s()))).toList();
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
        Map<String, AttributeValue> key = outboundKey(message.reference().value(), message.replyId());
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
        // The platform's id only as an attribute (erased with the resident): a WhatsApp message id encodes their number.
        CaseEvent event = new CaseEvent(report.at(), CaseEvent.SYSTEM, CaseEvent.REPLY_FAILED, report.channel().label() + " message "
                + Digests.forLog(id) + " was not delivered: " + report.detail());
        Map<String, AttributeValue> eventItem = new HashMap<>(CaseItems.eventItem(message.reference(), event, "failed-" + Digests.hex(id, 16)));
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

    private static Map<String, AttributeValue> outboundKey(String reference, String replyId) {
        return Map.of(PK, s(casePk(reference)), SK, s(outboundSk(replyId)));
    }
}
