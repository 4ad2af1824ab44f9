package uk.councilinbox.staff.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.messages.GeoPoint;

/** Cases as the staff API shows them. */
final class CaseViews {

    private CaseViews() {}

    @Schema(name = "Pin")
    record Pin(double lat, double lon) {
        static Pin of(GeoPoint p) {
            return new Pin(p.latitude(), p.longitude());
        }
    }

    @Schema(name = "CaseSummary")
    record Summary(@Schema(examples = "K7PD-M4QX") String reference,
            @Schema(enumeration = {"received", "acknowledged", "in_progress", "resolved", "closed", "needs_review", "rejected"}) String status,
            @Schema(enumeration = {"pothole_report", "fault_report", "complaint", "query", "other"}) String category,
            @Schema(nullable = true, description = "for a report, the code of the service that fixes it (GET /api/vocabulary)",
                    examples = "street_lighting") String service,
            double confidence,
            @Schema(enumeration = {"messenger", "instagram", "facebook", "whatsapp", "x"}) String channel,
            @Schema(enumeration = {"private", "public"}) String visibility,
            @Schema(description = "the resident as their platform knows them; \"erased\" after erasure") String residentId,
            @Schema(nullable = true) String place,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "where the resident pinned it; absent when they did not") Pin pin,
            int photos, Instant createdAt, Instant updatedAt, Instant lastResidentMessageAt, long version, HandlingView handling) {

        static Summary of(Case c) {
            return new Summary(c.reference().value(), c.status().label(), c.category().label(), c.service().orElse(null), c.confidence(),
                    c.channel().label(),
                    c.visibility().name().toLowerCase(Locale.ROOT), c.residentId(), c.place().orElse(null), c.pin().map(Pin::of).orElse(null),
                    c.photos(), c.createdAt(), c.updatedAt(), c.lastResidentMessageAt(), c.version(), HandlingView.of(c.handling()));
        }
    }

    @Schema(name = "CaseHandling", description = "who is answering the resident and who is waiting on whom")
    record HandlingView(@Schema(nullable = true, description = "the staff member answering it; null when nobody is") String assignee,
            @Schema(nullable = true, description = "since when the resident has waited for a person's answer; null when they are not waiting")
            Instant awaitingAnswerSince,
            @Schema(nullable = true, description = "since when staff have waited on the resident; null otherwise") Instant waitingOnResidentSince,
            @Schema(nullable = true, description = "when a person first answered") Instant firstHumanAnswerAt) {

        static HandlingView of(Handling h) {
            return new HandlingView(h.assignee().orElse(null), h.awaitingAnswerSince().orElse(null), h.waitingOnResidentSince().orElse(null),
                    h.firstHumanAnswerAt().orElse(null));
        }
    }

    @Schema(name = "CaseMessage")
    record Message(Instant sentAt, String text, @Schema(description = "how many photos, videos or files came with it") int photos,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "where the resident pinned it; absent when they did not") Pin pin,
            @Schema(description = "what became of each photo or video fetched so far, in the order recorded (fetches run in parallel, so not always the order sent)") List<Photo> media) {}

    /** Signs a short-lived link to a stored photo or thumbnail. */
    @FunctionalInterface
    interface PhotoLinks {
        String link(String objectKey);
    }

    @Schema(name = "CasePhoto", description = "a photo or video the resident sent: the council's copy, or why there is none")
    record Photo(@Schema(enumeration = {"kept", "refused", "unavailable"}) String outcome,
            @Schema(nullable = true, examples = "image/jpeg") String contentType,
            @Schema(description = "for staff: the type and size kept, or why not") String detail, Instant at,
            @Schema(nullable = true, description = "the full photo or video, for a few minutes (a presigned link)") String url,
            @Schema(nullable = true, description = "a small JPEG of an image, for a few minutes") String thumbnailUrl) {

        static Photo of(CasePhoto p, PhotoLinks links) {
            return new Photo(p.outcome().label(), p.contentType().orElse(null), p.detail(), p.at(),
                    p.objectKey().map(links::link).orElse(null), p.thumbnailKey().map(links::link).orElse(null));
        }
    }

    @Schema(name = "CaseEvent")
    record Event(Instant at, @Schema(description = "\"system\" or the staff member") String actor,
            @Schema(examples = "status_changed") String type, String detail) {}

    @Schema(name = "CaseReply", description = "a message to the resident and where it stands, kept up to date from the platforms' status webhooks")
    record Reply(String replyId, @Schema(enumeration = {"acknowledgement", "progress_update", "staff_reply"}) String kind,
            @Schema(description = "what went; \"(erased)\" after erasure") String text,
            @Schema(enumeration = {"queued", "deferred", "held", "sent", "delivered", "read", "failed"}) String state,
            @Schema(description = "when it joined the thread") Instant at, @Schema(description = "when it reached its state") Instant stateAt) {

        static Reply of(CaseDetail.Reply r) {
            return new Reply(r.replyId(), r.kind().name().toLowerCase(Locale.ROOT), r.text(), r.state().label(), r.at(), r.stateAt());
        }
    }

    /**
     * The summary's fields, then the resident's messages, the case's history, the replies to the resident with their
     * states, and whether one failed (the agent should act).
     */
    @Schema(name = "CaseDetail")
    record Detail(String reference, String status, String category,
            @Schema(nullable = true, description = "for a report, the code of the service that fixes it") String service, double confidence,
            String channel, String visibility,
            String residentId, @Schema(nullable = true) String place, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "where the resident pinned it; absent when they did not") Pin pin, int photos, Instant createdAt,
            Instant updatedAt, Instant lastResidentMessageAt, long version, HandlingView handling, List<Message> messages, List<Event> history,
            List<Reply> replies,
            @Schema(description = "a reply the platform accepted was not delivered, or one was refused") boolean replyFailed) {

        static Detail of(CaseDetail detail, PhotoLinks links) {
            Summary s = Summary.of(detail.c());
            return new Detail(s.reference(), s.status(), s.category(), s.service(), s.confidence(), s.channel(), s.visibility(), s.residentId(),
                    s.place(), s.pin(), s.photos(), s.createdAt(), s.updatedAt(), s.lastResidentMessageAt(), s.version(), s.handling(),
                    detail.messages().stream().map(m -> new Message(m.sentAt(), m.text(), m.photos(), m.pin().map(Pin::of).orElse(null),
                            m.media().stream().map(p -> Photo.of(p, links)).toList())).toList(),
                    detail.history().stream().map(CaseViews::event).toList(),
                    detail.replies().stream().map(Reply::of).toList(), detail.replyFailed());
        }
    }

    private static Event event(CaseEvent e) {
        return new Event(e.at(), e.actor(), e.type(), e.detail());
    }
}
