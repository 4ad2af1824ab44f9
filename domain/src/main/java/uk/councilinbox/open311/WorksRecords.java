package uk.councilinbox.open311;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Reference;

/**
 * What was sent to the works systems and what came back, kept beside each case, with the works system's id for each case
 * and each system's place in its feed. Each change of a request's state is written with the case's history event that
 * tells staff of it, at once; the case itself is not changed by it. A case whose resident was erased gets neither.
 */
public interface WorksRecords {

    /** Where a report's request is. */
    enum State {
        /** On the works queue. */
        QUEUED,
        /** Taken, waiting for the works system to turn its token into an id. */
        AWAITING_ID,
        /** Taken, with its service request id. */
        SENT,
        /** The works system refused it (4xx). */
        REFUSED,
        /** Not taken after the configured attempts; dead-lettered. */
        FAILED;

        public boolean settled() {
            return this == SENT || this == REFUSED || this == FAILED;
        }
    }

    /** A report's request as last saved. */
    record Request(Reference reference, String system, State state, Instant at, Optional<String> serviceRequestId, Optional<String> token) {}

    /** The requests saved for these cases (none for a case never queued). */
    Map<Reference, Request> requests(Collection<Reference> cases);

    default Optional<Request> request(Reference report) {
        return Optional.ofNullable(requests(java.util.List.of(report)).get(report));
    }

    /** A report as its sender needs it: the case and its request (if any), read together. */
    record Report(Optional<Case> report, Optional<Request> request) {}

    /** The case and its request, read at once. */
    Report report(Reference report);

    /** Saves the report as queued, unless anything was saved for it before. @return whether it was saved now */
    boolean queue(Reference report, String system, Instant at);

    /** Queued again at {@code at} (a crash or a queue outage may have lost the first). */
    void requeued(Reference report, Instant at);

    /** Forgets a report the queue did not take, so the next sweep queues it again. */
    void forget(Reference report);

    /**
     * Taken by the works system: the request's new state, what was sent, the id's lookup item and the event, written
     * together at the event's time.
     */
    void sent(Reference report, String system, WorksRequest request, String serviceRequestId, CaseEvent event);

    void awaitingId(Reference report, String system, String token, CaseEvent event);

    void refused(Reference report, String system, String reason, CaseEvent event);

    void failed(Reference report, String system, String reason, CaseEvent event);

    /** The cases these service requests of the system were made for (none for a request not ours). */
    Map<String, Reference> casesOf(String system, Collection<String> serviceRequestIds);

    default Optional<Reference> caseOf(String system, String serviceRequestId) {
        return Optional.ofNullable(casesOf(system, java.util.List.of(serviceRequestId)).get(serviceRequestId));
    }

    /** A change of the system's on its case. */
    record Change(Reference report, WorksUpdate update) {}

    /** The ids of those changes handled already (the guard against a change fetched twice). */
    java.util.Set<String> handled(String system, Collection<Change> changes);

    /** Records the changes as handled, with what came back. */
    void handledNow(String system, Collection<Change> changes, Instant at);

    /** Where the last fetch of the system's changes ended. */
    Optional<Instant> fetchedUntil(String system);

    void fetchedUntil(String system, Instant to);
}
