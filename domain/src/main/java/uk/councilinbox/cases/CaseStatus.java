package uk.councilinbox.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A case's lifecycle (DOMAIN.md, "Cases"), with the transitions staff may make. */
public enum CaseStatus {
    RECEIVED,
    ACKNOWLEDGED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    NEEDS_REVIEW,
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Open cases take follow-up messages; closed and rejected ones do not. */
    public boolean isOpen() {
        return this != CLOSED && this != REJECTED;
    }

    public Set<CaseStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, NEEDS_REVIEW, REJECTED);
            case ACKNOWLEDGED -> EnumSet.of(IN_PROGRESS, RESOLVED, NEEDS_REVIEW, REJECTED);
            case IN_PROGRESS -> EnumSet.of(RESOLVED, NEEDS_REVIEW, REJECTED);
            case RESOLVED -> EnumSet.of(CLOSED, IN_PROGRESS);
            case NEEDS_REVIEW -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RESOLVED, REJECTED);
            case CLOSED, REJECTED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    public boolean canMoveTo(CaseStatus target) {
        return next().contains(target);
    }
}
