package uk.councilinbox.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.ReplyKind;

/** A case with its conversation (the resident's messages and the replies to them) and its history, oldest first. */
public record CaseDetail(Case c, List<Message> messages, List<CaseEvent> history, List<Reply> replies) {

    public CaseDetail {
        replies = List.copyOf(replies);
    }

    public CaseDetail(Case c, List<Message> messages, List<CaseEvent> history) {
        this(c, messages, history, List.of());
    }

    /**
     * A resident's message as recorded on the case (its text is empty once the resident's data is erased).
     *
     * @param photos how many photos, videos or files came with it
     * @param media what became of each one fetched so far (kept, refused or unavailable), in the order recorded
     */
    public record Message(Instant sentAt, String text, int photos, Optional<GeoPoint> pin, List<CasePhoto> media) {

        public Message {
            media = List.copyOf(media);
        }

        public Message(Instant sentAt, String text, int photos, Optional<GeoPoint> pin) {
            this(sentAt, text, photos, pin, List.of());
        }
    }

    /**
     * A message to the resident and where it stands.
     *
     * @param at when it joined the thread (queued, or sent when it was never queued on the case)
     * @param stateAt when it reached {@code state}
     * @param text what went (erased with the resident's data)
     */
    public record Reply(String replyId, ReplyKind kind, String text, DeliveryState state, Instant at, Instant stateAt) {}

    /** Whether a reply to the resident failed, so the agent should act. */
    public boolean replyFailed() {
        return replies.stream().anyMatch(r -> r.state() == DeliveryState.FAILED);
    }
}
