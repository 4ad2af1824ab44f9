package uk.councilinbox.open311;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.testing.Cases;

/** The works system and reports the works tests use. */
final class Works {

    static final Duration PIN_WAIT = Duration.ofMinutes(10);
    static final WorksSystem HIGHWAYS = new WorksSystem("highways", "http://works.example/open311/v2", Optional.of("staffs"),
            Map.of("potholes", "HW_POTHOLE"), Map.of("source", "social", "case", "{reference}"),
            Map.of("fixed", CaseStatus.RESOLVED, "in_progress", CaseStatus.IN_PROGRESS, "closed", CaseStatus.RESOLVED,
                    "not_councils_responsibility", CaseStatus.REJECTED, "cr_fix", CaseStatus.RESOLVED),
            WorksSystem.Feed.SERVICE_REQUEST_UPDATES, PIN_WAIT);
    static final WorksSystems SYSTEMS = new WorksSystems(java.util.List.of(HIGHWAYS));

    private Works() {}

    static Case pothole(String resident, String place, Optional<GeoPoint> pin, Instant at) {
        return Cases.pothole(resident, CaseStatus.ACKNOWLEDGED, "unplaced", at).withCategory(Category.POTHOLE_REPORT, Optional.of("potholes"))
                .withLocation(Optional.ofNullable(place), pin);
    }
}
