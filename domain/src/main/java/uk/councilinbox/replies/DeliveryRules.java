package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;

/**
 * The platforms' rules on when and how the council may message a resident (DOMAIN.md, "Platform rules").
 *
 * <ul>
 *   <li>Messenger and Instagram: free-form within 24 hours of the resident's last message. After that, up to
 *       7 days, only a reply a person wrote, with the {@code HUMAN_AGENT} tag, and only where Meta has
 *       approved the app for it. Automated messages (acknowledgements, progress updates) on Messenger go as
 *       the Page's utility message template where one is configured as approved; otherwise, and always on
 *       Instagram (which has no utility messages), they are held until the resident writes again. Meta's
 *       other tags were withdrawn on 27 April 2026, and utility messages are offered only in the US,
 *       Vietnam, Thailand and the Philippines so far, so a UK council has them off (docs/platforms.md).</li>
 *   <li>WhatsApp: free-form within 24 hours; after that only the approved update template.</li>
 *   <li>Facebook comments: one private reply per comment, within 7 days; it is spent on the
 *       acknowledgement, so later updates are held.</li>
 *   <li>X: direct messages have no window; a public mention gets a generic public reply.</li>
 * </ul>
 */
public final class DeliveryRules {

    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final Duration PRIVATE_REPLY_WINDOW = Duration.ofDays(7);
    static final String HUMAN_AGENT_TAG = "HUMAN_AGENT";

    private final String whatsAppUpdateTemplate;
    private final boolean humanAgentApproved;
    private final Optional<UtilityTemplate> messengerUtilityTemplate;

    /** A Messenger utility message template Meta approved for the Page: its name and language code. */
    public record UtilityTemplate(String name, String language) {}

    /**
     * @param humanAgentApproved whether Meta granted the app the Human Agent feature
     *        ({@code inbox.meta.human-agent-approved}); without it a tagged reply is refused
     * @param messengerUtilityTemplate the Page's approved utility template for automated Messenger messages
     *        past 24 hours ({@code inbox.meta.utility-template.*}); empty while there is none
     */
    public DeliveryRules(String whatsAppUpdateTemplate, boolean humanAgentApproved, Optional<UtilityTemplate> messengerUtilityTemplate) {
        this.whatsAppUpdateTemplate = whatsAppUpdateTemplate;
        this.humanAgentApproved = humanAgentApproved;
        this.messengerUtilityTemplate = messengerUtilityTemplate;
    }

    /** Whether replies on this channel can be held until the resident writes again ({@link HeldReplies}). */
    public static boolean holdsUntilResidentWrites(Channel channel) {
        return channel == Channel.MESSENGER || channel == Channel.INSTAGRAM;
    }

    /** Whether a reply to a message on this channel is seen by the public, so must stay generic. */
    public static boolean repliesInPublic(Channel channel, Visibility visibility) {
        return visibility == Visibility.PUBLIC && channel != Channel.FACEBOOK;
    }

    /**
     * The window for a reply a person writes to a resident who last wrote at {@code lastResidentMessageAt}, on
     * the same rules as {@link #plan}: what an inbox shows as "time left to answer".
     */
    public ReplyWindow windowForPerson(Channel channel, Visibility visibility, Instant lastResidentMessageAt) {
        Instant freeFormEnds = lastResidentMessageAt.plus(STANDARD_WINDOW);
        if (channel == Channel.FACEBOOK) {
            return new ReplyWindow(Optional.empty(), Optional.of(lastResidentMessageAt),
                    "a comment takes one private reply, and the acknowledgement used it");
        }
        if (visibility == Visibility.PUBLIC || channel == Channel.X) {
            return ReplyWindow.UNLIMITED;
        }
        if (channel == Channel.WHATSAPP) {
            return new ReplyWindow(Optional.of(freeFormEnds), Optional.empty(), "then only inside the approved update template");
        }
        return humanAgentApproved
                ? new ReplyWindow(Optional.of(freeFormEnds), Optional.of(lastResidentMessageAt.plus(HUMAN_AGENT_WINDOW)),
                        "then with the " + HUMAN_AGENT_TAG + " tag for up to 7 days, then held until they write")
                : new ReplyWindow(Optional.of(freeFormEnds), Optional.of(freeFormEnds), "then held until they write");
    }

