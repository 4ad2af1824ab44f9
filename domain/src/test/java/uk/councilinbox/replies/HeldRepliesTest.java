package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;
import uk.councilinbox.testing.InMemorySendBudget;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.RecordingChannelSender.Attempt;
import uk.councilinbox.testing.RecordingChannelSender;
import uk.councilinbox.triage.Acknowledgements;
import uk.councilinbox.triage.Classification;
import uk.councilinbox.triage.Extractor;
import uk.councilinbox.triage.TriageService;

/** Replies held outside Messenger's and Instagram's window go out when the resident writes again, once. */
class HeldRepliesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final String REFERENCE = Reference.random().value();

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryReplyLedger ledger = new InMemoryReplyLedger();
    private final InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
    private final HeldReplies heldReplies = new HeldReplies(ledger, outbound, clock);
    private final RecordingChannelSender meta = new RecordingChannelSender(Channel.MESSENGER, Channel.INSTAGRAM);
    private final ReplySender sender = new ReplySender(ledger, new DeliveryRules("case_update", false, Optional.empty()),
            new ReplyDispatcher(List.of(meta)), SendPacing.forX(15, 100, new InMemorySendBudget(), new PendingReplies(new InMemoryCaseStore(), outbound)),
            clock);
    private final String resident = Messages.newResident();

    @Test
    void aHeldUpdateIsQueuedAgainWhenTheResidentWritesWithTheWindowCountedFromTheirMessage() {
        OutboundReply held = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        clock.advance(Duration.ofHours(1));
        InMemoryReplyLedger.Recorded recorded = ledger.records().getFirst();

        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", T0.plus(Duration.ofMinutes(59))));

        OutboundReply released = outbound.toSend().getFirst();
        assertEquals(1, outbound.toSend().size());
        assertEquals(held.replyId() + "~released", released.replyId());
        assertEquals(List.of(held.kind(), held.reference(), held.channel(), held.residentId(), held.text(), held.templateParameters()),
                List.of(released.kind(), released.reference(), released.channel(), released.residentId(), released.text(),
                        released.templateParameters()));
        assertEquals(T0.plus(Duration.ofMinutes(59)), released.lastResidentMessageAt());
        assertEquals(clock.instant(), released.queuedAt());
        assertEquals(List.of(), ledger.heldUntilResidentWrites(held.residentKey(), clock.instant()), "released: no longer held");
        assertEquals(List.of(recorded), ledger.records(), "the held reply's own record stays as it was");
    }

    @Test
    void aHeldReplyIsReleasedOnlyOnceHoweverOftenTheResidentWrites() {
        hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));

        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", T0));
        heldReplies.residentWrote(Messages.messenger(resident, "Hello?", T0.plusSeconds(30)));

        assertEquals(1, outbound.enqueued().size());
    }

    @Test
    void aReleasedUpdateIsSentFreeFormInTheWindowTheResidentsMessageOpened() {
        OutboundReply update = update(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        assertInstanceOf(SendOutcome.Held.class, sender.deliver(update, true));
        clock.advance(Duration.ofDays(1));
        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", clock.instant()));

        List<SendOutcome> outcomes = outbound.take().stream().map(r -> sender.deliver(r, true)).toList();

        assertEquals(1, outcomes.size());
        assertInstanceOf(SendOutcome.Sent.class, outcomes.getFirst());
        assertEquals(1, meta.attempts().size());
        Attempt sent = meta.attempts().getFirst();
        assertEquals(new DeliveryPlan.FreeForm(), sent.plan());
        assertEquals(update.text(), sent.reply().text());
    }

    @Test
    void aReleaseRunAgainBeforeItWasForgottenStillSendsTheReplyOnce() {
        OutboundReply held = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", T0));
        // As if the first run crashed after queuing the reply and before the ledger forgot it.
        ledger.heldAgain(held, T0);

        heldReplies.residentWrote(Messages.messenger(resident, "Hello?", T0.plusSeconds(30)));
        outbound.enqueued().forEach(r -> sender.deliver(r, true));

        assertEquals(2, outbound.enqueued().size());
        assertEquals(1, outbound.toSend().size(), "queued twice under one id");
        assertEquals(1, meta.attempts().size());
    }

    @Test
    void everyHeldReplyForTheResidentGoesInTheOrderItWasWritten() {
        OutboundReply resolved = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":3", T0.minus(Duration.ofDays(8)));
        OutboundReply inProgress = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(9)));

        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", T0));

        assertEquals(List.of(inProgress.replyId() + "~released", resolved.replyId() + "~released"),
                outbound.toSend().stream().map(OutboundReply::replyId).toList());
    }

    @Test
    void onlyTheRepliesHeldForTheResidentWhoWroteAreReleased() {
        String neighbour = Messages.newResident();
        hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        OutboundReply theirs = hold(Channel.MESSENGER, neighbour, "update:" + Reference.random().value() + ":2",
                T0.minus(Duration.ofDays(8)));

        heldReplies.residentWrote(Messages.messenger(resident, "Any news?", T0));

        assertEquals(List.of(resident), outbound.toSend().stream().map(OutboundReply::residentId).toList());
        assertEquals(List.of(theirs), ledger.heldUntilResidentWrites(theirs.residentKey(), T0));
    }

    @Test
    void anInstagramReplyIsReleasedWhenTheyWriteOnInstagram() {
        hold(Channel.INSTAGRAM, resident, "ack:INSTAGRAM:m_1", T0.minus(Duration.ofHours(25)));

        heldReplies.residentWrote(Messages.on(Channel.INSTAGRAM, resident, "Hello?", T0));

        assertEquals(List.of(Channel.INSTAGRAM), outbound.toSend().stream().map(OutboundReply::channel).toList());
    }

    @Test
    void writingOnAnotherChannelReleasesNothing() {
        OutboundReply held = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));

        heldReplies.residentWrote(Messages.on(Channel.INSTAGRAM, resident, "Any news?", T0));
        heldReplies.residentWrote(Messages.on(Channel.WHATSAPP, resident, "Any news?", T0));

        assertEquals(List.of(), outbound.enqueued());
        assertEquals(List.of(held), ledger.heldUntilResidentWrites(held.residentKey(), T0));
    }

    @Test
    void whatsAppAndXMessagesNeverReleaseHeldReplies() {
        hold(Channel.WHATSAPP, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        hold(Channel.X, resident, "update:" + REFERENCE + ":3", T0.minus(Duration.ofDays(8)));

        heldReplies.residentWrote(Messages.on(Channel.WHATSAPP, resident, "Any news?", T0));
        heldReplies.residentWrote(Messages.on(Channel.X, resident, "Any news?", T0));

        assertEquals(List.of(), outbound.enqueued());
    }

    @Test
    void triageReleasesHeldRepliesWhenTheResidentWritesAndNotAgainWhenTheMessageIsRedelivered() {
        TriageService triage = new TriageService(text -> new Classification(Category.POTHOLE_REPORT, 0.9, "pothole"), new Extractor(),
                new InMemoryCaseStore(), outbound, new Acknowledgements(new ReplyTemplates()), heldReplies, 0.5, clock);
        OutboundReply held = hold(Channel.MESSENGER, resident, "update:" + REFERENCE + ":2", T0.minus(Duration.ofDays(8)));
        InboundMessage message = Messages.messenger(resident, "Another pothole on Mill Lane", T0);

        triage.process(message);
        triage.process(message);

        List<String> released = outbound.enqueued().stream().map(OutboundReply::replyId).filter(id -> id.endsWith("~released")).toList();
        assertEquals(List.of(held.replyId() + "~released"), released);
    }

    /** A progress update the sender held until the resident writes, as the ledger keeps it. */
    private OutboundReply hold(Channel channel, String who, String replyId, Instant residentLastWrote) {
        OutboundReply update = update(channel, who, replyId, residentLastWrote);
        ledger.record(update, new DeliveryPlan.Held("outside the window", true), new SendOutcome.Held("outside the window"),
                update.queuedAt());
        return update;
    }

    private static OutboundReply update(Channel channel, String who, String replyId, Instant residentLastWrote) {
        return new OutboundReply(replyId, ReplyKind.PROGRESS_UPDATE, REFERENCE, channel, who, Visibility.PRIVATE, Optional.empty(),
                "Update on your report " + REFERENCE + ": our team is now working on it.", residentLastWrote,
                residentLastWrote.plus(Duration.ofDays(7)), List.of(REFERENCE, "being worked on"));
    }
}
