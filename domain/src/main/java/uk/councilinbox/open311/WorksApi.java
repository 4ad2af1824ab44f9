package uk.councilinbox.open311;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The council's works system, as its Open311 GeoReport v2 endpoint offers it. */
public interface WorksApi {

    /**
     * {@code POST requests}.
     *
     * @throws WorksUnavailableException when it cannot be reached or answers 5xx: the request is retried later
     */
    Submission submit(WorksSystem system, WorksRequest request);

    /** {@code GET tokens/{token}}: the service request id once the works system has made one. */
    Optional<String> serviceRequestIdFor(WorksSystem system, String token);

    /** The changes dated from {@code from} (inclusive) to {@code to} (exclusive), as the system's feed gives them. */
    List<WorksUpdate> changes(WorksSystem system, Instant from, Instant to);

    /** How the works system answered a request. */
    sealed interface Submission {
        /** Taken, with its id. */
        record Accepted(String serviceRequestId) implements Submission {}

        /** Taken, to be given an id later (Open311's token). */
        record Pending(String token) implements Submission {}

        /** Not taken (4xx): sending it again would be refused again, so staff are told why. */
        record Refused(int httpStatus, String reason) implements Submission {}
    }

    class WorksUnavailableException extends RuntimeException {
        public WorksUnavailableException(String message) {
            super(message);
        }
    }
}
