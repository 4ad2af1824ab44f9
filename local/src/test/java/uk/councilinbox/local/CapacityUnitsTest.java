package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request units on hand-worked items; the sizes in the comments are bytes (attribute name + value). */
class CapacityUnitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CapacityUnits units = new CapacityUnits(List.of(
            new CapacityUnits.Index("GSI1", "GSI1PK", "GSI1SK"), new CapacityUnits.Index("GSI2", "GSI2PK", "GSI2SK")));

    private static ObjectNode item(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** "PK" 2 + "P" 1 + "pad" 3 + the padding: 6 + padding bytes. */
    private static ObjectNode itemOf(int bytes) {
        return item("{\"PK\":{\"S\":\"P\"},\"pad\":{\"S\":\"" + "x".repeat(bytes - 6) + "\"}}");
    }

    private CapacityUnits.Footprint footprint(JsonNode item) {
        return units.footprint(item);
    }

    /**
     * A new case: PK "CASE#AB12-CD34" 2 + 14 = 16, SK "#CASE" 2 + 5 = 7, GSI1PK "STATUS#received" 6 + 15 = 21,
     * GSI1SK "pothole#2026-03-01T10:00:00Z" 6 + 28 = 34, GSI2PK "RESIDENT#m:7099" 6 + 15 = 21,
     * GSI2SK "2026-03-01T10:00:00Z" 6 + 20 = 26, version 1: 7 + (1 byte for 1 digit + 1) = 9; 134 in all.
     */
    private static final String CASE = """
            {"PK":{"S":"CASE#AB12-CD34"},"SK":{"S":"#CASE"},
             "GSI1PK":{"S":"STATUS#received"},"GSI1SK":{"S":"pothole#2026-03-01T10:00:00Z"},
             "GSI2PK":{"S":"RESIDENT#m:7099"},"GSI2SK":{"S":"2026-03-01T10:00:00Z"},"version":{"N":"1"}}""";

    @Test
    void sizesEachTypeByTheGuidesRules() {
        assertEquals(8, ItemSize.of(item("{\"PK\":{\"S\":\"CASE#X\"}}")));           // 2 + 6
        assertEquals(3, ItemSize.of(item("{\"t\":{\"S\":\"é\"}}")));                  // 1 + 2 (é is 2 bytes of UTF-8)
        assertEquals(3, ItemSize.of(item("{\"é\":{\"BOOL\":true}}")));                // 2 + 1
        assertEquals(2, ItemSize.of(item("{\"z\":{\"NULL\":true}}")));                // 1 + 1
        assertEquals(3, ItemSize.of(item("{\"n\":{\"N\":\"12\"}}")));                 // 1 + (2 digits: 1 byte + 1)
        assertEquals(3, ItemSize.of(item("{\"n\":{\"N\":\"-0.00120\"}}")));           // zeroes trimmed: 12, as above
        assertEquals(5, ItemSize.of(item("{\"n\":{\"N\":\"12345\"}}")));              // 1 + (5 digits: 3 bytes + 1)
        assertEquals(4, ItemSize.of(item("{\"b\":{\"B\":\"AAEC\"}}")));               // 1 + 3 raw bytes, not 4 of base64
        assertEquals(10, ItemSize.of(item("{\"l\":{\"L\":[{\"S\":\"ab\"},{\"N\":\"1\"}]}}"))); // 1 + 3 + (1 + 2) + (1 + 2)
        assertEquals(7, ItemSize.of(item("{\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}}}")));   // 1 + 3 + (1 + "k" 1 + "v" 1)
        assertEquals(4, ItemSize.of(item("{\"m\":{\"M\":{}}}")));                     // 1 + 3
        assertEquals(5, ItemSize.of(item("{\"ss\":{\"SS\":[\"a\",\"bc\"]}}")));       // 2 + 1 + 2
        assertEquals(6, ItemSize.of(item("{\"ns\":{\"NS\":[\"1\",\"22\"]}}")));       // 2 + 2 + 2
        assertEquals(6, ItemSize.of(item("{\"bs\":{\"BS\":[\"AAEC\",\"AA==\"]}}")));  // 2 + 3 + 1
        assertEquals(134, ItemSize.of(item(CASE)));
    }

    @Test
    void aWriteIsOneUnitPerKilobyteRoundedUp() {
        assertEquals(1024, ItemSize.of(itemOf(1024)));
        assertEquals(1.0, units.write(null, footprint(itemOf(1024))));   // exactly 1 KB: 1 WRU
        assertEquals(2.0, units.write(null, footprint(itemOf(1025))));   // 1 byte over: 2 WRU
        assertEquals(1.0, units.write(null, footprint(itemOf(10))));     // at least 1
        assertEquals(1.0, units.write(footprint(itemOf(10)), null));     // deleting a 10-byte item
    }

    @Test
    void aWriteIsBilledForTheLargerOfTheItemBeforeAndAfter() {
        // 3,000 bytes shrunk to 500: ceil(3000 / 1024) = 3 WRU; grown back: 3 again.
        assertEquals(3.0, units.write(footprint(itemOf(3000)), footprint(itemOf(500))));
        assertEquals(3.0, units.write(footprint(itemOf(500)), footprint(itemOf(3000))));
    }

    @Test
    void aCaseOpenedInATransactionWritesTwicePerKilobyteAndEntersBothIndexes() {
        // 134 bytes: 2 x 1 for the transaction's prepare and commit, 1 to put it in GSI1, 1 in GSI2.
        assertEquals(4.0, units.transactionalWrite(null, footprint(item(CASE))));
        // The same case with 1,500 more bytes of text: 134 + 4 ("text") + 1,500 = 1,638 bytes, 2 KB:
        // 2 x 2 in the table, and 2 for each index entry (projection ALL: the entry is the whole item).
        ObjectNode longer = item(CASE);
        longer.set("text", item("{\"S\":\"" + "y".repeat(1500) + "\"}"));
        assertEquals(1638, ItemSize.of(longer));
        assertEquals(8.0, units.transactionalWrite(null, footprint(longer)));
    }

    @Test
    void changingAnIndexKeyIsADeleteAndAPutInThatIndex() {
        ObjectNode before = item(CASE);
        ObjectNode after = item(CASE);
        after.set("GSI1PK", item("{\"S\":\"STATUS#acknowledged\"}"));
        after.set("version", item("{\"N\":\"2\"}"));
        // Table 1; GSI1: the key changed, 1 to delete the old entry + 1 to put the new; GSI2: same key,
        // item changed, 1.
        assertEquals(4.0, units.write(footprint(before), footprint(after)));
        // In a transaction (as markAcknowledged does it) only the table's write is doubled: 2 + 2 + 1.
        assertEquals(5.0, units.transactionalWrite(footprint(before), footprint(after)));
    }

    @Test
    void leavingAnIndexOrBeingDeletedFromItIsOneWrite() {
        ObjectNode pending = item("""
                {"PK":{"S":"PENDING#r1"},"SK":{"S":"#PENDING"},"GSI1PK":{"S":"PENDING_REPLIES"},"GSI1SK":{"S":"2026-03-01"}}""");
        ObjectNode queued = pending.deepCopy();
        queued.remove(List.of("GSI1PK", "GSI1SK"));
        assertEquals(2.0, units.write(footprint(pending), footprint(queued)));   // table 1 + GSI1 1 (leaves it)
        assertEquals(3.0, units.write(footprint(item(CASE)), null));            // table 1 + GSI1 1 + GSI2 1
    }

    @Test
    void anItemOutsideTheIndexesOrUnchangedWritesNoIndex() {
        ObjectNode message = item("{\"PK\":{\"S\":\"CASE#AB12-CD34\"},\"SK\":{\"S\":\"MSG#1\"},\"text\":{\"S\":\"pothole\"}}");
        assertEquals(1.0, units.write(null, footprint(message)));
        assertEquals(2.0, units.transactionalWrite(null, footprint(message)));
        // Put again as it is: the table write is billed, the index entries are already right.
        assertEquals(1.0, units.write(footprint(item(CASE)), footprint(item(CASE))));
    }

    @Test
    void aFailedConditionalWriteCostsTheStoredItem() {
        ObjectNode guard = item("{\"PK\":{\"S\":\"MSGKEY#m_1\"},\"SK\":{\"S\":\"#GUARD\"}}");   // 2 + 10 + 2 + 6 = 20
        assertEquals(1.0, units.failedConditionalWrite(footprint(guard)));   // min 1, and no index write
        assertEquals(1.0, units.failedConditionalWrite(null));              // no item: 1
        assertEquals(3.0, units.failedConditionalWrite(footprint(itemOf(2500))));   // ceil(2500 / 1024) = 3
    }

    @Test
    void aCancelledTransactionCostsOnlyItsPreparePhase() {
        // [case (not there yet) + guard (there: the condition that cancelled it)]: 1 + 1, no commit, no index writes.
        ObjectNode guard = item("{\"PK\":{\"S\":\"MSGKEY#m_1\"},\"SK\":{\"S\":\"#GUARD\"}}");
        assertEquals(2.0, units.cancelledTransaction(Arrays.asList(null, footprint(guard))));
        assertEquals(2.0, units.cancelledTransaction(List.of(footprint(itemOf(1500)))));   // 1,500 bytes: 2 KB
    }

    @Test
    void aConditionCheckIsATransactionalWriteOfTheItemChecked() {
        assertEquals(4.0, units.conditionCheck(footprint(itemOf(1500))));   // 2 x ceil(1500 / 1024)
        assertEquals(2.0, units.conditionCheck(null));
    }

    @Test
    void getItemIsOneUnitPerFourKilobytesHalvedWhenEventuallyConsistent() {
        assertEquals(1.0, units.getItem(footprint(itemOf(4096)), true));
        assertEquals(2.0, units.getItem(footprint(itemOf(4097)), true));
        assertEquals(1.0, units.getItem(footprint(itemOf(4097)), false));
        assertEquals(1.0, units.getItem(null, true));     // an item that is not there still costs
        assertEquals(0.5, units.getItem(null, false));
    }

    @Test
    void aQueryRoundsTheTotalOnceNotEachItem() {
        // 3 items of 1.5 KB = 4,608 bytes -> 8 KB: 2 RRU strongly consistent, 1 eventually consistent.
        List<CapacityUnits.Footprint> three = List.of(footprint(itemOf(1536)), footprint(itemOf(1536)), footprint(itemOf(1536)));
        assertEquals(2.0, units.query(three, true, false));
        assertEquals(1.0, units.query(three, false, false));
        assertEquals(1.0, units.query(three, true, true));   // a global secondary index is eventually consistent
        assertEquals(1.0, units.query(List.of(), true, false));
        assertEquals(0.5, units.query(List.of(), false, false));
    }

    @Test
    void batchAndTransactionalReadsRoundEachItem() {
        // The guide's example: 1.5 KB and 6.5 KB -> 4 KB + 8 KB = 12 KB, 3 RRU (not 8 KB, 2).
        assertEquals(3.0, units.batchGet(List.of(footprint(itemOf(1536)), footprint(itemOf(6656))), true));
        // Two 500-byte items read in a transaction: 2 x 1 each.
        assertEquals(4.0, units.transactGet(List.of(footprint(itemOf(500)), footprint(itemOf(500)))));
    }
}
