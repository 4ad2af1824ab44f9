package uk.councilinbox.cases;

import java.util.Locale;

/** What a resident's message is about (DOMAIN.md): one per message. */
public enum Category {
    POTHOLE_REPORT,
    FAULT_REPORT,
    COMPLAINT,
    QUERY,
    OTHER;

    /** The wire name: {@code pothole_report}, {@code fault_report}, {@code complaint}, {@code query}, {@code other}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A defect for a team to fix: it goes to a {@link Service}. */
    public boolean isReport() {
        return this == POTHOLE_REPORT || this == FAULT_REPORT;
    }

    public static Category fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