    public DeliveryPlan plan(OutboundReply reply, Instant now) {
        Duration sinceResidentWrote = Duration.between(reply.lastResidentMessageAt(), now);
        if (reply.visibility() == Visibility.PUBLIC) {
            return publicPlan(reply, sinceResidentWrote);
        }
        boolean inStandardWindow = sinceResidentWrote.compareTo(STANDARD_WINDOW) <= 0;
        return switch (reply.channel()) {
            case X -> new DeliveryPlan.FreeForm();
            case WHATSAPP -> inStandardWindow ? new DeliveryPlan.FreeForm() : new DeliveryPlan.Template(whatsAppUpdateTemplate);
            case MESSENGER, INSTAGRAM -> {
                if (inStandardWindow) {
                    yield new DeliveryPlan.FreeForm();
                }
                boolean inHumanAgentWindow = sinceResidentWrote.compareTo(HUMAN_AGENT_WINDOW) <= 0;
                boolean automated = reply.kind() != ReplyKind.STAFF_REPLY;
                if (!automated && humanAgentApproved && inHumanAgentWindow) {
                    yield new DeliveryPlan.Tagged(HUMAN_AGENT_TAG);
                }
                if (automated && reply.channel() == Channel.MESSENGER && messengerUtilityTemplate.isPresent()) {
                    UtilityTemplate template = messengerUtilityTemplate.get();
                    yield new DeliveryPlan.UtilityTemplate(template.name(), template.language(), utilityParameters(reply));
                }
                yield new DeliveryPlan.Held("outside " + reply.channel().label() + "'s reply window ("
                        + sinceResidentWrote.toHours() + " hours since the resident last wrote" + whyNotTagged(reply.kind(), inHumanAgentWindow)
                        + whyNoUtilityMessage(reply) + "); it goes when they next write", true);
            }
            case FACEBOOK -> new DeliveryPlan.Held("Facebook only takes replies to comments");
        };
    }

    private String whyNotTagged(ReplyKind kind, boolean inHumanAgentWindow) {
        if (!inHumanAgentWindow) {
            return "";
        }
        return kind != ReplyKind.STAFF_REPLY ? ", and an automated message may not use the human agent tag"
                : humanAgentApproved ? "" : ", and the app has no Human Agent approval";
    }

    private static String whyNoUtilityMessage(OutboundReply reply) {
        if (reply.kind() == ReplyKind.STAFF_REPLY) {
            return "";
        }
        return reply.channel() == Channel.INSTAGRAM ? "; Instagram has no utility messages"
                : "; no approved Messenger utility template is configured";
    }

    /** The template's body values: the reference, then the status in words (an acknowledgement's case is just received). */
    private static List<String> utilityParameters(OutboundReply reply) {
        List<String> given = reply.templateParameters();
        return given.size() >= 2 ? given : List.of(reply.reference(), "received");
    }

    private static DeliveryPlan publicPlan(OutboundReply reply, Duration sinceResidentWrote) {
        if (reply.replyTarget().isEmpty()) {
            return new DeliveryPlan.Held("a public post with nothing to reply to");
        }
        String target = reply.replyTarget().get();
        return switch (reply.channel()) {
            case FACEBOOK -> reply.kind() == ReplyKind.ACKNOWLEDGEMENT && sinceResidentWrote.compareTo(PRIVATE_REPLY_WINDOW) <= 0
                    ? new DeliveryPlan.PrivateReplyToComment(target)
                    : new DeliveryPlan.Held("a Facebook comment allows one private reply, already used or past 7 days");
            case X -> new DeliveryPlan.PublicReply(target);
            default -> new DeliveryPlan.Held("no public replies on " + reply.channel().label());
        };
    }
}
