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

    public static InboundMessage pin(String resident, double lat, double lon, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, "", List.of(),
                Optional.of(new GeoPoint(lat, lon)), sentAt, Optional.empty());
    }

    public static InboundMessage photo(String resident, String url, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, "",
                List.of(new Attachment(Attachment.Kind.IMAGE, url)), Optional.empty(), sentAt, Optional.empty());
    }
}
