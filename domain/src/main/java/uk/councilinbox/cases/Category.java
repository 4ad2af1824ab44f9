package uk.councilinbox.cases;

import java.util.Locale;

/** What a message is about (DOMAIN.md, "Message categories"). */
public enum Category {
    POTHOLE_REPORT,
    COMPLAINT,
    QUERY,
    OTHER;

    /** The wire name: {@code pothole_report}, {@code complaint}, {@code query}, {@code other}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
