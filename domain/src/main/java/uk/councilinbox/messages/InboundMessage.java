package uk.councilinbox.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One resident's message, the same shape whatever platform it came from.
 *
 * @param replyTarget what a reply must point at when it is not the resident's id: the comment id of a
 *     Facebook comment, the post id of an X mention
 * @param previousResidentIds other ids the same resident was known by on this channel before {@code residentId}
 *     (a WhatsApp phone number before the business-scoped user id, the user id before a number change): their
 *     open cases are the resident's own and move to {@code residentId}
 * @param kind what it is: something the resident wrote, or only the platform saying their id changed
 */
public record InboundMessage(
        Channel channel,
        String platformMessageId,
        String residentId,
        Visibility visibility,
        String text,
        List<Attachment> attachments,
        Optional<GeoPoint> location,
        Instant sentAt,
        Optional<String> replyTarget,
        List<String> previousResidentIds,
        Kind kind) {

    public enum Kind {
        /** The resident wrote (text, a photo, a pin, a button they pressed): it goes on a case and is acknowledged. */
        RESIDENT_WROTE,
        /** The platform says the resident's id changed: their open cases move to the new id; no case, no reply. */
        RESIDENT_ID_CHANGED
    }

    public InboundMessage {
        requireText(platformMessageId, "platformMessageId");
        requireText(residentId, "residentId");
        text = text == null ? "" : text;
        attachments = List.copyOf(attachments);
        previousResidentIds = previousResidentIds == null ? List.of()
                : previousResidentIds.stream().filter(id -> !id.isBlank() && !id.equals(residentId)).distinct().toList();
        kind = kind == null ? Kind.RESIDENT_WROTE : kind;
    }

    /** A message the resident wrote, known by one id only. */
    public InboundMessage(Channel channel, String platformMessageId, String residentId, Visibility visibility, String text,
            List<Attachment> attachments, Optional<GeoPoint> location, Instant sentAt, Optional<String> replyTarget) {
        this(channel, platformMessageId, residentId, visibility, text, attachments, location, sentAt, replyTarget, List.of(),
                Kind.RESIDENT_WROTE);
    }

    /** The platform's notice that a resident known by {@code previousIds} is now {@code newId}. */
    public static InboundMessage residentIdChanged(Channel channel, String platformMessageId, String newId, List<String> previousIds,
            Instant at) {
        return new InboundMessage(channel, platformMessageId, newId, Visibility.PRIVATE, "", List.of(), Optional.empty(), at,
                Optional.empty(), previousIds, Kind.RESIDENT_ID_CHANGED);
    }

    /** Unique across channels: the key that stops a redelivered message being processed twice. */
    public String messageKey() {
        return channel + ":" + platformMessageId;
    }

    /** The resident as one channel knows them; messages from one resident are kept in order. */
    public String residentKey() {
        return channel + ":" + residentId;
    }

    /** The keys the resident's earlier cases may be under, from {@link #previousResidentIds}. */
    public List<String> previousResidentKeys() {
        return previousResidentIds.stream().map(id -> channel + ":" + id).toList();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
