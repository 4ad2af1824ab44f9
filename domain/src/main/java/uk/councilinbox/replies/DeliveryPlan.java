package uk.councilinbox.replies;

import java.util.List;

/** How a reply may go out on its channel at this moment, as {@link DeliveryRules} decided. */
public sealed interface DeliveryPlan {

    /** A normal message inside the platform's standard reply window. */
    record FreeForm() implements DeliveryPlan {}

    /** Outside the standard window, with a message tag the platform allows for this kind of update. */
    record Tagged(String tag) implements DeliveryPlan {}

    /** Outside the window, as a pre-approved template (WhatsApp). */
    record Template(String name) implements DeliveryPlan {}

    /**
     * Outside Messenger's window, an automated message as the Page's approved utility message template:
     * {@code parameters} fill its body in order (the reference, then the case's status in words).
     */
    record UtilityTemplate(String name, String language, List<String> parameters) implements DeliveryPlan {
        public UtilityTemplate {
            parameters = List.copyOf(parameters);
        }
    }

    /** A Facebook comment's one private reply: a direct message to the commenter. */
    record PrivateReplyToComment(String commentId) implements DeliveryPlan {}

    /** A generic public reply under the resident's public post (never personal data or case details). */
    record PublicReply(String inReplyTo) implements DeliveryPlan {}

    /**
     * Not deliverable on this channel now: record why, send nothing. {@code untilResidentWrites} when the
     * platform lets it go once the resident writes again (their message reopens the reply window).
     */
    record Held(String reason, boolean untilResidentWrites) implements DeliveryPlan {
        public Held(String reason) {
            this(reason, false);
        }
    }
}
