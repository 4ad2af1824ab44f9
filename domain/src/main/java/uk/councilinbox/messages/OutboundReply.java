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
 * @param deferrals how many times pacing put the reply back for later ({@code SendPacing}): each time it is
 *     queued again it needs a queue deduplication id of its own, or the FIFO queue would drop it
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
        List<String> templateParameters,
        int deferrals) {

    public OutboundReply {
        templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
    }

    /** A reply not deferred yet. */
    public OutboundReply(String replyId, ReplyKind kind, String reference, Channel channel, String residentId, Visibility visibility,
            Optional<String> replyTarget, String text, Instant lastResidentMessageAt, Instant queuedAt, List<String> templateParameters) {
        this(replyId, kind, reference, channel, residentId, visibility, replyTarget, text, lastResidentMessageAt, queuedAt,
                templateParameters, 0);
    }

    /** The same reply, put back once more. */
    public OutboundReply deferred() {
        return new OutboundReply(replyId, kind, reference, channel, residentId, visibility, replyTarget, text, lastResidentMessageAt,
                queuedAt, templateParameters, deferrals + 1);
    }

    /** Unique each time the reply is put on the queue (its deduplication id); the reply id while never deferred. */
    public String attemptKey() {
        return deferrals == 0 ? replyId : replyId + "#deferred-" + deferrals;
    }

    public String residentKey() {
        return channel + ":" + residentId;
    }
}
