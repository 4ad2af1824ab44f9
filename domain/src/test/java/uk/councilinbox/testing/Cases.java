package uk.councilinbox.testing;

import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

/** Cases for tests, at version 1 with a fresh reference; change them with {@link Case}'s {@code with...} methods. */
public final class Cases {

    private Cases() {}

    /** The case a message opened: a received pothole report on the message's channel, placed only by the message's pin. */
    public static Case openedBy(InboundMessage message) {
        return new Case(Reference.random(), CaseStatus.RECEIVED, Category.POTHOLE_REPORT, 0.9, message.channel(), message.residentId(),
                message.visibility(), Optional.empty(), message.location(), message.attachments().size(), message.sentAt(),
                message.sentAt(), message.sentAt(), 1, message.replyTarget());
    }

    /** A pothole reported at {@code place} in a Messenger conversation. */
    public static Case pothole(String resident, CaseStatus status, String place, Instant at) {
        return new Case(Reference.random(), status, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident, Visibility.PRIVATE,
                Optional.of(place), Optional.empty(), 0, at, at, at, 1, Optional.empty());
    }
}
