package uk.councilinbox.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;

/** Where cases, their messages and their history are kept. Every write is all-or-nothing. */
public interface CaseStore {

    /**
     * How long after a message is recorded its redelivery is still recognised (the platforms retry a webhook for hours to
     * days: WhatsApp for up to seven).
     */
    java.time.Duration REDELIVERY_WINDOW = java.time.Duration.ofDays(7);

    /** Where a resident's message was already recorded, if it was (on one of their cases). */
    Optional<RecordedMessage> recorded(InboundMessage message);

    /** A message already on a case; {@code opened} when it was the message that opened the case. */
    record RecordedMessage(Reference reference, boolean opened) {}

    Optional<Case> find(Reference reference);

    /**
     * What is kept under the resident themselves, read strongly consistently (never through an index, which
     * may lag a case opened a moment ago): the case their last message went on, and whether replies may be
     * held for them until they write.
     */
    Resident resident(String residentKey);

    /**
     * Reads these residents as {@link #resident} would, all at once, for the messages about to be handled; until the
     * returned handle is closed, each resident's first {@link #resident} call is answered from what was read (a later one
     * reads again, since the first message's write changed it).
     */
    default ReadAhead readAhead(java.util.Collection<String> residentKeys) {
        return () -> {};
    }

    /** Residents read ahead for a batch; closing it forgets whatever was not used. */
    interface ReadAhead extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param latestCase the case the resident's latest message was recorded on ({@link #open} and {@link #attach} set it)
     * @param repliesHeld false only when no reply is held for them, so there is nothing to release when they write
     */
    record Resident(Optional<Reference> latestCase, boolean repliesHeld) {
        public static final Resident UNKNOWN = new Resident(Optional.empty(), false);
    }

    /** Every open case of the resident, each as now saved (read again, so a case moved to another key is not one). */
    List<Case> openCases(String residentKey);

    /**
     * Records a new case with its first message and event, and makes it the resident's latest case.
     *
     * @throws MessageAlreadyRecordedException when this message was recorded before (a redelivery; recognised for at least
     *     {@link #REDELIVERY_WINDOW} after it was recorded)
     * @throws ReferenceTakenException when the reference is in use (draw another)
     */
    default void open(Case newCase, InboundMessage message, CaseEvent event) {
        open(newCase, message, List.of(event));
    }

    /** As {@link #open(Case, InboundMessage, CaseEvent)}, with more than one event (a query answered as it opens). */
    void open(Case newCase, InboundMessage message, List<CaseEvent> events);

    /**
     * Adds a message to an existing case and saves the case's new state with the event; the case becomes the
     * resident's latest.
     *
     * @throws MessageAlreadyRecordedException when this message was recorded before (a redelivery)
     * @throws CaseChangedException when the case changed since it was read ({@code version} is one behind)
     */
    void attach(Case updated, InboundMessage message, CaseEvent event);

    /** Cases matching the query, newest first, at most {@code query.limit()}. */
    List<Case> search(CaseQuery query);

    Optional<CaseDetail> detail(Reference reference);

    /** Who an open case is waiting on ({@link Handling}). */
    enum Waiting {
        /** The resident waits for a person's answer. */
        FOR_ANSWER,
        /** Staff wait for the resident to write. */
        ON_RESIDENT
    }

    /** Open cases waiting as {@code which} says, longest waiting first, at most {@code limit}; may lag a change by a moment. */
    List<Case> waiting(Waiting which, int limit);

    /**
     * Saves a change staff made, its history events and, when the resident is to hear of it, the update
     * as a pending reply, all in one transaction: a crash cannot separate a change from its update.
     *
     * @param expireAt when the case's items are to be deleted (retention after closure), if now known
     * @throws CaseChangedException when the case changed since it was read
     */
    void change(Case updated, List<CaseEvent> events, Optional<OutboundReply> update, Optional<Instant> expireAt);

    /**
     * Finishes the retention a {@link #change} with {@code expireAt} began (a store that cannot give every item its expiry
     * in the change's own write finishes it after, and a crash part-way leaves it to this): of cases closed before
     * {@code closedBefore}, at most {@code limit}. Returns how many it finished.
     */
    int finishRetention(Instant closedBefore, int limit);

    /**
     * Saves a case moved to its resident's new id (by {@link #change}'s rules, with no update) and makes it the latest case
     * under that id unless one already is: moving the most recent first leaves that one latest.
     */
    void moveToResident(Case moved, CaseEvent event);

    /** Replies saved by {@link #change} and not yet marked queued, written before {@code writtenBefore}. */
    List<OutboundReply> pendingReplies(Instant writtenBefore, int limit);

    /**
     * Saves a reply deferred by pacing as a pending reply, listed as if written at {@code listedFrom}, so
     * {@link #pendingReplies} returns it once that is long enough ago. Kept apart from the reply's outbox
     * item by its {@linkplain OutboundReply#attemptKey() attempt key}.
     */
    void deferReply(OutboundReply reply, Instant listedFrom);

    /**
     * The pending reply is on the outbound queue (which deduplicates it by attempt key, so queuing twice is harmless).
     *
     * @param attemptKey the reply's {@link OutboundReply#attemptKey()}
     */
    void replyQueued(String attemptKey);

    /** Every case of the resident, open or closed (erasure finds them so). */
    List<Reference> residentCases(String residentKey);

    /**
     * Removes a resident's personal data from all their cases (their id, message texts, the records of their photos and their pins,
     * the post a public reply answered, and the texts of replies staff wrote to them), and the replies
     * still pending for them (not yet queued, or deferred by pacing), keeping the cases, and records the event on each.
     *
     * @return how many cases were changed
     */
    int eraseResident(String residentKey, CaseEvent event);

    class MessageAlreadyRecordedException extends RuntimeException {
        public MessageAlreadyRecordedException(String messageKey) {
            super("message already recorded: " + uk.councilinbox.messages.Digests.forLog(messageKey));
        }
    }

    class CaseChangedException extends RuntimeException {
        public CaseChangedException(Reference reference) {
            super("case changed meanwhile: " + reference);
        }
    }

    class ReferenceTakenException extends RuntimeException {
        public ReferenceTakenException(Reference reference) {
            super("reference in use: " + reference);
        }
    }
}
