package uk.councilinbox.replies;

import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.channels.Channel;
import uk.councilinbox.ingest.Visibility;

/**
 * A reply waiting to be sent on the resident's own channel.
 *
 * @param replyId stable for one intended reply, so a redelivery or a re-queue never sends it twice
 * @param replyTarget the comment or post a public reply answers, when it is not a private message
 * @param lastResidentMessageAt when the resident last wrote, for the platforms' reply windows
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
        Instant queuedAt) {

    public String residentKey() {
        return channel + ":" + residentId;
    }
}
