package uk.councilinbox.cases;

import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.Visibility;

/**
 * One matter raised by a resident.
 *
 * @param residentId the resident as their channel knows them (PSID, IGSID, phone number, X user id)
 * @param place where the defect is, as the resident described it (road, town, postcode)
 * @param lastResidentMessageAt when the resident last wrote: platforms' reply windows count from here
 * @param version increases with every saved change; a save based on an older version is refused
 * @param replyTarget the public post that opened the case and that later public replies answer (an X
 *     mention's post id, a Facebook comment's id); empty for a private conversation
 * @param handling who is answering the resident and how long they have waited ({@link Handling})
 * @param service for a report, the code of the {@link Service} that fixes it
 * @param resolvedAt when staff first resolved or closed it (the resolution time trends measure); the first human answer's
 *     time is {@link Handling#firstHumanAnswerAt()}
 */
public record Case(
        Reference reference,
        CaseStatus status,
        Category category,
        double confidence,
        Channel channel,
        String residentId,
        Visibility visibility,
        Optional<String> place,
        Optional<GeoPoint> pin,
        int photos,
        Instant createdAt,
        Instant updatedAt,
        Instant lastResidentMessageAt,
        long version,
        Optional<String> replyTarget,
        Handling handling,
        Optional<String> service,
        Optional<Instant> resolvedAt) {

    /** The resident id of a case whose personal data was erased: nobody to tell. */
    public static final String ERASED_RESIDENT = "erased";

    public Case {
        if (service.isPresent() && !category.isReport()) {
            throw new IllegalArgumentException("only a report goes to a service, not " + category.label());
        }
    }

    /** A case not yet resolved. */
    public Case(Reference reference, CaseStatus status, Category category, double confidence, Channel channel, String residentId,
            Visibility visibility, Optional<String> place, Optional<GeoPoint> pin, int photos, Instant createdAt, Instant updatedAt,
            Instant lastResidentMessageAt, long version, Optional<String> replyTarget, Handling handling, Optional<String> service) {
        this(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt, updatedAt,
                lastResidentMessageAt, version, replyTarget, handling, service, Optional.empty());
    }

    /** A case of no service (see {@link Services#forReport}). */
    public Case(Reference reference, CaseStatus status, Category category, double confidence, Channel channel, String residentId,
            Visibility visibility, Optional<String> place, Optional<GeoPoint> pin, int photos, Instant createdAt, Instant updatedAt,
            Instant lastResidentMessageAt, long version, Optional<String> replyTarget, Handling handling) {
        this(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt, updatedAt,
                lastResidentMessageAt, version, replyTarget, handling, Optional.empty());
    }

    /** A case nobody is handling yet (see {@link Handling#opened}). */
    public Case(Reference reference, CaseStatus status, Category category, double confidence, Channel channel, String residentId,
            Visibility visibility, Optional<String> place, Optional<GeoPoint> pin, int photos, Instant createdAt, Instant updatedAt,
            Instant lastResidentMessageAt, long version, Optional<String> replyTarget) {
        this(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt, updatedAt,
                lastResidentMessageAt, version, replyTarget, Handling.NONE);
    }

    /** The next version of this case, saved at {@code at}: what every change ends with. */
    public Case changed(Instant at) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt, at,
                lastResidentMessageAt, version + 1, replyTarget, handling, service, resolvedAt);
    }

    public Case withStatus(CaseStatus newStatus) {
        return new Case(reference, newStatus, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, service, resolvedAt);
    }

    /**
     * Moved to {@code newStatus} at {@code at}; the first time it is resolved or closed is kept as {@link #resolvedAt}
     * (reopened and resolved again, the first resolution still counts).
     */
    public Case withStatus(CaseStatus newStatus, Instant at) {
        boolean resolution = newStatus == CaseStatus.RESOLVED || newStatus == CaseStatus.CLOSED;
        return new Case(reference, newStatus, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, service,
                resolution ? resolvedAt.or(() -> Optional.of(at)) : resolvedAt);
    }

    /** Recategorised: {@code newService} is the report's service, empty for a category that is not a report. */
    public Case withCategory(Category newCategory, Optional<String> newService) {
        return new Case(reference, status, newCategory, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, newService, resolvedAt);
    }

    public Case withResidentId(String newResidentId) {
        return new Case(reference, status, category, confidence, channel, newResidentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, service, resolvedAt);
    }

    public Case withLocation(Optional<String> newPlace, Optional<GeoPoint> newPin) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, newPlace, newPin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, service, resolvedAt);
    }

    public Case withReplyTarget(Optional<String> newReplyTarget) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, newReplyTarget, handling, service, resolvedAt);
    }

    public Case withPhotos(int newPhotos) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, place, pin, newPhotos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, handling, service, resolvedAt);
    }

    public Case withLastResidentMessageAt(Instant at) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, at, version, replyTarget, handling, service, resolvedAt);
    }

    public Case withHandling(Handling newHandling) {
        return new Case(reference, status, category, confidence, channel, residentId, visibility, place, pin, photos, createdAt,
                updatedAt, lastResidentMessageAt, version, replyTarget, newHandling, service, resolvedAt);
    }

    /** Whether the resident's personal data was erased from this case: there is nobody to tell or send anything of theirs. */
    public boolean residentErased() {
        return residentId.equals(ERASED_RESIDENT);
    }

    public String residentKey() {
        return channel + ":" + residentId;
    }

    public boolean hasLocation() {
        return place.isPresent() || pin.isPresent();
    }
}
