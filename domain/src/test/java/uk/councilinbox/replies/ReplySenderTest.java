package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;
import uk.councilinbox.testing.InMemorySendBudget;
import uk.councilinbox.testing.InMemoryReplyLedger.Recorded;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.RecordingChannelSender.Attempt;
import uk.councilinbox.testing.RecordingChannelSender;

/** Sending each reply at most once, on in-memory ports: the ledger, a recording sender per platform, a clock that stands still. */
class ReplySenderTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final String REFERENCE = Reference.random().value();
    private static final String POST = "1790000000000000001";

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryReplyLedger ledger = new InMemoryReplyLedger();
    private final RecordingChannelSender meta = new RecordingChannelSender(Channel.MESSENGER, Channel.INSTAGRAM, Channel.FACEBOOK);
    private final RecordingChannelSender x = new RecordingChannelSender(Channel.X);
    /** No WhatsApp sender: see aReplyOnAChannelWithNoSenderIsRefusedForGood. */
    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
    private final PendingReplies pending = new PendingReplies(cases, outbound);
    private final ReplySender sender = new ReplySender(ledger, new DeliveryRules("case_update", false, Optional.empty()),
            new ReplyDispatcher(List.of(meta, x)), SendPacing.forX(15, 100, new InMemorySendBudget(), pending), clock);

    @Test
    void aReplyGoesThroughItsChannelsSenderAndItsOutcomeIsRecorded() {
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));

        SendOutcome outcome = sender.deliver(reply, true);

        assertInstanceOf(SendOutcome.Sent.class, outcome);
        assertEquals(List.of(new Attempt(reply, new DeliveryPlan.FreeForm())), meta.attempts());
        assertEquals(List.of(), x.attempts());
        assertEquals(List.of(new Recorded(reply, new DeliveryPlan.FreeForm(), outcome, T0)), ledger.records());
    }

    @Test
    void aReplyDeliveredTwiceIsSentOnce() {
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));

        sender.deliver(reply, true);
        SendOutcome again = sender.deliver(reply, true);

        assertEquals(new SendOutcome.AlreadyHandled(), again);
        assertEquals(1, meta.attempts().size());
        assertEquals(1, ledger.records().size());
    }

    @Test
    void theFirstDeliveryOfAReplyQueuedOnceIsSentWithoutReadingTheLedger() {
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));

        assertInstanceOf(SendOutcome.Sent.class, sender.deliver(reply, false));

        assertEquals(0, ledger.checks());
        assertEquals(1, ledger.records().size());
    }

    @Test
    void aDeliveryThatMayRepeatReadsTheLedgerFirst() {
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));

        assertInstanceOf(SendOutcome.Sent.class, sender.deliver(reply, true));

        assertEquals(1, ledger.checks());
    }

    @Test
    void deliveriesThatOverlapRecordOneOutcome() {
        // Ruled out by one message group per resident; were it to happen, the second finds the outcome recorded.
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));
        sender.deliver(reply, false);

        assertEquals(new SendOutcome.AlreadyHandled(), sender.deliver(reply, false));
        assertEquals(1, ledger.records().size());
    }

    @Test
    void aRetryableFailureRecordsNothingAndTheNextDeliverySendsIt() {
        OutboundReply reply = privately(Channel.INSTAGRAM, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));
        SendOutcome.RetryLater rateLimited = new SendOutcome.RetryLater("rate limited", Duration.ofSeconds(30));
        meta.answering(rateLimited);

        SendOutcome first = sender.deliver(reply, true);
        assertEquals(rateLimited, first);
        assertEquals(List.of(), ledger.records(), "a retry is not an outcome");

        SendOutcome second = sender.deliver(reply, true);
        assertInstanceOf(SendOutcome.Sent.class, second);
        assertEquals(2, meta.attempts().size());
        assertEquals(second, ledger.recorded(reply.replyId()).orElseThrow().outcome());
    }

    @Test
    void aPermanentRefusalIsRecordedAndNeverRetried() {
        OutboundReply reply = privately(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofHours(2));
        SendOutcome.Refused expiredToken = SendOutcome.Refused.credentials("page token expired");
        meta.answering(expiredToken);

        assertEquals(expiredToken, sender.deliver(reply, true));
        assertEquals(new SendOutcome.AlreadyHandled(), sender.deliver(reply, true));

        assertEquals(1, meta.attempts().size());
        assertEquals(List.of(new Recorded(reply, new DeliveryPlan.FreeForm(), expiredToken, T0)), ledger.records());
    }

    @Test
    void anUpdateOutsideMessengersWindowIsHeldNotSentAndKeptUntilTheResidentWrites() {
        OutboundReply update = privately(Channel.MESSENGER, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(8));

        SendOutcome outcome = sender.deliver(update, true);

        SendOutcome.Held held = assertInstanceOf(SendOutcome.Held.class, outcome);
        assertTrue(held.reason().contains("192 hours since the resident last wrote"), held.reason());
        assertEquals(List.of(), meta.attempts());
        DeliveryPlan.Held plan = assertInstanceOf(DeliveryPlan.Held.class, ledger.recorded(update.replyId()).orElseThrow().plan());
        assertTrue(plan.untilResidentWrites());
        assertEquals(List.of(update), ledger.heldUntilResidentWrites(update.residentKey(), T0));
    }

    @Test
    void aFacebookCommentsLaterUpdateIsHeldForGoodNotKeptForTheirNextComment() {
        OutboundReply update = publicly(Channel.FACEBOOK, ReplyKind.PROGRESS_UPDATE, "post_1_comment_2", "Update on " + REFERENCE);

        assertInstanceOf(SendOutcome.Held.class, sender.deliver(update, true));

        assertEquals(List.of(), meta.attempts());
        assertInstanceOf(SendOutcome.Held.class, ledger.recorded(update.replyId()).orElseThrow().outcome());
        assertEquals(List.of(), ledger.heldUntilResidentWrites(update.residentKey(), T0));
    }

    @Test
    void aPublicReplyCarryingTheReferenceIsRefusedAndNeverPosted() {
        OutboundReply leaky = publicly(Channel.X, ReplyKind.ACKNOWLEDGEMENT, POST, "Thanks! Your reference is " + REFERENCE + ".");

        SendOutcome outcome = sender.deliver(leaky, true);

        assertEquals(new SendOutcome.Refused("a public reply must not carry the reference or case details"), outcome);
        assertEquals(List.of(), x.attempts());
        assertEquals(outcome, ledger.recorded(leaky.replyId()).orElseThrow().outcome());
    }

    @Test
    void aGenericPublicReplyIsPostedAsAReplyToTheResidentsPost() {
        OutboundReply generic = publicly(Channel.X, ReplyKind.ACKNOWLEDGEMENT, POST,
                "Thank you for getting in touch. Please send us a private message.");

        assertInstanceOf(SendOutcome.Sent.class, sender.deliver(generic, true));

        assertEquals(List.of(new Attempt(generic, new DeliveryPlan.PublicReply(POST))), x.attempts());
    }

    @Test
    void aLateAutomatedUpdateIsHeldNotSentWithTheHumanAgentTag() {
        OutboundReply update = privately(Channel.INSTAGRAM, ReplyKind.PROGRESS_UPDATE, Duration.ofDays(3));

        sender.deliver(update, true);

        assertEquals(List.of(), meta.attempts());
    }

    @Test
    void aReplyOnAChannelWithNoSenderIsRefusedForGood() {
        OutboundReply reply = privately(Channel.WHATSAPP, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1));

        SendOutcome outcome = sender.deliver(reply, true);

        assertEquals(new SendOutcome.Refused("no sender configured for whatsapp"), outcome);
        assertEquals(outcome, ledger.recorded(reply.replyId()).orElseThrow().outcome());
        assertEquals(List.of(), meta.attempts());
        assertEquals(List.of(), x.attempts());
    }

    @Test
    void theSixteenthDirectMessageOnXIn15MinutesIsDeferredToItsTurnNotSentNorRecorded() {
        for (int i = 0; i < 15; i++) {
            assertInstanceOf(SendOutcome.Sent.class, sender.deliver(privately(Channel.X, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1)), true));
            clock.advance(Duration.ofSeconds(10));
        }
        OutboundReply sixteenth = privately(Channel.X, ReplyKind.PROGRESS_UPDATE, Duration.ofMinutes(1));

        SendOutcome outcome = sender.deliver(sixteenth, true);

        assertEquals(new SendOutcome.Deferred(T0.plus(SendPacing.X_WINDOW)), outcome, "its turn comes when the first send leaves the window");
        assertEquals(15, x.attempts().size());
        assertTrue(ledger.recorded(sixteenth.replyId()).isEmpty());
        assertFalse(ledger.handled(sixteenth), "not handled: its deferred copy is sent");
        assertEquals(0, pending.sweep(T0.plus(SendPacing.X_WINDOW).minusSeconds(1), 10), "not queued before its turn");
        assertEquals(1, pending.sweep(T0.plus(SendPacing.X_WINDOW).plusSeconds(1), 10));
        OutboundReply requeued = outbound.take().getFirst();
        assertEquals(sixteenth.replyId(), requeued.replyId());
        assertEquals(1, requeued.deferrals(), "queued under an attempt key of its own, so the FIFO queue does not drop it");

        clock.advance(Duration.ofMinutes(15));
        assertInstanceOf(SendOutcome.Sent.class, sender.deliver(requeued, true));
        assertEquals(new SendOutcome.AlreadyHandled(), sender.deliver(sixteenth, true), "the original delivery, redelivered, sends nothing");
        assertEquals(16, x.attempts().size());
    }

    @Test
    void publicRepliesOnXCountAgainstThePostLimitNotTheDirectMessageLimit() {
        for (int i = 0; i < 15; i++) {
            sender.deliver(privately(Channel.X, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1)), true);
        }

        SendOutcome outcome = sender.deliver(publicly(Channel.X, ReplyKind.ACKNOWLEDGEMENT, POST, "Thank you. Please send us a private message."), true);

        assertInstanceOf(SendOutcome.Sent.class, outcome);
    }

    @Test
    void otherChannelsAreNotPaced() {
        for (int i = 0; i < 40; i++) {
            assertInstanceOf(SendOutcome.Sent.class, sender.deliver(privately(Channel.MESSENGER, ReplyKind.ACKNOWLEDGEMENT, Duration.ofMinutes(1)), true));
        }
    }

    @Test
    void aBulkUpdateTo400ResidentsOnXIsSpreadWithinXsLimitsAndEveryoneHearsOnce() {
        for (int i = 0; i < 400; i++) {
            outbound.enqueue(new OutboundReply("update-" + i, ReplyKind.PROGRESS_UPDATE, REFERENCE, Channel.X, "resident-" + i, Visibility.PRIVATE,
                    Optional.empty(), "Your report " + REFERENCE + " has been repaired.", T0.minus(Duration.ofDays(3)), T0, List.of(REFERENCE)));
        }
        java.util.Map<String, Instant> sentAt = new java.util.HashMap<>();
        int mostDeferrals = 0;
        for (int minute = 0; minute < 24 * 60 && sentAt.size() < 400; minute++) {
            pending.sweep(clock.instant(), 500);
            for (OutboundReply reply : outbound.take()) {
                mostDeferrals = Math.max(mostDeferrals, reply.deferrals());
                if (sender.deliver(reply, true) instanceof SendOutcome.Sent) {
                    assertTrue(sentAt.put(reply.residentId(), clock.instant()) == null, "sent twice to " + reply.residentId());
                }
            }
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(400, sentAt.size());
        assertEquals(400, x.attempts().size());
        List<Instant> times = sentAt.values().stream().sorted().toList();
        for (int i = 15; i < times.size(); i++) {
            assertTrue(Duration.between(times.get(i - 15), times.get(i)).compareTo(Duration.ofMinutes(15)) > 0,
                    "16 sends within 15 minutes, ending " + times.get(i));
        }
        // X's own pace would take 6.5 hours (27 windows of 15); turns come from a sweep that runs once a minute,
        // so now and then a turn finds the window full and waits for the next one: 7 hours 6 minutes.
        Duration took = Duration.between(T0, times.getLast());
        assertTrue(took.compareTo(Duration.ofHours(7).plusMinutes(30)) < 0, "the backlog drains near X's pace: " + took);
        assertTrue(mostDeferrals <= 3, "no reply goes round and round: " + mostDeferrals);
    }

    private static OutboundReply privately(Channel channel, ReplyKind kind, Duration sinceResidentWrote) {
        return new OutboundReply("reply-" + UUID.randomUUID(), kind, REFERENCE, channel, "resident-1", Visibility.PRIVATE, Optional.empty(),
                "Your reference is " + REFERENCE + ".", T0.minus(sinceResidentWrote), T0, List.of(REFERENCE));
    }

    private static OutboundReply publicly(Channel channel, ReplyKind kind, String target, String text) {
        return new OutboundReply("reply-" + UUID.randomUUID(), kind, REFERENCE, channel, "resident-1", Visibility.PUBLIC,
                Optional.of(target), text, T0.minus(Duration.ofMinutes(5)), T0, List.of(REFERENCE));
    }
}
