package uk.councilinbox.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One resident's message, the same shape whatever platform it came from.
 *
 * @param replyTarget what a reply must point at when it is not the resident's id: the comment id of a
 *     Facebook comment, the post id of an X mention
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
        Optional<String> replyTarget) {

    public InboundMessage {
        requireText(platformMessageId, "platformMessageId");
        requireText(residentId, "residentId");
        text = text == null ? "" : text;
        attachments = List.copyOf(attachments);
    }

    /** Unique across channels: the key that stops a redelivered message being processed twice. */
    public String messageKey() {
        return channel + ":" + platformMessageId;
    }

    /** The resident as one channel knows them; messages from one resident are kept in order. */
    public String residentKey() {
        return channel + ":" + residentId;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
