package uk.councilinbox.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.local.Provisioning;

/**
 * The whole case table read back with one paginated scan, summarised for the checks: which cases
 * hold each platform message ({@code MSG#} items' {@code messageKey}), the cases of each resident, the
 * message guards ({@code MSGKEY#<channel>:<id>}), and each reply record's state and platform message id.
 */
final class TableScan {

    /** Case references holding a message item, by message key. */
    final Map<String, Set<String>> casesByMessageKey = new HashMap<>();
    /** Case references by resident key ({@code CHANNEL:id}). */
    final Map<String, List<String>> casesByResident = new HashMap<>();
    /** Message keys with a guard item. */
    final Set<String> guards = new java.util.HashSet<>();
    /** Reply records: state and (when sent) the platform's message id, by reply id. */
    final Map<String, String[]> replies = new HashMap<>();
    /** Case status by reference. */
    final Map<String, String> caseStatus = new HashMap<>();
    /** Item counts by kind (case, message, event, guard, reply, pending, other). */
    final Map<String, Integer> kinds = new TreeMap<>();
    int items;

    static TableScan of(DynamoDbClient dynamo) {
        TableScan scan = new TableScan();
        dynamo.scanPaginator(b -> b.tableName(Provisioning.TABLE)
                        .projectionExpression("PK, SK, messageKey, #channel, residentId, #state, platformMessageId, #status, #reference")
                        .expressionAttributeNames(Map.of("#channel", "channel", "#state", "state", "#status", "status",
                                "#reference", "reference")))
                .items().forEach(scan::add);
        return scan;
    }

    private void add(Map<String, AttributeValue> item) {
        items++;
        String pk = item.get("PK").s();
        String sk = item.get("SK").s();
        String kind;
        if (pk.startsWith("CASE#") && sk.equals("#CASE")) {
            kind = "case";
            String resident = text(item, "channel") + ":" + text(item, "residentId");
            casesByResident.computeIfAbsent(resident, k -> new ArrayList<>(1)).add(pk.substring(5));
            caseStatus.put(pk.substring(5), text(item, "status"));
        } else if (pk.startsWith("CASE#") && sk.startsWith("MSG#")) {
            kind = "message";
            casesByMessageKey.computeIfAbsent(text(item, "messageKey"), k -> new java.util.HashSet<>(1)).add(pk.substring(5));
        } else if (pk.startsWith("CASE#") && sk.startsWith("EVENT#")) {
            kind = "event";
        } else if (pk.startsWith("MSGKEY#")) {
            kind = "guard";
            guards.add(pk.substring("MSGKEY#".length()));
        } else if (pk.startsWith("REPLY#")) {
            kind = "reply";
            replies.put(pk.substring("REPLY#".length()), new String[] {text(item, "state"), text(item, "platformMessageId"),
                    text(item, "reference")});
        } else if (pk.startsWith("PENDING#")) {
            kind = "pending";
        } else {
            kind = "other";
        }
        kinds.merge(kind, 1, Integer::sum);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    /** Cases still {@code received} although their acknowledgement is recorded as sent. */
    List<String> acknowledgedButReceived() {
        List<String> refs = new ArrayList<>();
        replies.forEach((id, r) -> {
            if (id.startsWith("ack:") && r[0].equals("sent") && "received".equals(caseStatus.get(r[2]))) {
                refs.add(r[2]);
            }
        });
        return refs;
    }

    /** Reply records by state. */
    Map<String, Integer> replyStates() {
        Map<String, Integer> states = new TreeMap<>();
        replies.values().forEach(r -> states.merge(r[0], 1, Integer::sum));
        return states;
    }
}
