package uk.councilinbox.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.messages.GeoPoint;

/** A case with its conversation and its history, oldest first. */
public record CaseDetail(Case c, List<Message> messages, List<CaseEvent> history) {

    /** A resident's message as recorded on the case (its text is empty once the resident's data is erased). */
    public record Message(Instant sentAt, String text, int photos, Optional<GeoPoint> pin) {}
}
