package uk.councilinbox.cases;

import java.time.Instant;

/** One entry in a case's history: who did what, when and why. */
public record CaseEvent(Instant at, String actor, String type, String detail) {

    public static final String SYSTEM = "system";
    /** The first event of every case, recorded with the message that opened it. */
    public static final String CASE_OPENED = "case_opened";
    /** A reply a member of staff wrote to the resident; its detail is the text sent, erased with the resident's data. */
    public static final String REPLY_WRITTEN = "reply_written";
    /** A reply the platform accepted and later reported it could not deliver. */
    public static final String REPLY_FAILED = "reply_failed";
    /** A query answered with one of the council's self-serve answers, with no person first; its detail is the answer's id. */
    public static final String ANSWERED_AUTOMATICALLY = "answered_automatically";
    /** What an erased reply's detail becomes. */
    public static final String ERASED_TEXT = "(erased)";

    /** The record of an erasure: who erased the resident's data, when and why (the supervisor's reason). */
    public static final String PERSONAL_DATA_ERASED = "personal_data_erased";
    /** A subject access export: who exported the resident's data, when and why. */
    public static final String PERSONAL_DATA_EXPORTED = "personal_data_exported";

    /**
     * This event after its resident's data is erased: who did what and when stay, the detail goes, since a detail can quote
     * the resident (a classifier's reason, a reply's text, the place sent to the works system). The erasure's own record stays whole.
     */
    public CaseEvent erased() {
        return type.equals(PERSONAL_DATA_ERASED) || detail.equals(ERASED_TEXT) ? this : new CaseEvent(at, actor, type, ERASED_TEXT);
    }
}
