package uk.councilinbox.cases;

import java.util.Optional;
import uk.councilinbox.ingest.InboundMessage;

/** Where cases, their messages and their history are kept. Every write is all-or-nothing. */
public interface CaseStore {

    /** Where a resident's message was already recorded, if it was. */
    Optional<RecordedMessage> recorded(String messageKey);

    /** A message already on a case; {@code opened} when it was the message that opened the case. */
    record RecordedMessage(Reference reference, boolean opened) {}

    Optional<Case> find(Reference reference);

    /** The resident's most recently updated open case. */
    Optional<Case> latestOpenCase(String residentKey);

    /**
     * Records a new case with its first message and event.
     *
     * @throws MessageAlreadyRecordedException when this message was recorded before (a redelivery)
     * @throws ReferenceTakenException when the reference is in use (draw another)
     */
    void open(Case newCase, InboundMessage message, CaseEvent event);

    /**
     * Adds a message to an existing case and saves the case's new state with the event.
     *
     * @throws MessageAlreadyRecordedException when this message was recorded before (a redelivery)
     * @throws CaseChangedException when the case changed since it was read ({@code version} is one behind)
     */
    void attach(Case updated, InboundMessage message, CaseEvent event);

    class MessageAlreadyRecordedException extends RuntimeException {
        public MessageAlreadyRecordedException(String messageKey) {
            super("message already recorded: " + messageKey);
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
