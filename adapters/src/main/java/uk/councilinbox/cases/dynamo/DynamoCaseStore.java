package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link CaseStore} on one DynamoDB table; each write is a transaction guarded by conditions. A redelivered message is
 * refused by the condition on the resident's item ({@link ResidentItem}), which every message's write updates anyway.
 */
@ApplicationScoped
public class DynamoCaseStore implements CaseStore {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_REMEMBERED = 10_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    /** Residents read ahead for the batch being handled ({@link #readAhead}), each taken by its first {@link #resident} call. */
    private final Map<String, Resident> readAhead = new ConcurrentHashMap<>();
    /** The digest sets each resident's item held when last read ({@link ResidentItem}), taken by the next write for them. */
    private final Map<String, Set<String>> digestSetsSeen = new ConcurrentHashMap<>();
    private final CaseRetention retention;
    private final CaseErasure erasure;
    private final ResidentKeys residents;

    public DynamoCaseStore(DynamoDbClient dynamo, InboxConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.json = json;
        this.residents = new ResidentKeys(dynamo, table, Pseudonyms.of(config));
        this.retention = new CaseRetention(dynamo, table, this::residentExpiresWithCase);
        this.erasure = new CaseErasure(dynamo, table);
    }

    @Override
    public Optional<RecordedMessage> recorded(InboundMessage message) {
        // Rare (a redelivery): the message item is looked for on each of the resident's cases, their latest first.
        String sk = CaseItems.messageSk(message);
        for (Reference ref : ResidentItem.cases(residentItem(message.residentKey()))) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(PK, s(casePk(ref.value())), SK, s(sk)))).item();
            if (item != null && !item.isEmpty()) {
                boolean opened = CaseItems.eventsOf(item).anyMatch(e -> e.type().equals(CaseEvent.CASE_OPENED));
                return Optional.of(new RecordedMessage(ref, opened));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Case> find(Reference reference) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(casePk(reference.value())), SK, s(CASE_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CaseItems.toCase(item));
    }

    @Override
    public Resident resident(String residentKey) {
        Resident ahead = readAhead.remove(residentKey);
        return ahead != null ? ahead : ResidentItem.toResident(read(residentKey, residentItem(residentKey)));
    }

    /** Keeps which digest sets the resident's item held, for their next message's write to remove the old ones. */
    private Map<String, AttributeValue> read(String residentKey, Map<String, AttributeValue> item) {
        if (digestSetsSeen.size() > MAX_REMEMBERED) {
            digestSetsSeen.clear(); // residents read and never written (id changes, failures): forgetting only delays a removal
        }
        digestSetsSeen.put(residentKey, ResidentItem.digestSets(item));
        return item;
    }

    @Override
    public ReadAhead readAhead(Collection<String> residentKeys) {
        List<String> keys = List.copyOf(new LinkedHashSet<>(residentKeys));
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            readResidents(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)));
        }
        return () -> keys.forEach(readAhead::remove);
    }

    /** One strongly consistent BatchGetItem; keys DynamoDB leaves unprocessed are simply not read ahead (read when needed). */
    private void readResidents(List<String> keys) {
        // Each resident's pseudonym once (an HMAC): their item's key, and its PK to match the answer by.
        List<Map<String, AttributeValue>> itemKeys = keys.stream().map(residents::itemKey).toList();
        Map<String, String> byPk = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byPk.put(itemKeys.get(i).get(PK).s(), keys.get(i));
        }
        var response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                .keys(itemKeys).build())));
        Set<String> unprocessed = new HashSet<>();
        Optional.ofNullable(response.unprocessedKeys().get(table))
                .ifPresent(k -> k.keys().forEach(key -> unprocessed.add(key.get(PK).s())));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(PK).s(), item));
        byPk.forEach((pk, residentKey) -> {
            // While the key is rotated, one not found may be under the previous key: read when needed, which moves it.
            if (!unprocessed.contains(pk) && (found.containsKey(pk) || !residents.pseudonyms().rotating())) {
                readAhead.put(residentKey, ResidentItem.toResident(read(residentKey, found.get(pk))));
            }
        });
    }

    private Optional<Set<String>> digestSetsSeen(Case c) {
        return Optional.ofNullable(digestSetsSeen.remove(c.residentKey()));
    }

    private Map<String, AttributeValue> residentItem(String residentKey) {
        return residents.read(residentKey);
    }

    @Override
    public List<Case> openCases(String residentKey) {
        // Rare (a resident's id changed): each case read, so one since moved to another key is not theirs.
        return theirCases(residentKey).filter(c -> c.status().isOpen()).toList();
    }

    @Override
    public void open(Case newCase, InboundMessage message, List<CaseEvent> events) {
        Reference ref = newCase.reference();
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(CaseItems.caseItem(newCase))
                        .conditionExpression("attribute_not_exists(PK)")).build(),
                ResidentItem.messageRecorded(table, residents, newCase, message.messageKey(), true, newCase.updatedAt(), digestSetsSeen(newCase)),
                put(CaseItems.messageItem(ref, message, events))));
        write(message, () -> new ReferenceTakenException(ref), items);
    }

    @Override
    public void attach(Case updated, InboundMessage message, CaseEvent event) {
        Reference ref = updated.reference();
        write(message, () -> new CaseChangedException(ref), List.of(
                versioned(updated),
                ResidentItem.messageRecorded(table, residents, updated, message.messageKey(), false, updated.updatedAt(), digestSetsSeen(updated)),
                put(CaseItems.messageItem(ref, message, List.of(event)))));
    }

    /** Queries of GSI1 with a limit, newest first, merged ({@link CaseListing}): reads about what it returns. */
    @Override
    public List<Case> search(CaseQuery query) {
        return new CaseListing(dynamo, table).newestFirst(query);
    }

    @Override
    public List<Case> waiting(Waiting which, int limit) {
        String partition = inboxPartition(which);
        return dynamo.query(b -> b.tableName(table).indexName(GSI3).limit(limit).scanIndexForward(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI3_PK))
                        .expressionAttributeValues(Map.of(":pk", s(partition))))
                .items().stream().map(CaseItems::toCase).toList();
    }

    @Override
    public Optional<CaseDetail> detail(Reference reference) {
        List<Map<String, AttributeValue>> items = dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(casePk(reference.value())))))
                .items().stream().toList();
        Optional<Case> c = items.stream().filter(i -> i.get(SK).s().equals(CASE_SK)).findFirst().map(CaseItems::toCase);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<CasePhoto>> media = items.stream().filter(i -> i.get(SK).s().startsWith(PHOTO_PREFIX)).map(CaseItems::toPhoto)
                .collect(java.util.stream.Collectors.groupingBy(CasePhoto::messageKey));
        List<CaseDetail.Message> messages = items.stream().filter(i -> i.get(SK).s().startsWith("MSG#"))
                .map(i -> CaseItems.toMessage(i, media.getOrDefault(CaseItems.messageKeyOf(i), List.of()).stream()
                        .sorted(Comparator.comparing(CasePhoto::at)).toList()))
                .sorted(Comparator.comparing(CaseDetail.Message::sentAt)).toList();
        List<CaseEvent> history = items.stream().flatMap(CaseItems::eventsOf).sorted(Comparator.comparing(CaseEvent::at)).toList();
        List<CaseDetail.Reply> replies = items.stream().filter(i -> i.get(SK).s().startsWith(OUTBOUND_PREFIX))
                .map(CaseItems::toReply).sorted(Comparator.comparing(CaseDetail.Reply::at)).toList();
        return Optional.of(new CaseDetail(c.get(), messages, history, replies));
    }

    @Override
    public void change(Case updated, List<CaseEvent> events, Optional<OutboundReply> update, Optional<Instant> expireAt) {
        Reference ref = updated.reference();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(versioned(updated));
        events.forEach(e -> items.add(put(CaseItems.eventItem(ref, e, UUID.randomUUID().toString()))));
        update.ifPresent(reply -> {
            items.add(put(CaseItems.pendingReplyItem(reply, CaseItems.replyJson(json, reply), updated.updatedAt())));
            items.add(put(CaseItems.outboundItem(reply, DeliveryState.QUEUED, updated.updatedAt(), Optional.empty())));
        });
        expireAt.ifPresent(at -> items.add(retention.marker(ref, updated.updatedAt(), at)));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                throw new CaseChangedException(ref);
            }
            throw e;
        }
        expireAt.ifPresent(at -> retention.applyNow(ref, updated.updatedAt(), at));
    }

    @Override
    public int finishRetention(Instant closedBefore, int limit) {
        return retention.finishUnfinished(closedBefore, limit);
    }

    /**
     * Once none of the resident's cases is open, their item expires with the case closed last: until then it lists their
     * cases for erasure and export. Only if no message came meanwhile (which would have opened a case and moved their
     * latest case), and never earlier than an expiry it already has.
     */
    private void residentExpiresWithCase(Reference ref, Instant expireAt) {
        Optional<Case> closed = find(ref).filter(c -> !c.residentErased());
        if (closed.isEmpty()) {
            return;
        }
        String key = closed.get().residentKey();
        Map<String, AttributeValue> item = residentItem(key);
        if (item == null || !item.containsKey(ResidentItem.LATEST_CASE) || theirCases(key).anyMatch(c -> c.status().isOpen())) {
            return;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(residents.itemKey(key)).updateExpression("SET #ttl = :at")
                    .conditionExpression("#latest = :latest AND (attribute_not_exists(#ttl) OR #ttl < :at)")
                    .expressionAttributeNames(Map.of("#ttl", TTL, "#latest", ResidentItem.LATEST_CASE))
                    .expressionAttributeValues(Map.of(":at", CaseItems.n(Long.toString(expireAt.getEpochSecond())),
                            ":latest", item.get(ResidentItem.LATEST_CASE))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            // They wrote meanwhile, or a later expiry is already set.
        }
    }

    @Override
    public void moveToResident(Case moved, CaseEvent event) {
        Reference ref = moved.reference();
        residents.beforeWrite(moved.residentKey());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(versioned(moved),
                    put(CaseItems.eventItem(ref, event, UUID.randomUUID().toString())),
                    ResidentItem.caseMovedIn(table, residents, moved)));
        } catch (TransactionCanceledException e) {
            if (CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                throw new CaseChangedException(ref);
            }
            throw e;
        }
    }

    @Override
    public List<OutboundReply> pendingReplies(Instant writtenBefore, int limit) {
        return dynamo.query(b -> b.tableName(table).indexName(GSI1).limit(limit)
                        .keyConditionExpression("#pk = :pk AND #sk < :before")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                        .expressionAttributeValues(Map.of(":pk", s(PENDING_REPLIES), ":before", s(writtenBefore.toString()))))
                .items().stream().map(i -> CaseItems.reply(json, i.get("reply").s())).toList();
    }

    @Override
    public void deferReply(OutboundReply reply, Instant listedFrom) {
        // Deferred before it was ever sent, so nothing later than "deferred" is overwritten.
        dynamo.transactWriteItems(b -> b.transactItems(
                put(CaseItems.pendingReplyItem(reply, CaseItems.replyJson(json, reply), listedFrom)),
                put(CaseItems.outboundItem(reply, DeliveryState.DEFERRED, reply.queuedAt(), Optional.empty()))));
    }

    @Override
    public void replyQueued(String attemptKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, s(pendingReplyPk(attemptKey)), SK, s(PENDING_REPLY_SK))));
    }

    @Override
    public List<Reference> residentCases(String residentKey) {
        return theirCases(residentKey).map(Case::reference).toList();
    }

    /** The cases the resident's item lists that are still under this key: it lists a case since moved to another too. */
    private Stream<Case> theirCases(String residentKey) {
        return ResidentItem.cases(residentItem(residentKey)).stream().flatMap(ref -> find(ref).stream())
                .filter(c -> c.residentKey().equals(residentKey));
    }

    @Override
    public int eraseResident(String residentKey, CaseEvent event) {
        List<Reference> refs = residentCases(residentKey);
        for (Reference ref : refs) {
            for (int attempt = 1; ; attempt++) {
                Case c = find(ref).orElseThrow();
                Case erased = c.withResidentId(Case.ERASED_RESIDENT).withLocation(Optional.empty(), Optional.empty()).withPhotos(0)
                        .withReplyTarget(Optional.empty()).withHandling(c.handling().nobodyToAnswer()).changed(event.at());
                try {
                    dynamo.transactWriteItems(b -> b.transactItems(versioned(erased),
                            put(CaseItems.eventItem(ref, event, UUID.randomUUID().toString()))));
                    break;
                } catch (TransactionCanceledException e) {
                    if (attempt == 5 || !CaseItems.failedCondition(e.cancellationReasons(), 0)) {
                        throw e;
                    }
                }
            }
            erasure.erasePartition(ref);
        }
        eraseHeldReplies(residentKey);
        residents.deleteItems(residentKey);
        erasePendingReplies(residentKey);
        return refs.size();
    }

    /** Replies waiting to be queued (an update just saved, a reply deferred by pacing) would still reach them: they go. */
    private void erasePendingReplies(String residentKey) {
        dynamo.queryPaginator(b -> b.tableName(table).indexName(GSI1).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk", s(PENDING_REPLIES))))
                .items().stream()
                .map(i -> CaseItems.reply(json, i.get("reply").s()))
                .filter(reply -> reply.residentKey().equals(residentKey))
                .forEach(reply -> replyQueued(reply.attemptKey()));
    }

    /** Replies held for the resident carry their id and words about their case: they go too. */
    private void eraseHeldReplies(String residentKey) {
        residents.heldPks(residentKey).forEach(pk -> CaseItems.partition(dynamo, table, pk)
                .forEach(i -> dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, i.get(PK), SK, i.get(SK))))));
    }

    private TransactWriteItem versioned(Case updated) {
        return CaseItems.versionedPut(table, updated);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** Items 0 and 1 of every write are the case and the resident's item: a failed condition says which. */
    private void write(InboundMessage message, Supplier<RuntimeException> caseConflict, List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (CaseItems.failedCondition(reasons, 1)) {
                throw new MessageAlreadyRecordedException(message.messageKey());
            }
            if (CaseItems.failedCondition(reasons, 0)) {
                throw caseConflict.get();
            }
            throw e;
        }
    }
}
