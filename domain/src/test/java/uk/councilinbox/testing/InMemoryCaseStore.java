package uk.councilinbox.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.photos.PhotoRecords;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;

/**
 * {@link CaseStore} in memory, with the same guarantees the DynamoDB adapter gives (a message recorded
 * once, a reference used once, a save refused when the case changed since it was read, pending replies
 * kept until queued, erasure of a resident's id, pin and photos), for fast tests of the rules that use
 * the store. What it does not keep (case detail: message texts) it refuses, so a test cannot silently rely on it.
 */
public final class InMemoryCaseStore implements CaseStore, PhotoRecords {

    private final Map<Reference, Case> cases = new HashMap<>();
    private final Map<String, RecordedMessage> messages = new HashMap<>();
    private final Map<String, Reference> latest = new HashMap<>();
    private final Map<Reference, List<CaseEvent>> events = new HashMap<>();
    private final Map<Reference, Instant> expiry = new HashMap<>();
    private final Map<String, CasePhoto> photos = new LinkedHashMap<>();
    private final Map<String, PendingReply> pending = new LinkedHashMap<>();
    private Runnable meanwhile = () -> {};
    private int racesLeft;
    private int searches;
    private boolean racing;

    private record PendingReply(OutboundReply reply, Instant writtenAt) {}

    @Override
    public synchronized Optional<RecordedMessage> recorded(InboundMessage message) {
        return Optional.ofNullable(messages.get(message.messageKey()));
    }

    @Override
    public synchronized Optional<Case> find(Reference reference) {
        return Optional.ofNullable(cases.get(reference));
    }

    @Override
    public synchronized void moveToResident(Case moved, CaseEvent event) {
        change(moved, List.of(event), Optional.empty(), Optional.empty());
        latest.putIfAbsent(moved.residentKey(), moved.reference());
    }

    /** Replies are always said to be possibly held: the in-memory ledger is another object, so it is always asked. */
    @Override
    public synchronized Resident resident(String residentKey) {
        return new Resident(Optional.ofNullable(latest.get(residentKey)), true);
    }

    @Override
    public synchronized List<Case> openCases(String residentKey) {
        return cases.values().stream().filter(c -> c.residentKey().equals(residentKey) && c.status().isOpen())
                .sorted(Comparator.comparing(Case::updatedAt).reversed()).toList();
    }

    @Override
    public synchronized void open(Case newCase, InboundMessage message, List<CaseEvent> opening) {
        if (messages.containsKey(message.messageKey())) {
            throw new MessageAlreadyRecordedException(message.messageKey());
        }
        if (cases.containsKey(newCase.reference())) {
            throw new ReferenceTakenException(newCase.reference());
        }
        save(newCase, message, opening, true);
    }

    @Override
    public synchronized void attach(Case updated, InboundMessage message, CaseEvent event) {
        if (messages.containsKey(message.messageKey())) {
            throw new MessageAlreadyRecordedException(message.messageKey());
        }
        requireNextVersion(updated);
        save(updated, message, List.of(event), false);
    }

    @Override
    public synchronized List<Case> search(CaseQuery query) {
        searches++;
        return cases.values().stream().filter(query::matches).sorted(Comparator.comparing(Case::createdAt).reversed())
                .limit(query.limit()).toList();
    }

    /** The case's history as saved, oldest first. */
    public synchronized List<CaseEvent> history(Reference reference) {
        return List.copyOf(events.getOrDefault(reference, List.of()));
    }

    @Override
    public synchronized List<Case> waiting(Waiting which, int limit) {
        return cases.values().stream().filter(c -> c.status().isOpen() && c.handling().waitingSince(which).isPresent())
                .sorted(Comparator.comparing(c -> c.handling().waitingSince(which).orElseThrow())).limit(limit).toList();
    }

    /** The case with its history; messages and replies are not kept in memory (the DynamoDB adapter's tests have them). */
    @Override
    public synchronized Optional<CaseDetail> detail(Reference reference) {
        return find(reference).map(c -> new CaseDetail(c, List.of(), history(reference)));
    }

    @Override
    public synchronized void change(Case updated, List<CaseEvent> changes, Optional<OutboundReply> update, Optional<Instant> expireAt) {
        raceOnce();
        requireNextVersion(updated);
        cases.put(updated.reference(), updated);
        events.computeIfAbsent(updated.reference(), r -> new ArrayList<>()).addAll(changes);
        update.ifPresent(reply -> pending.put(reply.replyId(), new PendingReply(reply, updated.updatedAt())));
        expireAt.ifPresent(at -> expiry.put(updated.reference(), at));
    }

    /** Its change sets the expiry with the case, at once: nothing is ever left to finish. */
    @Override
    public int finishRetention(Instant closedBefore, int limit) {
        return 0;
    }

