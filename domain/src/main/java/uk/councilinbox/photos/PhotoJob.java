package uk.councilinbox.photos;

import java.util.List;
import java.util.stream.IntStream;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Digests;
import uk.councilinbox.messages.InboundMessage;

/**
 * One photo or video to fetch from the platform and keep on the case: the {@code index}-th attachment of a message.
 * Queued by triage once the message is on its case; the same job queued again (a redelivery) is the same photo.
 */
public record PhotoJob(Reference reference, Channel channel, String messageKey, int index, Attachment attachment) {

    /** What is worth fetching: images, videos and files (a full-quality photo is often sent as a file); not stickers or voice notes. */
    public static List<PhotoJob> forMessage(Reference reference, InboundMessage message) {
        List<Attachment> all = message.attachments();
        return IntStream.range(0, all.size()).filter(i -> all.get(i).kind() != Attachment.Kind.OTHER)
                .mapToObj(i -> new PhotoJob(reference, message.channel(), message.messageKey(), i, all.get(i))).toList();
    }

    /** Stable and opaque (no platform id in it): names the stored copy and the case's record of it. */
    public String photoId() {
        return Digests.hex(messageKey + "#" + index, 12);
    }
}
