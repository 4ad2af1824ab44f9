package uk.councilinbox.open311.dynamo;

import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.open311.WorksRecords;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.WorksUpdate;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link WorksRecords} in the cases' table, new items beside the case's own (README, "Data model"):
 * <ul>
 *   <li>works request: {@code CASE#<ref>} / {@code WORKS#REQUEST}: the system, the state (queued, awaiting id, sent,
 *       refused, failed) and when, the token and service request id it was given, what was sent, and why it was refused</li>
 *   <li>works update: {@code CASE#<ref>} / {@code WORKS#UPDATE#<system>#<update id>}: a change the works system reported,
 *       as it came back, written once it is handled: the guard against a change fetched twice</li>
 *   <li>works id: {@code WORKSID#<system>#<service request id>} / {@code #WORKSID}: the case a service request was made for</li>
 *   <li>works feed: {@code WORKSFEED#<system>} / {@code #WORKSFEED}: where the last fetch of the system's changes ended</li>
 * </ul>
 * Items under the case's key get its TTL with the rest of the case when it closes.
 */
@ApplicationScoped
public class DynamoWorksRecords implements WorksRecords {

    public static final String REQUEST_SK = "WORKS#REQUEST";
    private static final int BATCH_GET = 100;
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

    /** The items under these keys that exist, read strongly consistently, a hundred keys to a request. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
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
        update(report, "SET #at = :at", Map.of(":at", s(at.toString())));
    }

    @Override
    public void forget(Reference report) {
        dynamo.deleteItem(b -> b.tableName(table).key(requestKey(report)).conditionExpression("#state = :queued")
                .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(Map.of(":queued", s(State.QUEUED.name()))));
    }

    @Override
    public void sent(Reference report, String system, WorksRequest request, String serviceRequestId, Instant at) {
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
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(report))
                        .updateExpression("SET #state = :state, #at = :at, serviceRequestId = :id, sent = :sent, #system = :system")
                        .expressionAttributeNames(Map.of("#state", "state", "#at", "at", "#system", "system"))
                        .expressionAttributeValues(Map.of(":state", s(State.SENT.name()), ":at", s(at.toString()),
                                ":id", s(serviceRequestId), ":sent", AttributeValue.fromM(sent), ":system", s(system)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(lookup)).build()));
    }

    @Override
    public void awaitingId(Reference report, String token, Instant at) {
        update(report, "SET #state = :state, #at = :at, #token = :token", Map.of(":state", s(State.AWAITING_ID.name()),
                ":at", s(at.toString()), ":token", s(token)));
    }

    @Override
    public void refused(Reference report, String reason, Instant at) {
        settle(report, State.REFUSED, reason, at);
    }

    @Override
    public void failed(Reference report, String reason, Instant at) {
        settle(report, State.FAILED, reason, at);
    }

    private void settle(Reference report, State state, String reason, Instant at) {
        update(report, "SET #state = :state, #at = :at, reason = :reason", Map.of(":state", s(state.name()), ":at", s(at.toString()),
                ":reason", s(reason)));
    }

    private void update(Reference report, String expression, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>();
        for (String name : List.of("state", "at", "token")) {
            if (expression.contains("#" + name)) {
                names.put("#" + name, name);
            }
        }
        dynamo.updateItem(b -> b.tableName(table).key(requestKey(report)).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values));
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
        return "CASE#" + report.value();
    }

    /** The lookup from a works system's id to the case, for a case's {@code WORKS#REQUEST} item that has one. */
    public static Optional<Map<String, AttributeValue>> idKeyOf(Map<String, AttributeValue> requestItem) {
        return requestItem.containsKey("serviceRequestId") && requestItem.containsKey("system")
                ? Optional.of(idKey(requestItem.get("system").s(), requestItem.get("serviceRequestId").s()))
                : Optional.empty();
    }

    private static Map<String, AttributeValue> idKey(String system, String serviceRequestId) {
        return Map.of(PK, s("WORKSID#" + system + "#" + serviceRequestId), SK, s("#WORKSID"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