    @Override
    public synchronized List<OutboundReply> pendingReplies(Instant writtenBefore, int limit) {
        return pending.values().stream().filter(p -> p.writtenAt().isBefore(writtenBefore))
                .sorted(Comparator.comparing(PendingReply::writtenAt)).limit(limit).map(PendingReply::reply).toList();
    }

    @Override
    public synchronized void deferReply(OutboundReply reply, Instant listedFrom) {
        pending.put(reply.attemptKey(), new PendingReply(reply, listedFrom));
    }

    @Override
    public synchronized void replyQueued(String attemptKey) {
        pending.remove(attemptKey);
    }

    @Override
    public synchronized int eraseResident(String residentKey, CaseEvent event) {
        List<Case> theirs = cases.values().stream().filter(c -> c.residentKey().equals(residentKey)).toList();
        for (Case c : theirs) {
            cases.put(c.reference(), c.withResidentId(Case.ERASED_RESIDENT).withLocation(c.place(), Optional.empty())
                    .withPhotos(0).withReplyTarget(Optional.empty()).changed(event.at()));
            List<CaseEvent> history = events.computeIfAbsent(c.reference(), r -> new ArrayList<>());
            history.replaceAll(CaseEvent::erased);
            history.add(event);
        }
        pending.values().removeIf(p -> p.reply().residentKey().equals(residentKey));
        latest.remove(residentKey);
        theirs.forEach(c -> photos.keySet().removeIf(k -> k.startsWith(c.reference().value() + "/")));
        return theirs.size();
    }

    @Override
    public synchronized List<Reference> residentCases(String residentKey) {
        return cases.values().stream().filter(c -> c.residentKey().equals(residentKey)).map(Case::reference).toList();
    }

    @Override
    public synchronized Found find(Reference reference, String photoId) {
        return new Found(find(reference), Optional.ofNullable(photos.get(reference.value() + "/" + photoId)));
    }

    @Override
    public synchronized boolean record(CasePhoto photo, CaseEvent event, Optional<Case> pinned) {
        raceOnce();
        String key = photo.reference().value() + "/" + photo.photoId();
        if (photos.containsKey(key)) {
            return false;
        }
        Case current = cases.get(photo.reference());
        if (current == null || current.residentErased()) {
            throw new CaseChangedException(photo.reference());
        }
        pinned.ifPresent(c -> {
            if (cases.get(c.reference()).version() != c.version() - 1) {
                throw new CaseChangedException(c.reference());
            }
            cases.put(c.reference(), c);
        });
        photos.put(key, photo);
        events.computeIfAbsent(photo.reference(), r -> new ArrayList<>()).add(event);
        return true;
    }

    public synchronized List<CasePhoto> photos() {
        return List.copyOf(photos.values());
    }

    /** How many lists were asked for. */
    public synchronized int searches() {
        return searches;
    }

    /** A case as if opened earlier, with no message or history: the starting point of a test. */
    public synchronized Case add(Case c) {
        if (cases.putIfAbsent(c.reference(), c) != null) {
            throw new ReferenceTakenException(c.reference());
        }
        return c;
    }

    /**
     * Another writer saving between a read and the write: before each of the next {@code times} changes,
     * {@code meanwhile} runs first (its own changes do not set it off again).
     */
    public synchronized void beforeNextChanges(int times, Runnable meanwhile) {
        this.racesLeft = times;
        this.meanwhile = meanwhile;
    }

    /** The replies saved with a change and not yet marked queued, oldest first. */
    public synchronized List<OutboundReply> pending() {
        return pendingReplies(Instant.MAX, Integer.MAX_VALUE);
    }

    /** When the case's items are due for deletion, if a change said so. */
    public synchronized Optional<Instant> expiry(Reference reference) {
        return Optional.ofNullable(expiry.get(reference));
    }

    /** Every case, for assertions. */
    public synchronized List<Case> all() {
        return List.copyOf(cases.values());
    }

    /** An event saved beside the case, which is left as it is (the works records' events). */
    public synchronized void addEvent(Reference reference, CaseEvent event) {
        events.computeIfAbsent(reference, r -> new ArrayList<>()).add(event);
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

    /** Runs the change set up to happen meanwhile, if one is left, as another writer between this one's read and write. */
    private void raceOnce() {
        if (racesLeft > 0 && !racing) {
            racesLeft--;
            racing = true;
            try {
                meanwhile.run();
            } finally {
                racing = false;
            }
        }
    }

    private void save(Case c, InboundMessage message, List<CaseEvent> saved, boolean opened) {
        cases.put(c.reference(), c);
        messages.put(message.messageKey(), new RecordedMessage(c.reference(), opened));
        latest.put(c.residentKey(), c.reference());
        events.computeIfAbsent(c.reference(), r -> new ArrayList<>()).addAll(saved);
    }
}
