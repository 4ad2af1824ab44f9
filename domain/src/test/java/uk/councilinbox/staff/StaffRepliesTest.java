package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;

/** Staff replies on in-memory ports: how each would go, saved with the case, queued once, refused when the case moved on. */
class StaffRepliesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final StaffUser AGENT = new StaffUser("agent-1", Set.of(StaffUser.Role.AGENT));
    private static final String ANSWER = "Hello, the tip at Stone is open 8am to 4pm, seven days a week.";

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryCaseStore store = new InMemoryCaseStore();
    private final InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
    private final DeliveryRules rules = new DeliveryRules("case_update", true, Optional.empty());
    private final StaffReplies replies = new StaffReplies(store, rules, new ReplyTemplates(), new PendingReplies(store, outbound), clock);

    @Test
    void aReplyInTheWindowIsSavedWithWhoWroteItAndQueuedOnceAsTheAgentsOwnWords() {
        Case query = given(Channel.MESSENGER, Visibility.PRIVATE, Duration.ofHours(2));

        StaffReplies.Sent sent = replies.send(AGENT, query.reference(), "  " + ANSWER + " ", query.version());

        OutboundReply reply = outbound.toSend().getFirst();
        assertEquals(List.of(ReplyKind.STAFF_REPLY, ANSWER, query.residentId()), List.of(reply.kind(), reply.text(), reply.residentId()));
        assertEquals(new DeliveryPlan.FreeForm(), rules.plan(reply, T0));
        assertEquals(List.of(new CaseEvent(T0, "agent-1", "reply_written", ANSWER)), store.events(query.reference()));
        assertEquals(query.version() + 1, sent.updated().version());
        assertEquals("now, as a message on messenger", sent.preview().howItGoes());
        assertEquals(1, outbound.toSend().size());
        assertEquals(List.of(false, Optional.of(T0)), List.of(sent.updated().handling().awaitingAnswer(),
                sent.updated().handling().firstHumanAnswerAt()), "answered by a person now: out of the inbox, and measured");
    }

    @Test
    void thePreviewSaysHowItWouldGoOnEachChannelAndSendsNothing() {
        assertEquals("now, on messenger with the HUMAN_AGENT tag (past the 24-hour window)",
                preview(Channel.MESSENGER, Duration.ofDays(3)).howItGoes());
        StaffReplies.Preview whatsApp = preview(Channel.WHATSAPP, Duration.ofHours(30));
        assertTrue(whatsApp.howItGoes().startsWith("now, as the WhatsApp template case_update"), whatsApp.howItGoes());
        StaffReplies.Preview late = preview(Channel.MESSENGER, Duration.ofDays(9));
        assertFalse(late.goesNow());
        assertTrue(late.howItGoes().startsWith("held: outside messenger's reply window"), late.howItGoes());
        assertTrue(late.howItGoes().contains("it goes when they next write"), late.howItGoes());
        assertEquals(List.of(), outbound.enqueued());
    }

    @Test
    void onWhatsAppPastTheWindowTheTemplateCarriesTheAgentsWordsOnOneLine() {
        Case query = given(Channel.WHATSAPP, Visibility.PRIVATE, Duration.ofHours(30));

        replies.send(AGENT, query.reference(), "Line one.\n\nLine\ttwo.", query.version());

        OutboundReply reply = outbound.toSend().getFirst();
        assertEquals(new DeliveryPlan.Template("case_update"), rules.plan(reply, T0));
        assertEquals(List.of(query.reference().value(), "Line one. Line two."), reply.templateParameters());
    }

    @Test
    void toAPublicPostOnlyTheGenericReplyGoesNeverTheAgentsText() {
        Case mention = store.add(caseOn(Channel.X, Visibility.PUBLIC, Duration.ofHours(1), Optional.of("1790000000000000042")));

        StaffReplies.Sent sent = replies.send(AGENT, mention.reference(), ANSWER, mention.version());

        OutboundReply reply = outbound.toSend().getFirst();
        assertFalse(reply.text().contains("tip"), reply.text());
        assertEquals(List.of(mention.reference().value()), reply.templateParameters(), "the agent's words are not even queued");
        assertFalse(reply.text().contains(mention.reference().value()), reply.text());
        assertEquals(new DeliveryPlan.PublicReply("1790000000000000042"), rules.plan(reply, T0));
        assertTrue(sent.preview().howItGoes().contains("your text is not posted"), sent.preview().howItGoes());
    }

    @Test
    void aReplyWrittenOnAnOlderVersionOfTheCaseIsRefusedAndNothingIsSent() {
        Case query = given(Channel.MESSENGER, Visibility.PRIVATE, Duration.ofHours(2));
        replies.send(new StaffUser("agent-2", Set.of(StaffUser.Role.AGENT)), query.reference(), "Answered already.", query.version());

        StaffActionException e = assertThrows(StaffActionException.class,
                () -> replies.send(AGENT, query.reference(), ANSWER, query.version()));

        assertEquals(StaffActionException.Reason.CONFLICT, e.reason());
        assertTrue(e.getMessage().contains("another agent may have replied"), e.getMessage());
        assertEquals(1, outbound.toSend().size(), "only the first agent's reply");
    }

    @Test
    void aClosedCaseTakesNoReply() {
        Case closed = store.add(caseOn(Channel.MESSENGER, Visibility.PRIVATE, Duration.ofHours(2), Optional.empty())
                .withStatus(CaseStatus.CLOSED));

        StaffActionException e = assertThrows(StaffActionException.class, () -> replies.send(AGENT, closed.reference(), ANSWER, closed.version()));

        assertEquals(StaffActionException.Reason.CONFLICT, e.reason());
        assertEquals(List.of(), outbound.enqueued());
    }

    private StaffReplies.Preview preview(Channel channel, Duration sinceResidentWrote) {
        return replies.preview(given(channel, Visibility.PRIVATE, sinceResidentWrote).reference(), ANSWER);
    }

    private Case given(Channel channel, Visibility visibility, Duration sinceResidentWrote) {
        return store.add(caseOn(channel, visibility, sinceResidentWrote, Optional.empty()));
    }

    private static Case caseOn(Channel channel, Visibility visibility, Duration sinceResidentWrote, Optional<String> replyTarget) {
        Instant wrote = T0.minus(sinceResidentWrote);
        return new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.QUERY, 0.9, channel, channel.label() + "-resident", visibility,
                Optional.empty(), Optional.empty(), 0, wrote, wrote, wrote, 2, replyTarget, Handling.opened(Category.QUERY, wrote));
    }
}
