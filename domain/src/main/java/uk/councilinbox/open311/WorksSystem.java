package uk.councilinbox.open311;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.CaseStatus;

/**
 * A council back-office (works or asset) system that takes reports as Open311 GeoReport v2 service requests, and the
 * council's settings for it (README, "Works system").
 *
 * @param name the system's name in our configuration and on our items ("highways")
 * @param endpoint the GeoReport v2 base URL, ending before {@code requests.json}
 * @param jurisdiction the {@code jurisdiction_id} to send, when the endpoint serves more than one
 * @param serviceCodes our service code (DOMAIN.md) to the works system's own {@code service_code}; only these services go there
 * @param attributes extra {@code attribute[...]} fields the works system asks for, each value a fixed text or one of
 *     {@code {reference}} and {@code {service}}
 * @param statuses the works system's statuses and {@code external_status_code}s (lower case) to ours; an unmapped one
 *     is recorded on the case and told to nobody
 * @param feed where its changes are read from
 * @param pinWait how long a report placed only by words waits for the resident's pin before it is sent as an address
 */
public record WorksSystem(String name, String endpoint, Optional<String> jurisdiction, Map<String, String> serviceCodes,
        Map<String, String> attributes, Map<String, CaseStatus> statuses, Feed feed, Duration pinWait) {

    /** How the works system's changes are fetched. */
    public enum Feed {
        /** {@code GET servicerequestupdates.json?start_date&end_date}: the extension FixMyStreet uses, one entry per change. */
        SERVICE_REQUEST_UPDATES,
        /** {@code GET requests.json?updated_after}: core GeoReport v2, the current status of each changed request. */
        REQUESTS_UPDATED_AFTER,
        /** Changes are not fetched. */
        NONE
    }

    /** What Open311 works systems commonly report, as FixMyStreet reads them; a council's own statuses are added in configuration. */
    public static final Map<String, CaseStatus> USUAL_STATUSES = Map.of(
            "in_progress", CaseStatus.IN_PROGRESS,
            "action_scheduled", CaseStatus.IN_PROGRESS,
            "investigating", CaseStatus.IN_PROGRESS,
            "planned", CaseStatus.IN_PROGRESS,
            "fixed", CaseStatus.RESOLVED,
            "closed", CaseStatus.RESOLVED,
            "not_councils_responsibility", CaseStatus.REJECTED);

    public WorksSystem {
        serviceCodes = Map.copyOf(serviceCodes);
        attributes = Map.copyOf(attributes);
        statuses = Map.copyOf(statuses);
        if (endpoint.isBlank()) {
            throw new IllegalArgumentException("works system " + name + " has no endpoint");
        }
    }

    public boolean takes(Optional<String> service) {
        return service.filter(serviceCodes::containsKey).isPresent();
    }

    /** Our status for a change: by its external status code when that is mapped (more specific), else by its status. */
    public Optional<CaseStatus> statusOf(WorksUpdate update) {
        return update.externalStatusCode().map(WorksSystem::key).map(statuses::get)
                .or(() -> Optional.ofNullable(statuses.get(key(update.status()))));
    }

    private static String key(String status) {
        return status.trim().toLowerCase(Locale.ROOT);
    }
}
