package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request units one DynamoDB call would have been billed, from the call and its answer, by the rules
 * in {@link CapacityUnits}. What a write costs depends on the item before and after it, which neither
 * the request nor the answer says, so the meter keeps a footprint of every item it has seen (learned from
 * Put items, GetItem, Query and Scan answers, and, after an update, from a strongly consistent GetItem sent
 * straight to the emulator). An item it has never seen is taken as absent. Reads narrowed by a filter or a
 * projection are billed for the whole items read, so they are read again, unnarrowed, straight from the
 * emulator. All tables are taken to have the key attributes given, and batches are taken to be done
 * whole (an emulator does not throttle, so nothing is left unprocessed).
 */
final class CapacityMeter {

    /** Units of one call. */
    record Units(double read, double write) {
        static final Units NONE = new Units(0, 0);
    }

    /** Sends a DynamoDB request straight to the emulator (not counted) and returns its answer. */
    interface Emulator {
        JsonNode call(String operation, JsonNode request) throws IOException;
    }

    private static final Set<String> NARROWING = Set.of("FilterExpression", "ProjectionExpression", "AttributesToGet", "QueryFilter",
            "ScanFilter", "ConditionalOperator", "Select");
    private static final Pattern PLACEHOLDER = Pattern.compile("[#:][A-Za-z0-9_]+");

    private final List<String> keyAttributes;
    private final CapacityUnits units;
    private final Map<String, CapacityUnits.Footprint> seen = new ConcurrentHashMap<>();

    CapacityMeter(List<String> keyAttributes, List<CapacityUnits.Index> indexes) {
        this.keyAttributes = List.copyOf(keyAttributes);
        this.units = new CapacityUnits(indexes);
    }

    /** The units of a call that was answered with {@code status}: writes refused by their condition cost too. */
    Units measure(String operation, JsonNode request, JsonNode response, int status, Emulator emulator) throws IOException {
        if (status != 200) {
            return new Units(0, refused(operation, request, response.path("__type").asText()));
        }
        String table = request.path("TableName").asText();
        return switch (operation) {
            case "GetItem" -> new Units(getItem(table, request, response, emulator), 0);
            case "BatchGetItem" -> new Units(batchGet(request, response, emulator), 0);
            case "Query", "Scan" -> new Units(query(operation, table, request, response, emulator), 0);
            case "TransactGetItems" -> new Units(transactGet(request, response, emulator), 0);
            case "PutItem" -> new Units(0, write(put(table, request.path("Item"))));
            case "UpdateItem" -> new Units(0, write(update(table, request.path("Key"), emulator)));
            case "DeleteItem" -> new Units(0, write(delete(table, request.path("Key"))));
            case "BatchWriteItem" -> new Units(0, batchWrite(request));
            case "TransactWriteItems" -> new Units(0, transaction(request, emulator));
            default -> Units.NONE;
        };
    }

    /** A write refused by its condition, or a cancelled transaction, is billed; other errors are not. */
    private double refused(String operation, JsonNode request, String error) {
        String table = request.path("TableName").asText();
        if (error.endsWith("ConditionalCheckFailedException")) {
            return switch (operation) {
                case "PutItem" -> units.failedConditionalWrite(seen.get(key(table, request.path("Item"))));
                case "UpdateItem", "DeleteItem" -> units.failedConditionalWrite(seen.get(key(table, request.path("Key"))));
                default -> 0;
            };
        }
        return operation.equals("TransactWriteItems") && error.endsWith("TransactionCanceledException") ? cancelledTransaction(request) : 0;
    }

    private double getItem(String table, JsonNode request, JsonNode response, Emulator emulator) throws IOException {
        CapacityUnits.Footprint item = read(table, request, request.path("Key"), response.get("Item"), emulator);
        return units.getItem(item, request.path("ConsistentRead").asBoolean());
    }

