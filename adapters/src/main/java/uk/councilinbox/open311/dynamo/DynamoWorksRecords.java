package uk.councilinbox.open311.dynamo;

import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.dynamo.CaseItems;
import uk.councilinbox.cases.dynamo.TableLayout;
import uk.councilinbox.open311.WorksRecords;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.WorksUpdate;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link WorksRecords} in the cases' table, new items beside the case's own (README, "Data model"):
 * <ul>
 *   <li>works request: {@code CASE#<ref>} / {@code WORKS#REQUEST}: the system, the state (queued, awaiting id, sent,
 *       refused, failed) and when, the token and service request id it was given, what was sent, why it was refused,
 *       and the history events of each change ({@code events}, shown with the case's other events)</li>
 *   <li>works update: {@code CASE#<ref>} / {@code WORKS#UPDATE#<system>#<update id>}: a change the works system reported,
 *       as it came back, written once it is handled: the guard against a change fetched twice</li>
 *   <li>works id: {@code WORKSID#<system>#<service request id>} / {@code #WORKSID}: the case a service request was made for</li>
 *   <li>works feed: {@code WORKSFEED#<system>} / {@code #WORKSFEED}: where the last fetch of the system's changes ended</li>
 * </ul>
 * Items under the case's key get its TTL with the rest of the case when it closes.
 */
@ApplicationScoped
public class DynamoWorksRecords implements WorksRecords {

    private static final String REQUEST_SK = TableLayout.WORKS_REQUEST_SK;
    private static final int BATCH_WRITE = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWorksRecords(DynamoDbClient dynamo, InboxConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public Map<Reference, Request> requests(Collection<Reference> cases) {
        Map<Reference, Request> found = new HashMap<>();
        batchGet(cases.stream().map(DynamoWorksRecords::requestKey).toList()).stream().map(DynamoWorksRecords::toRequest)
                .forEach(r -> found.put(r.reference(), r));
        return found;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        return CaseItems.batchGet(dynamo, table, keys);
    }

    @Override
    public boolean queue(Reference report, String system, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(requestKey(report));
        item.put("reference", s(report.value()));
        item.put("system", s(system));
        item.put("state", s(State.QUEUED.name()));
        item.put("at", s(at.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException saved) {
            return false;
        }
    }

    @Override
    public void requeued(Reference report, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(requestKey(report)).updateExpression("SET #at = :at").conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#at", "at")).expressionAttributeValues(Map.of(":at", s(at.toString()))));
        } catch (ConditionalCheckFailedException forgotten) {
            // Gone meanwhile: the next sweep queues it as new. No half item is made.
        }
    }

    @Override
    public void forget(Reference report) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(requestKey(report)).conditionExpression("#state = :queued")
                    .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(Map.of(":queued", s(State.QUEUED.name()))));
        } catch (ConditionalCheckFailedException moved) {
            // Taken further meanwhile (the queue had it after all): nothing to forget.
        }
    }

    @Override
    public Report report(Reference report) {
        CaseItems.WithCase read = CaseItems.withCase(dynamo, table, report, REQUEST_SK);
        return new Report(read.c(), read.item().map(DynamoWorksRecords::toRequest));
    }

    @Override
    public void sent(Reference report, String system, WorksRequest request, String serviceRequestId, CaseEvent event) {
        Map<String, AttributeValue> sent = new HashMap<>(Map.of(
                "serviceCode", s(request.serviceCode()),
                "description", s(request.description())));
        request.location().ifPresent(p -> {
            sent.put("lat", n(Double.toString(p.latitude())));
            sent.put("long", n(Double.toString(p.longitude())));
        });
        request.address().ifPresent(a -> sent.put("address", s(a)));
        if (request.withPhoto()) {
            sent.put("withPhoto", AttributeValue.fromBool(true));
        }
        if (!request.attributes().isEmpty()) {
            sent.put("attributes", AttributeValue.fromM(request.attributes().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        Map<String, AttributeValue> lookup = new HashMap<>(idKey(system, serviceRequestId));
        lookup.putAll(Map.of("reference", s(report.value()), "system", s(system), "serviceRequestId", s(serviceRequestId)));
        writeState(report, system, event, "serviceRequestId = :id, sent = :sent", Map.of(":id", s(serviceRequestId), ":sent", AttributeValue.fromM(sent)),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(lookup)).build(), State.SENT);
    }

    @Override
    public void awaitingId(Reference report, String system, String token, CaseEvent event) {
        writeState(report, system, event, "#token = :token", Map.of(":token", s(token)), null, State.AWAITING_ID);
    }

    @Override
    public void refused(Reference report, String system, String reason, CaseEvent event) {
        writeState(report, system, event, "reason = :reason", Map.of(":reason", s(reason)), null, State.REFUSED);
    }

    @Override
    public void failed(Reference report, String system, String reason, CaseEvent event) {
        writeState(report, system, event, "reason = :reason", Map.of(":reason", s(reason)), null, State.FAILED);
    }

    /**
     * The request's new state with its event appended to the request's own {@code events} (shown in the case's history,
     * CaseItems.eventsOf), and {@code also} in the same transaction if given. The whole request is written (reference
     * and system too), so a request forgotten after an ambiguous queue error is whole again. Refused once erasure has
     * marked the request, so what was sent for an erased resident's case is not written back after it; and refused when
     * the request is in that state already, so an SDK retry of an update that had succeeded does not append its event twice.
     */
    private void writeState(Reference report, String system, CaseEvent event, String set, Map<String, AttributeValue> values,
            TransactWriteItem also, State state) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":state", s(state.name()));
        allValues.put(":at", s(event.at().toString()));
        allValues.put(":reference", s(report.value()));
        allValues.put(":system", s(system));
        allValues.put(":event", AttributeValue.fromL(List.of(CaseItems.eventValue(event))));
        allValues.put(":none", AttributeValue.fromL(List.of()));
        Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#at", "at", "#erased", TableLayout.WORKS_ERASED, "#events", "events",
                "#system", "system", "#reference", "reference"));
        if (set.contains("#token")) {
            names.put("#token", "token");
        }
        String expression = "SET #state = :state, #at = :at, #reference = :reference, #system = :system, "
                + "#events = list_append(if_not_exists(#events, :none), :event), " + set;
        String condition = "attribute_not_exists(#erased) AND (attribute_not_exists(#state) OR #state <> :state)";
        try {
            if (also == null) {
                dynamo.updateItem(u -> u.tableName(table).key(requestKey(report)).updateExpression(expression).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(allValues));
                return;
            }
            dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(report))
                    .updateExpression(expression).conditionExpression(condition).expressionAttributeNames(names)
                    .expressionAttributeValues(allValues)).build(), also));
        } catch (ConditionalCheckFailedException erasedOrWritten) {
            // Erased meanwhile (nothing of theirs is written back), or this state's write had already succeeded.
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().isEmpty() || !"ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())) {
                throw e;
            }
            // As above.
        }
    }

    @Override
    public Map<String, Reference> casesOf(String system, Collection<String> serviceRequestIds) {
        Map<String, Reference> found = new HashMap<>();
        batchGet(serviceRequestIds.stream().map(id -> idKey(system, id)).toList())
                .forEach(item -> found.put(item.get("serviceRequestId").s(), new Reference(item.get("reference").s())));
        return found;
    }

    @Override
    public Set<String> handled(String system, Collection<Change> changes) {
        return batchGet(changes.stream().map(c -> updateKey(c.report(), system, c.update())).toList()).stream()
                .map(item -> item.get("updateId").s()).collect(Collectors.toSet());
    }

    @Override
    public void handledNow(String system, Collection<Change> changes, Instant at) {
        List<WriteRequest> puts = changes.stream().map(c -> WriteRequest.builder().putRequest(p -> p.item(updateItem(system, c, at))).build())
                .toList();
        for (int from = 0; from < puts.size(); from += BATCH_WRITE) {
            Map<String, List<WriteRequest>> pending = Map.of(table, puts.subList(from, Math.min(puts.size(), from + BATCH_WRITE)));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> ask = pending;
                Map<String, List<WriteRequest>> unprocessed = dynamo.batchWriteItem(b -> b.requestItems(ask)).unprocessedItems();
                pending = unprocessed == null ? Map.of() : unprocessed;
            }
        }
    }

    private static Map<String, AttributeValue> updateItem(String system, Change change, Instant at) {
        WorksUpdate update = change.update();
        Map<String, AttributeValue> item = new HashMap<>(updateKey(change.report(), system, update));
        item.put("updateId", s(update.updateId()));
        item.put("serviceRequestId", s(update.serviceRequestId()));
        item.put("status", s(update.status()));
        item.put("updatedAt", s(update.updatedAt().toString()));
        item.put("handledAt", s(at.toString()));
        if (!update.description().isBlank()) {
            item.put("description", s(update.description()));
        }
        update.externalStatusCode().ifPresent(c -> item.put("externalStatusCode", s(c)));
        return item;
    }

    @Override
    public Optional<Instant> fetchedUntil(String system) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(feedKey(system))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(item.get("until").s()));
    }

    @Override
    public void fetchedUntil(String system, Instant to) {
        Map<String, AttributeValue> item = new HashMap<>(feedKey(system));
        item.put("until", s(to.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static Request toRequest(Map<String, AttributeValue> item) {
        return new Request(new Reference(item.get("reference").s()), item.get("system").s(), State.valueOf(item.get("state").s()),
                Instant.parse(item.get("at").s()), optional(item, "serviceRequestId"), optional(item, "token"));
    }

    private static Optional<String> optional(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static Map<String, AttributeValue> requestKey(Reference report) {
        return Map.of(PK, s(casePk(report)), SK, s(REQUEST_SK));
    }

    private static Map<String, AttributeValue> updateKey(Reference report, String system, WorksUpdate update) {
        return Map.of(PK, s(casePk(report)), SK, s("WORKS#UPDATE#" + system + "#" + update.updateId()));
    }

    private static Map<String, AttributeValue> feedKey(String system) {
        return Map.of(PK, s("WORKSFEED#" + system), SK, s("#WORKSFEED"));
    }

    private static String casePk(Reference report) {
        return TableLayout.casePk(report.value());
    }

    private static Map<String, AttributeValue> idKey(String system, String serviceRequestId) {
        return TableLayout.worksIdKey(system, serviceRequestId);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
