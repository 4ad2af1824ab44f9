package uk.councilinbox.testing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

/** Residents' messages for tests. Each resident id is fresh, so tests never see each other's cases. */
public final class Messages {

    private Messages() {}

    public static String newResident() {
        return "psid-" + UUID.randomUUID();
    }

    public static InboundMessage messenger(String resident, String text, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(),
                Optional.empty(), sentAt, Optional.empty());
    }

    /** A private message on any channel. */
    public static InboundMessage on(Channel channel, String resident, String text, Instant sentAt) {
        return new InboundMessage(channel, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(), Optional.empty(),
                sentAt, Optional.empty());
    }

    /** A public X post mentioning the council: a reply answers the post. */
    public static InboundMessage xMention(String resident, String text, String postId, Instant sentAt) {
        return new InboundMessage(Channel.X, postId, resident, Visibility.PUBLIC, text, List.of(), Optional.empty(), sentAt,
                Optional.of(postId));
    }

    /** A comment on the council's Facebook page: a reply answers the comment. */
    public static InboundMessage facebookComment(String resident, String text, String commentId, Instant sentAt) {
        return new InboundMessage(Channel.FACEBOOK, commentId, resident, Visibility.PUBLIC, text, List.of(), Optional.empty(), sentAt,
                Optional.of(commentId));
    }

    public static InboundMessage pin(String resident, double lat, double lon, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, "", List.of(),
                Optional.of(new GeoPoint(lat, lon)), sentAt, Optional.empty());
    }

    public static InboundMessage photo(String resident, String url, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, "",
                List.of(new Attachment(Attachment.Kind.IMAGE, url)), Optional.empty(), sentAt, Optional.empty());
    }
}
