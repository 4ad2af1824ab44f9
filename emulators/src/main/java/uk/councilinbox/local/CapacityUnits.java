package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DynamoDB's read and write request units, computed from AWS's published rules rather than read from an
 * emulator (emulators' {@code ConsumedCapacity} is not DynamoDB's). Items are given in DynamoDB's JSON wire
 * form and sized by {@link ItemSize}. Rules, from the Amazon DynamoDB Developer Guide:
 *
 * <ul>
 *   <li><b>Writes</b> ("DynamoDB read and write operations", read-write-operations.html; "Item sizes and
 *       capacity unit consumption", CapacityUnitCalculations.html): PutItem, UpdateItem and DeleteItem cost
 *       1 unit per 1 KB, rounded up, of the larger of the item before and after the write (a delete: the
 *       item deleted); at least 1.
 *   <li><b>Index writes</b> ("Global secondary indexes", GSI.html#GSI.ThroughputConsiderations.Writes): a
 *       write that affects a global secondary index also writes the index: 1 write when the item enters
 *       the index; 2 (a delete and a put) when an index key value changes; 1 when the item leaves it
 *       (index key removed, or item deleted); 1 when it stays under the same index key but changes; none
 *       when the item is in the index neither before nor after, or the write changes nothing. Each index
 *       write is 1 unit per 1 KB of the index entry, which with the ALL projection assumed here is the
 *       item itself.
 *   <li><b>Transactions</b> ("Amazon DynamoDB Transactions: How it works", transaction-apis.html#transaction-capacity-handling):
 *       "DynamoDB performs two underlying reads or writes of every item in the transaction: one to
 *       prepare the transaction and one to commit the transaction", so 2 units per 1 KB per item written.
 *       A ConditionCheck is counted as a transactional write of the item checked. The same page says
 *       changes made by a transaction "are propagated to global secondary indexes ... eventually, after
 *       the transaction completes successfully": index entries are not items of the transaction, so their
 *       writes are counted as ordinary index writes (1 unit per 1 KB), not doubled. A cancelled
 *       transaction never commits: counted here as the prepare phase alone, 1 unit per 1 KB of each item
 *       as stored (at least 1), with no index writes.
 *   <li><b>Failed conditional writes</b> (read-write-operations.html, "conditional writes"): a PutItem,
 *       UpdateItem or DeleteItem whose condition is false still costs 1 unit per 1 KB of the item (1 if
 *       there is none). The guide's versions word the size differently (the existing item; the new
 *       item); this uses the item as stored, which is always known, where the new size of a refused
 *       update is not.
 *   <li><b>Reads</b> (read-write-operations.html; GSI.html#GSI.ThroughputConsiderations.Reads): GetItem
 *       1 unit per 4 KB, rounded up, strongly consistent, half that eventually consistent, and the same
 *       minimum for an item that does not exist; BatchGetItem rounds each item separately; Query and Scan
 *       add up the size of every item read (before any filter, whatever the projection) and round the
 *       total up once; queries of a global secondary index are always eventually consistent;
 *       TransactGetItems costs twice a strongly consistent read of each item.
 * </ul>
 *
 * <p>Plain Java over Jackson trees, no AWS SDK, so the rules can be checked on hand-worked items.
 */
public final class CapacityUnits {

    /** A global secondary index with the ALL projection; {@code sortKey} is null for an index without one. */
    public record Index(String name, String partitionKey, String sortKey) {}

    /**
     * What the rules need to remember of a stored item: its size, its key in each index (in the order
     * the indexes were given, null where the item is not in that index) and a digest of its content.
     */
    public record Footprint(long bytes, List<String> indexKeys, int content) {}

    static final int WRITE_UNIT_BYTES = 1024;
    static final int READ_UNIT_BYTES = 4 * 1024;

    private final List<Index> indexes;

    public CapacityUnits(List<Index> indexes) {
        this.indexes = List.copyOf(indexes);
    }

    /** The footprint of an item in wire form, or null for no item (null or missing). */
    public Footprint footprint(JsonNode item) {
        if (item == null || item.isMissingNode() || item.isNull()) {
            return null;
        }
        List<String> keys = new ArrayList<>(indexes.size());
        for (Index index : indexes) {
            JsonNode partition = item.get(index.partitionKey());
            JsonNode sort = index.sortKey() == null ? null : item.get(index.sortKey());
            boolean inIndex = partition != null && (index.sortKey() == null || sort != null);
            keys.add(inIndex ? partition + (sort == null ? "" : "\u0000" + sort) : null);
        }
        return new Footprint(ItemSize.of(item), Collections.unmodifiableList(keys), item.hashCode());
    }

    /** PutItem, UpdateItem or DeleteItem that succeeded; {@code before} or {@code after} null where there is no item. */
    public double write(Footprint before, Footprint after) {
        return tableWrite(before, after) + indexWrites(before, after);
    }

    /** A Put, Update or Delete inside a TransactWriteItems that committed. */
    public double transactionalWrite(Footprint before, Footprint after) {
        return 2 * tableWrite(before, after) + indexWrites(before, after);
    }

    /** A ConditionCheck inside a TransactWriteItems that committed. */
    public double conditionCheck(Footprint checked) {
        return 2 * writeUnits(bytes(checked));
    }

    /** PutItem, UpdateItem or DeleteItem refused by its condition. */
    public double failedConditionalWrite(Footprint stored) {
        return writeUnits(bytes(stored));
    }

    /** A TransactWriteItems that was cancelled: the items it named, as stored (null where absent). */
    public double cancelledTransaction(List<Footprint> stored) {
        return stored.stream().mapToDouble(this::failedConditionalWrite).sum();
    }

    /** GetItem of an item, null if it does not exist. */
    public double getItem(Footprint item, boolean consistentRead) {
        return readUnits(bytes(item), consistentRead);
    }

    /** BatchGetItem: each item read (null for a key not found) rounded on its own. */
    public double batchGet(List<Footprint> items, boolean consistentRead) {
        return items.stream().mapToDouble(item -> getItem(item, consistentRead)).sum();
    }

    /** Query or Scan: every item read, filtered out or not, rounded up once. */
    public double query(List<Footprint> read, boolean consistentRead, boolean fromIndex) {
        long total = read.stream().mapToLong(CapacityUnits::bytes).sum();
        return readUnits(total, consistentRead && !fromIndex);
    }

    /** TransactGetItems: each item (null where not found) read twice, strongly consistent. */
    public double transactGet(List<Footprint> items) {
        return items.stream().mapToDouble(item -> 2 * readUnits(bytes(item), true)).sum();
    }

    private static double tableWrite(Footprint before, Footprint after) {
        return writeUnits(Math.max(bytes(before), bytes(after)));
    }

    private double indexWrites(Footprint before, Footprint after) {
        double units = 0;
        for (int i = 0; i < indexes.size(); i++) {
            String was = before == null ? null : before.indexKeys().get(i);
            String is = after == null ? null : after.indexKeys().get(i);
            if (was == null && is == null) {
                continue;
            }
            if (was == null) {
                units += writeUnits(after.bytes());
            } else if (is == null) {
                units += writeUnits(before.bytes());
            } else if (!was.equals(is)) {
                units += writeUnits(before.bytes()) + writeUnits(after.bytes());
            } else if (!before.equals(after)) {
                units += writeUnits(Math.max(before.bytes(), after.bytes()));
            }
        }
        return units;
    }

    private static long bytes(Footprint item) {
        return item == null ? 0 : item.bytes();
    }

    private static double writeUnits(long bytes) {
        return Math.max(1, Math.ceilDiv(bytes, WRITE_UNIT_BYTES));
    }

    private static double readUnits(long bytes, boolean consistentRead) {
        long units = Math.max(1, Math.ceilDiv(bytes, READ_UNIT_BYTES));
        return consistentRead ? units : units / 2.0;
    }
}
