package uk.councilinbox.cases;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the conversation with the resident stands for staff (DOMAIN.md, "Cases and conversations"): who is
 * answering it, since when the resident has waited for a person's answer, whether staff are waiting on the
 * resident instead, and when a person first answered (the figure the council measures).
 *
 * <p>A case waits for an answer when it opens as a query or complaint, and again whenever the resident writes
 * into a conversation staff are having with them (after a person answered, or while staff wait on them); a
 * pin sent after a pothole report is not a question. A person's reply, "waiting on resident", or the case being
 * resolved, closed or rejected ends the wait.
 *
 * @param awaitingAnswerSince when the oldest message not yet answered by a person arrived; empty when none waits
 * @param waitingOnResidentSince when staff marked the case as waiting for the resident to write; empty otherwise
 */
public record Handling(Optional<String> assignee, Optional<Instant> awaitingAnswerSince, Optional<Instant> waitingOnResidentSince,
        Optional<Instant> firstHumanAnswerAt) {

    public static final Handling NONE = new Handling(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The handling of a case opened by a resident's message written at {@code messageAt}. */
    public static Handling opened(Category category, Instant messageAt) {
        return needsAnswer(category) ? NONE.awaiting(messageAt) : NONE;
    }

    /** Queries and complaints are answered by a person; reports get an acknowledgement and progress updates. */
    public static boolean needsAnswer(Category category) {
        return category == Category.QUERY || category == Category.COMPLAINT;
    }

    public boolean awaitingAnswer() {
        return awaitingAnswerSince.isPresent();
    }

    /** Who the case waits on, if anyone (the two waits never overlap). */
    public Optional<CaseStore.Waiting> waiting() {
        return awaitingAnswer() ? Optional.of(CaseStore.Waiting.FOR_ANSWER)
                : waitingOnResidentSince.map(since -> CaseStore.Waiting.ON_RESIDENT);
    }

    /** Since when the case has waited as {@code which} says; empty when it does not. */
    public Optional<Instant> waitingSince(CaseStore.Waiting which) {
        return which == CaseStore.Waiting.FOR_ANSWER ? awaitingAnswerSince : waitingOnResidentSince;
    }

    /** A case resolved, closed or rejected waits for nobody. */
    public static boolean finished(CaseStatus status) {
        return status == CaseStatus.RESOLVED || !status.isOpen();
    }

    /** The resident wrote again at {@code at} on a case of {@code category}. */
    public Handling residentWrote(Category category, Instant at) {
        boolean inConversation = needsAnswer(category) || firstHumanAnswerAt.isPresent() || waitingOnResidentSince.isPresent();
        Handling back = new Handling(assignee, awaitingAnswerSince, Optional.empty(), firstHumanAnswerAt);
        return inConversation ? back.awaiting(at) : back;
    }

    /** A person answered at {@code at}. */
    public Handling answered(Instant at) {
        return new Handling(assignee, Optional.empty(), waitingOnResidentSince, firstHumanAnswerAt.or(() -> Optional.of(at)));
    }

    /** Staff are waiting for the resident (more detail, a photo) from {@code at}: out of the inbox until they write. */
    public Handling waitingOnResident(Instant at) {
        return new Handling(assignee, Optional.empty(), Optional.of(at), firstHumanAnswerAt);
    }

    /** The case's status became {@code status}: a finished case waits for nobody. */
    public Handling statusChanged(CaseStatus status) {
        return finished(status) ? nobodyToAnswer() : this;
    }

    /** Nobody waits any more: the case is finished, or the resident's data was erased so nobody can be answered. */
    public Handling nobodyToAnswer() {
        return new Handling(assignee, Optional.empty(), Optional.empty(), firstHumanAnswerAt);
    }

    /** Staff recategorised the case: a report that turns out to be a query waits for its answer from the resident's last message. */
    public Handling recategorised(Category category, Instant lastResidentMessageAt) {
        boolean unanswered = firstHumanAnswerAt.isEmpty() && waitingOnResidentSince.isEmpty();
        return needsAnswer(category) && unanswered ? awaiting(lastResidentMessageAt) : this;
    }

    public Handling assignedTo(Optional<String> staffId) {
        return new Handling(staffId, awaitingAnswerSince, waitingOnResidentSince, firstHumanAnswerAt);
    }

    private Handling awaiting(Instant since) {
        return new Handling(assignee, awaitingAnswerSince.or(() -> Optional.of(since)), waitingOnResidentSince, firstHumanAnswerAt);
    }
}