    private double batchGet(JsonNode request, JsonNode response, Emulator emulator) throws IOException {
        double total = 0;
        for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
            Map<String, JsonNode> returned = new HashMap<>();
            for (JsonNode item : response.path("Responses").path(table.getKey())) {
                returned.put(key(table.getKey(), item), item);
            }
            List<CapacityUnits.Footprint> items = new ArrayList<>();
            for (JsonNode key : table.getValue().path("Keys")) {
                items.add(read(table.getKey(), table.getValue(), key, returned.get(key(table.getKey(), key)), emulator));
            }
            total += units.batchGet(items, table.getValue().path("ConsistentRead").asBoolean());
        }
        return total;
    }

    private double transactGet(JsonNode request, JsonNode response, Emulator emulator) throws IOException {
        List<CapacityUnits.Footprint> items = new ArrayList<>();
        JsonNode answers = response.path("Responses");
        JsonNode gets = request.path("TransactItems");
        for (int i = 0; i < gets.size(); i++) {
            JsonNode get = gets.get(i).path("Get");
            items.add(read(get.path("TableName").asText(), get, get.path("Key"), answers.path(i).get("Item"), emulator));
        }
        return units.transactGet(items);
    }

    /** One item read by key: the answer's item, or the whole item when the read asked for only some attributes. */
    private CapacityUnits.Footprint read(String table, JsonNode read, JsonNode key, JsonNode answered, Emulator emulator)
            throws IOException {
        boolean projected = read.has("ProjectionExpression") || read.has("AttributesToGet");
        return projected && answered != null ? fetch(table, key, emulator) : remember(table, key, answered);
    }

    private double query(String operation, String table, JsonNode request, JsonNode response, Emulator emulator) throws IOException {
        boolean narrowed = NARROWING.stream().anyMatch(request::has);
        JsonNode items = narrowed ? emulator.call(operation, unnarrowed(request)).path("Items") : response.path("Items");
        boolean fromIndex = request.has("IndexName");
        List<CapacityUnits.Footprint> read = new ArrayList<>();
        for (JsonNode item : items) {
            read.add(fromIndex ? units.footprint(item) : remember(table, item, item));
        }
        return units.query(read, request.path("ConsistentRead").asBoolean(), fromIndex);
    }

    /** The same read with no filter, projection or count, so it returns every item it reads. */
    private static JsonNode unnarrowed(JsonNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove(NARROWING);
        Set<String> used = new HashSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(copy.path("KeyConditionExpression").asText(""));
        while (placeholders.find()) {
            used.add(placeholders.group());
        }
        for (String field : List.of("ExpressionAttributeNames", "ExpressionAttributeValues")) {
            if (copy.get(field) instanceof ObjectNode map && map.retain(used).isEmpty()) {
                copy.remove(field);
            }
        }
        return copy;
    }

    /** An item before and after a write; null where there is none. */
    private record Change(CapacityUnits.Footprint before, CapacityUnits.Footprint after) {}

    private double write(Change change) {
        return units.write(change.before(), change.after());
    }

    private double transactional(Change change) {
        return units.transactionalWrite(change.before(), change.after());
    }

    private Change put(String table, JsonNode item) {
        CapacityUnits.Footprint after = units.footprint(item);
        return new Change(seen.put(key(table, item), after), after);
    }

    private Change update(String table, JsonNode key, Emulator emulator) throws IOException {
        CapacityUnits.Footprint before = seen.get(key(table, key));
        return new Change(before, fetch(table, key, emulator));
    }

    private Change delete(String table, JsonNode key) {
        return new Change(seen.remove(key(table, key)), null);
    }

    private double batchWrite(JsonNode request) {
        double total = 0;
        for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
            for (JsonNode writeRequest : table.getValue()) {
                total += write(writeRequest.has("PutRequest") ? put(table.getKey(), writeRequest.path("PutRequest").path("Item"))
                        : delete(table.getKey(), writeRequest.path("DeleteRequest").path("Key")));
            }
        }
        return total;
    }

    private double transaction(JsonNode request, Emulator emulator) throws IOException {
        double total = 0;
        for (JsonNode action : request.path("TransactItems")) {
            String kind = action.properties().iterator().next().getKey();
            JsonNode body = action.path(kind);
            String table = body.path("TableName").asText();
            total += switch (kind) {
                case "Put" -> transactional(put(table, body.path("Item")));
                case "Update" -> transactional(update(table, body.path("Key"), emulator));
                case "Delete" -> transactional(delete(table, body.path("Key")));
                case "ConditionCheck" -> units.conditionCheck(seen.get(key(table, body.path("Key"))));
                default -> 0;
            };
        }
        return total;
    }

    private double cancelledTransaction(JsonNode request) {
        List<CapacityUnits.Footprint> stored = new ArrayList<>();
        for (JsonNode action : request.path("TransactItems")) {
            JsonNode body = action.properties().iterator().next().getValue();
            stored.add(seen.get(key(body.path("TableName").asText(), body.has("Item") ? body.path("Item") : body.path("Key"))));
        }
        return units.cancelledTransaction(stored);
    }

    /** The whole item as it is now, read strongly consistent straight from the emulator. */
    private CapacityUnits.Footprint fetch(String table, JsonNode key, Emulator emulator) throws IOException {
        ObjectNode get = JsonNodeFactory.instance.objectNode().put("TableName", table).put("ConsistentRead", true);
        get.set("Key", key);
        return remember(table, key, emulator.call("GetItem", get).get("Item"));
    }

    private CapacityUnits.Footprint remember(String table, JsonNode keyOrItem, JsonNode item) {
        CapacityUnits.Footprint footprint = units.footprint(item);
        if (footprint == null) {
            seen.remove(key(table, keyOrItem));
        } else {
            seen.put(key(table, keyOrItem), footprint);
        }
        return footprint;
    }

    /** The table and primary key of an item or a key, as one string. */
    private String key(String table, JsonNode keyOrItem) {
        StringBuilder key = new StringBuilder(table);
        for (String attribute : keyAttributes) {
            key.append('\u0000').append(keyOrItem.path(attribute));
        }
        return key.toString();
    }
}
