package uk.councilinbox.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;

/**
 * {@link CaseStore} in memory, with the same guarantees the DynamoDB adapter gives (a message recorded
 * once, a reference used once, a save refused when the case changed since it was read), for fast tests
 * of the rules that use the store. What it does not keep (history detail, pending replies, erasure) it
 * refuses, so a test cannot silently rely on it.
 */
public final class InMemoryCaseStore implements CaseStore {

    private final Map<Reference, Case> cases = new HashMap<>();
    private final Map<String, RecordedMessage> messages = new HashMap<>();
    private final Map<Reference, List<CaseEvent>> events = new HashMap<>();

    @Override
    public synchronized Optional<RecordedMessage> recorded(String messageKey) {
        return Optional.ofNullable(messages.get(messageKey));
    }

    @Override
    public synchronized Optional<Case> find(Reference reference) {
        return Optional.ofNullable(cases.get(reference));
    }

    @Override
    public synchronized Optional<Case> latestOpenCase(String residentKey) {
        return cases.values().stream().filter(c -> c.residentKey().equals(residentKey) && c.status().isOpen())
                .max(Comparator.comparing(Case::updatedAt));
    }

    @Override
    public synchronized void open(Case newCase, InboundMessage message, CaseEvent event) {
        if (messages.containsKey(message.messageKey())) {
            throw new MessageAlreadyRecordedException(message.messageKey());
        }
        if (cases.containsKey(newCase.reference())) {
            throw new ReferenceTakenException(newCase.reference());
        }
        save(newCase, message, event, true);
    }

    @Override
    public synchronized void attach(Case updated, InboundMessage message, CaseEvent event) {
        if (messages.containsKey(message.messageKey())) {
            throw new MessageAlreadyRecordedException(message.messageKey());
        }
        requireNextVersion(updated);
        save(updated, message, event, false);
    }

    @Override
    public synchronized List<Case> search(CaseQuery query) {
        return cases.values().stream().filter(query::matches).sorted(Comparator.comparing(Case::createdAt).reversed())
                .limit(query.limit()).toList();
    }

    @Override
    public Optional<CaseDetail> detail(Reference reference) {
        throw new UnsupportedOperationException("not kept in memory: use the DynamoDB adapter's tests");
    }

    @Override
    public synchronized void change(Case updated, List<CaseEvent> changes, Optional<OutboundReply> update, Optional<Instant> expireAt) {
        requireNextVersion(updated);
        cases.put(updated.reference(), updated);
        events.computeIfAbsent(updated.reference(), r -> new ArrayList<>()).addAll(changes);
    }

    @Override
    public List<OutboundReply> pendingReplies(Instant writtenBefore, int limit) {
        throw new UnsupportedOperationException("not kept in memory");
    }

    @Override
    public void replyQueued(String replyId) {
        throw new UnsupportedOperationException("not kept in memory");
    }

    @Override
    public int eraseResident(String residentKey, CaseEvent event) {
        throw new UnsupportedOperationException("not kept in memory");
    }

    /** Every case, for assertions. */
    public synchronized List<Case> all() {
        return List.copyOf(cases.values());
    }

    /** The events saved for a case, in order. */
    public synchronized List<CaseEvent> events(Reference reference) {
        return List.copyOf(events.getOrDefault(reference, List.of()));
    }

    private void requireNextVersion(Case updated) {
        Case current = cases.get(updated.reference());
        if (current == null || current.version() != updated.version() - 1) {
            throw new CaseChangedException(updated.reference());
        }
    }

    private void save(Case c, InboundMessage message, CaseEvent event, boolean opened) {
        cases.put(c.reference(), c);
        messages.put(message.messageKey(), new RecordedMessage(c.reference(), opened));
        events.computeIfAbsent(c.reference(), r -> new ArrayList<>()).add(event);
    }
}
