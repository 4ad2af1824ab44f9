package uk.councilinbox.cases;

import java.time.Instant;

/** One entry in a case's history: who did what, when and why. */
public record CaseEvent(Instant at, String actor, String type, String detail) {

    public static final String SYSTEM = "system";
}
