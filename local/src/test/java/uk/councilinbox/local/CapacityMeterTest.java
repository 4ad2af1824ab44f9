package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meter over request and answer bodies as the proxy sees them, with the emulator's side faked. */
class CapacityMeterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE_KEY = "{\"PK\":{\"S\":\"CASE#A\"},\"SK\":{\"S\":\"#CASE\"}}";
    /** 2 + 6, 2 + 5, GSI1PK 6 + 15, GSI1SK 6 + 1, GSI2PK 6 + 1, GSI2SK 6 + 1 = 57 bytes; in both indexes. */
    private static final String CASE = "{\"PK\":{\"S\":\"CASE#A\"},\"SK\":{\"S\":\"#CASE\"},\"GSI1PK\":{\"S\":\"STATUS#received\"},"
            + "\"GSI1SK\":{\"S\":\"x\"},\"GSI2PK\":{\"S\":\"r\"},\"GSI2SK\":{\"S\":\"x\"}}";
    private static final String GUARD = "{\"PK\":{\"S\":\"MSGKEY#m\"},\"SK\":{\"S\":\"#GUARD\"}}";
    private static final String CONDITION_FAILED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\"}";

    private final CapacityMeter meter = new CapacityMeter(Provisioning.KEY, Provisioning.INDEXES);
    private final List<JsonNode> direct = new ArrayList<>();
    private JsonNode emulatorAnswer = json("{}");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private CapacityMeter.Units call(String operation, String request, int status, String response) throws Exception {
        return meter.measure(operation, json(request), json(response), status, (op, body) -> {
            direct.add(body);
            return emulatorAnswer;
        });
    }

    @Test
    void anUpdateIsBilledFromTheItemSeenBeforeAndTheItemReadBackAfter() throws Exception {
        // A new case: table 1 + entering GSI1 1 + entering GSI2 1.
        assertEquals(3.0, call("PutItem", "{\"TableName\":\"t\",\"Item\":" + CASE + "}", 200, "{}").write());
        emulatorAnswer = json("{\"Item\":" + CASE.replace("STATUS#received", "STATUS#acknowledged") + "}");
        // GSI1PK changed: table 1 + GSI1 2 (delete and put) + GSI2 1 (changed in place).
        assertEquals(4.0, call("UpdateItem", "{\"TableName\":\"t\",\"Key\":" + CASE_KEY + ",\"UpdateExpression\":\"SET x = :x\"}", 200, "{}")
                .write());
        assertEquals(List.of(json("{\"TableName\":\"t\",\"ConsistentRead\":true,\"Key\":" + CASE_KEY + "}")), direct);
    }

    @Test
    void writesRefusedByTheirConditionAreBilledForTheStoredItem() throws Exception {
        call("PutItem", "{\"TableName\":\"t\",\"Item\":{\"PK\":{\"S\":\"P\"},\"SK\":{\"S\":\"#\"},\"pad\":{\"S\":\"" + "x".repeat(2000)
                + "\"}}}", 200, "{}");
        String refused = "{\"TableName\":\"t\",\"Item\":{\"PK\":{\"S\":\"P\"},\"SK\":{\"S\":\"#\"}},\"ConditionExpression\":\"c\"}";
        assertEquals(2.0, call("PutItem", refused, 400, CONDITION_FAILED).write());   // the stored 3 + 3 + 2,003 = 2,009 bytes: 2 KB
        assertEquals(1.0, call("DeleteItem", "{\"TableName\":\"t\",\"Key\":" + CASE_KEY + "}", 400, CONDITION_FAILED).write());
        assertEquals(0.0, call("PutItem", refused, 400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\"}").write());
    }

    @Test
    void aTransactionIsDoubledPerItemAndACancelledOneCostsItsPreparePhase() throws Exception {
        String transaction = "{\"TransactItems\":[{\"Put\":{\"TableName\":\"t\",\"Item\":" + CASE + "}},"
                + "{\"Put\":{\"TableName\":\"t\",\"Item\":" + GUARD + ",\"ConditionExpression\":\"attribute_not_exists(PK)\"}}]}";
        // case 2 + GSI1 1 + GSI2 1, guard 2.
        assertEquals(6.0, call("TransactWriteItems", transaction, 200, "{}").write());
        // Delivered again: the guard's condition cancels it. Prepare only: 1 per item as stored.
        assertEquals(2.0, call("TransactWriteItems", transaction, 400,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\"}").write());
    }

    @Test
    void aFilteredQueryIsBilledForEveryItemItReadsSoItIsReadAgainUnfiltered() throws Exception {
        String item = "{\"PK\":{\"S\":\"HELD#r\"},\"SK\":{\"S\":\"%d\"},\"pad\":{\"S\":\"" + "x".repeat(1522) + "\"}}";   // 8 + 3 + 1,525 = 1,536 bytes
        emulatorAnswer = json("{\"Items\":[" + item.formatted(1) + "," + item.formatted(2) + "," + item.formatted(3) + "]}");
        String query = "{\"TableName\":\"t\",\"ConsistentRead\":true,\"KeyConditionExpression\":\"PK = :pk\","
                + "\"FilterExpression\":\"#ttl > :now\",\"ExpressionAttributeNames\":{\"#ttl\":\"expiresAt\"},"
                + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"HELD#r\"},\":now\":{\"N\":\"1\"}}}";
        // Nothing passed the filter, but 3 x 1,536 = 4,608 bytes were read: 8 KB, 2 RRU.
        assertEquals(2.0, call("Query", query, 200, "{\"Items\":[],\"Count\":0,\"ScannedCount\":3}").read());
        JsonNode reread = direct.get(0);
        assertFalse(reread.has("FilterExpression"));
        assertFalse(reread.has("ExpressionAttributeNames"));
        assertEquals(json("{\":pk\":{\"S\":\"HELD#r\"}}"), reread.get("ExpressionAttributeValues"));
    }

    @Test
    void readsTeachTheMeterWhatIsStored() throws Exception {
        String big = "{\"PK\":{\"S\":\"P\"},\"SK\":{\"S\":\"#\"},\"pad\":{\"S\":\"" + "x".repeat(3000) + "\"}}";   // 3 + 3 + 3,003 = 3,009 bytes
        assertEquals(0.5, call("GetItem", "{\"TableName\":\"t\",\"Key\":{\"PK\":{\"S\":\"P\"},\"SK\":{\"S\":\"#\"}}}", 200,
                "{\"Item\":" + big + "}").read());
        // Deleting what the read showed: 3 KB.
        assertEquals(3.0, call("DeleteItem", "{\"TableName\":\"t\",\"Key\":{\"PK\":{\"S\":\"P\"},\"SK\":{\"S\":\"#\"}}}", 200, "{}").write());
    }
}
