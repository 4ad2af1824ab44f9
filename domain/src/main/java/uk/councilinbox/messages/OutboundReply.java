package uk.councilinbox.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A reply waiting to be sent on the resident's own channel.
 *
 * @param replyId stable for one intended reply, so a redelivery or a re-queue never sends it twice
 * @param replyTarget the comment or post a public reply answers, when it is not a private message
 * @param lastResidentMessageAt when the resident last wrote, for the platforms' reply windows
 * @param templateParameters the values for a platform template when the reply must go as one (WhatsApp
 *     outside its window): the reference, then for updates the new status in words
 */
public record OutboundReply(
        String replyId,
        ReplyKind kind,
        String reference,
        Channel channel,
        String residentId,
        Visibility visibility,
        Optional<String> replyTarget,
        String text,
        Instant lastResidentMessageAt,
        Instant queuedAt,
        List<String> templateParameters) {

    public OutboundReply {
        templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
    }

    public String residentKey() {
        return channel + ":" + residentId;
    }
}
