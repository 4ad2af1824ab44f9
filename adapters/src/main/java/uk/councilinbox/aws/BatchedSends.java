package uk.councilinbox.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Queue sends that may wait until the batch a function is handling is done ({@link FifoQueue#sendWithRecord}), so that a
 * batch of ten messages queues its ten acknowledgements in one {@code SendMessageBatch}, not ten. Each send is kept with
 * the record that made it: {@link #flush} says which records' sends did not reach their queue, and those records are then
 * reported failed, so their redelivery queues them again. Safe for many records handled at once.
 */
public final class BatchedSends {

    /** The batch and the record being handled on this thread, where an edge binds them. */
    public static final ScopedValue<ForRecord> CURRENT = ScopedValue.newInstance();

    /** This batch's sends as one record makes them. */
    public record ForRecord(BatchedSends batch, String recordId) {
        void add(FifoQueue queue, List<FifoQueue.Entry> entries) {
            batch.add(queue, recordId, entries);
        }
    }

    private record Pending(String recordId, FifoQueue.Entry entry) {}

    private final Map<FifoQueue, List<Pending>> pending = new LinkedHashMap<>();

    public ForRecord forRecord(String recordId) {
        return new ForRecord(this, recordId);
    }

    private synchronized void add(FifoQueue queue, String recordId, List<FifoQueue.Entry> entries) {
        List<Pending> forQueue = pending.computeIfAbsent(queue, q -> new ArrayList<>());
        entries.forEach(e -> forQueue.add(new Pending(recordId, e)));
    }

    /**
     * Sends everything held, in the order it was added (so a resident's replies keep their order); forgets the sends of
     * {@code dropped} records (reported failed anyway, so their redelivery queues them).
     *
     * @return the records whose sends were not all accepted
     */
    public synchronized Set<String> flush(Set<String> dropped) {
        Set<String> failed = new LinkedHashSet<>();
        pending.forEach((queue, sends) -> {
            List<Pending> kept = sends.stream().filter(p -> !dropped.contains(p.recordId())).toList();
            List<FifoQueue.Entry> unsent = queue.sendAll(kept.stream().map(Pending::entry).toList());
            kept.stream().filter(p -> unsent.contains(p.entry())).map(Pending::recordId).forEach(failed::add);
        });
        pending.clear();
        return failed;
    }

    /** The batch bound on this thread, if any. */
    static Optional<ForRecord> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }
}
