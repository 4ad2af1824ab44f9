package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;

class DeliveryRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final DeliveryRules rules = new DeliveryRules("case_update", false, Optional.empty());

    @Test
    void messengerAndInstagramAreFreeFormWithinTwentyFourHours() {
        for (Channel channel : List.of(Channel.MESSENGER, Channel.INSTAGRAM)) {
            assertInstanceOf(DeliveryPlan.FreeForm.class, plan(channel, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(23)));
            assertInstanceOf(DeliveryPlan.FreeForm.class, plan(channel, ReplyKind.ACKNOWLEDGEMENT, Duration.ofHours(24)));
        }
    }

    @Test
    void aReplyStaffWroteUpToSevenDaysLaterGoesWithTheHumanAgentTagWhereMetaApprovedTheApp() {
        DeliveryRules approved = new DeliveryRules("case_update", true, Optional.empty());
        assertEquals(new DeliveryPlan.Tagged("HUMAN_AGENT"), approved.plan(reply(Channel.MESSENGER, Visibility.PRIVATE,
                ReplyKind.STAFF_REPLY, Duration.ofDays(3), null), NOW));
        assertEquals(new DeliveryPlan.Tagged("HUMAN_AGENT"), approved.plan(reply(Channel.INSTAGRAM, Visibility.PRIVATE,
                ReplyKind.STAFF_REPLY, Duration.ofDays(7), null), NOW));
        DeliveryPlan tooLate = approved.plan(reply(Channel.MESSENGER, Visibility.PRIVATE, ReplyKind.STAFF_REPLY, Duration.ofDays(8), null), NOW);
        assertTrue(((DeliveryPlan.Held) tooLate).untilResidentWrites(), tooLate.toString());
    }

    @Test
    void withoutHumanAgentApprovalAStaffReplyAfterTwentyFourHoursIsHeldAndSaysWhy() {
        DeliveryPlan.Held held = (DeliveryPlan.Held) plan(Channel.MESSENGER, ReplyKind.STAFF_REPLY, Duration.ofDays(3));
        assertTrue(held.reason().contains("no Human Agent approval"), held.reason());
        assertTrue(held.untilResidentWrites());
    }

    @Test
    void automatedMessagesNeverCarryTheHumanAgentTag() {
        DeliveryRules approved = new DeliveryRules("case_update", true, Optional.empty());
        for (ReplyKind automated : List.of(ReplyKind.PROGRESS_UPDATE, ReplyKind.ACKNOWLEDGEMENT)) {
            for (Channel channel : List.of(Channel.MESSENGER, Channel.INSTAGRAM)) {
                DeliveryPlan plan = approved.plan(reply(channel, Visibility.PRIVATE, automated, Duration.ofDays(3), null), NOW);
                DeliveryPlan.Held held = assertInstanceOf(DeliveryPlan.Held.class, plan, automated + " on " + channel);
                assertTrue(held.reason().contains("automated message may not use the human agent tag"), held.reason());
                assertTrue(held.untilResidentWrites());
            }
        }
    }

    private static final DeliveryRules WITH_UTILITY_TEMPLATE = new DeliveryRules("case_update", true,
            Optional.of(new DeliveryRules.UtilityTemplate("case_status_update", "en_GB")));

    @Test
    void withAnApprovedUtilityTemplateAutomatedMessengerMessagesAfterTwentyFourHoursGoAsTheTemplate() {
        OutboundReply update = new OutboundReply("r1", ReplyKind.PROGRESS_UPDATE, "ABCD-EFGH", Channel.MESSENGER, "resident-1",
                Visibility.PRIVATE, Optional.empty(), "text", NOW.minus(Duration.ofHours(30)), NOW, List.of("ABCD-EFGH", "resolved"));
        assertEquals(new DeliveryPlan.UtilityTemplate("case_status_update", "en_GB", List.of("ABCD-EFGH", "resolved")),
                WITH_UTILITY_TEMPLATE.plan(update, NOW));
        assertEquals(new DeliveryPlan.UtilityTemplate("case_status_update", "en_GB", List.of("ABCD-EFGH", "received")),
                withUtilityTemplate(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofDays(9)),
                "an acknowledgement carries only the reference; its case is received");
        assertInstanceOf(DeliveryPlan.FreeForm.class,
                withUtilityTemplate(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(23)),
                "inside the window a normal message");
    }

    @Test
    void theUtilityTemplateIsNeverUsedOnInstagramNorForAStaffReply() {
        DeliveryPlan.Held instagram = assertInstanceOf(DeliveryPlan.Held.class,
                withUtilityTemplate(Channel.INSTAGRAM, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(30)));
        assertTrue(instagram.reason().contains("Instagram has no utility messages"), instagram.reason());
        assertEquals(new DeliveryPlan.Tagged("HUMAN_AGENT"),
                withUtilityTemplate(Channel.MESSENGER, ReplyKind.STAFF_REPLY, Duration.ofDays(3)),
                "a staff reply at 3 days still carries HUMAN_AGENT");
        assertInstanceOf(DeliveryPlan.Held.class,
                withUtilityTemplate(Channel.MESSENGER, ReplyKind.STAFF_REPLY, Duration.ofDays(8)),
                "a staff reply is free text, never the template");
    }

    @Test
    void withoutAnApprovedUtilityTemplateAnAutomatedMessengerMessageIsHeldAndSaysWhy() {
        DeliveryPlan.Held held = assertInstanceOf(DeliveryPlan.Held.class, plan(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(30)));
        assertTrue(held.reason().contains("no approved Messenger utility template is configured"), held.reason());
        assertTrue(held.untilResidentWrites());
    }

    @Test
    void laterMessengerUpdatesAndLateAcknowledgementsAreHeld() {
        DeliveryPlan late = plan(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(8));
        assertInstanceOf(DeliveryPlan.Held.class, late);
        assertTrue(((DeliveryPlan.Held) late).reason().contains("192 hours"), late.toString());
        assertInstanceOf(DeliveryPlan.Held.class, plan(Channel.INSTAGRAM, ReplyKind.ACKNOWLEDGEMENT, Duration.ofHours(25)));
    }

    @Test
    void repliesHeldOutsideMessengersAndInstagramsWindowWaitForTheResidentToWrite() {
        assertTrue(((DeliveryPlan.Held) plan(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(8))).untilResidentWrites());
        assertTrue(((DeliveryPlan.Held) plan(Channel.INSTAGRAM, ReplyKind.ACKNOWLEDGEMENT, Duration.ofHours(25))).untilResidentWrites());
        DeliveryPlan.Held comment = (DeliveryPlan.Held) rules.plan(
                reply(Channel.FACEBOOK, Visibility.PUBLIC, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(1), "post_1_comment_2"), NOW);
        assertFalse(comment.untilResidentWrites(), "a commenter's next comment is not a private message");
        assertTrue(DeliveryRules.holdsUntilResidentWrites(Channel.MESSENGER));
        assertFalse(DeliveryRules.holdsUntilResidentWrites(Channel.WHATSAPP), "WhatsApp's template goes at any time");
        assertFalse(DeliveryRules.holdsUntilResidentWrites(Channel.X));
    }

    @Test
    void whatsAppOutsideItsWindowUsesTheApprovedTemplate() {
        assertInstanceOf(DeliveryPlan.FreeForm.class, plan(Channel.WHATSAPP, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(2)));
        assertEquals(new DeliveryPlan.Template("case_update"), plan(Channel.WHATSAPP, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(30)));
    }

    @Test
    void xDirectMessagesHaveNoWindow() {
        assertInstanceOf(DeliveryPlan.FreeForm.class, plan(Channel.X, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(60)));
    }

    @Test
    void aFacebookCommentGetsOnePrivateReplyWithinSevenDays() {
        assertEquals(new DeliveryPlan.PrivateReplyToComment("post_1_comment_2"),
                rules.plan(reply(Channel.FACEBOOK, Visibility.PUBLIC, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1), "post_1_comment_2"), NOW));
        assertInstanceOf(DeliveryPlan.Held.class,
                rules.plan(reply(Channel.FACEBOOK, Visibility.PUBLIC, ReplyKind.ACKNOWLEDGEMENT, Duration.ofDays(8), "post_1_comment_2"), NOW));
        assertInstanceOf(DeliveryPlan.Held.class,
                rules.plan(reply(Channel.FACEBOOK, Visibility.PUBLIC, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(1), "post_1_comment_2"), NOW),
                "the comment's one private reply went on the acknowledgement");
    }

    @Test
    void anXMentionGetsAPublicReplyAndOnlyPublicRepliesMustStayGeneric() {
        assertEquals(new DeliveryPlan.PublicReply("1790000000000000001"),
                rules.plan(reply(Channel.X, Visibility.PUBLIC, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1), "1790000000000000001"), NOW));
        assertInstanceOf(DeliveryPlan.Held.class,
                rules.plan(reply(Channel.X, Visibility.PUBLIC, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1), null), NOW));
        assertTrue(DeliveryRules.repliesInPublic(Channel.X, Visibility.PUBLIC));
        assertFalse(DeliveryRules.repliesInPublic(Channel.FACEBOOK, Visibility.PUBLIC), "a private reply is private");
        assertFalse(DeliveryRules.repliesInPublic(Channel.X, Visibility.PRIVATE));
    }

    private static DeliveryPlan withUtilityTemplate(Channel channel, ReplyKind kind, Duration sinceResidentWrote) {
        return WITH_UTILITY_TEMPLATE.plan(reply(channel, Visibility.PRIVATE, kind, sinceResidentWrote, null), NOW);
    }

    private DeliveryPlan plan(Channel channel, ReplyKind kind, Duration sinceResidentWrote) {
        return rules.plan(reply(channel, Visibility.PRIVATE, kind, sinceResidentWrote, null), NOW);
    }

    private static OutboundReply reply(Channel channel, Visibility visibility, ReplyKind kind, Duration sinceResidentWrote, String target) {
        return new OutboundReply("r1", kind, "ABCD-EFGH", channel, "resident-1", visibility, Optional.ofNullable(target), "text",
                NOW.minus(sinceResidentWrote), NOW, List.of("ABCD-EFGH"));
    }
}
