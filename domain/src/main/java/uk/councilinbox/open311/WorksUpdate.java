package uk.councilinbox.open311;

import java.time.Instant;
import java.util.Optional;

/**
 * One change the works system reports on a service request (an entry of {@code servicerequestupdates}, or a request whose
 * {@code updated_datetime} moved).
 *
 * @param updateId unique within the works system: what makes a change fetched twice count once
 * @param description the works system's public note on the change, if any
 */
public record WorksUpdate(String updateId, String serviceRequestId, String status, Instant updatedAt, String description,
        Optional<String> externalStatusCode) {}
