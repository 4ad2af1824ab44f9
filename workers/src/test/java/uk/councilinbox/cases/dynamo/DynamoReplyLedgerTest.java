package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.cases.dynamo.CaseItems.s;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** The reply ledger in DynamoDB (moto): each reply's outcome recorded once, and what is held for a resident. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class DynamoReplyLedgerTest {

    @Inject
    DynamoReplyLedger ledger;

    @Inject
    CaseStore cases;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    InboxConfig config;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aReplyIsHandledOnceItsOutcomeIsRecordedAndItsOutcomeIsRecordedOnce() {
        Case c = openCase();
        OutboundReply ack = acknowledgement(c);
        assertFalse(ledger.handled(ack), "nothing recorded yet");

        assertTrue(ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_1"), now));

        assertTrue(ledger.handled(ack));
        assertFalse(ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_again"), now.plusSeconds(1)),
                "an outcome is never overwritten");
        assertEquals(List.of("m_1"), sentIds(c));
    }

    @Test
    void aStaffReplySavedQueuedOrDeferredIsNotHandledYet() {
        Case c = openCase();
        OutboundReply reply = acknowledgement(c);
        cases.change(c.changed(now), List.of(), Optional.of(reply), Optional.empty());
        assertFalse(ledger.handled(reply), "queued");
        cases.deferReply(reply.deferred(), now.plusSeconds(60));
        assertFalse(ledger.handled(reply), "deferred");

        assertTrue(ledger.record(reply, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_3"), now));
        assertTrue(ledger.handled(reply));
    }

    @Test
    void aSentAcknowledgementIsDoneAndLeavesTheCaseAsTriageSavedIt() {
        // Triage saves a case acknowledged with the write that queues its acknowledgement: sending it changes no case.
        Case c = openCase();
        OutboundReply ack = acknowledgement(c);
        ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_1"), now);

        assertTrue(ledger.handled(ack));
        assertEquals(c, cases.find(c.reference()).orElseThrow());
        assertEquals(0, statusChanges(c));
    }

    @Test
    void aRefusedAcknowledgementLeavesTheCaseReceived() {
        Case c = openCase();
        OutboundReply ack = acknowledgement(c);
        ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Refused("blocked"), now);

        assertTrue(ledger.handled(ack));
        assertEquals(CaseStatus.RECEIVED, cases.find(c.reference()).orElseThrow().status());
    }

    @Test
    void anAcknowledgementSentAfterStaffMovedTheCaseOnLeavesItsStatus() {
        Case c = openCase();
        Case inProgress = c.withStatus(CaseStatus.IN_PROGRESS).changed(now);
        cases.change(inProgress, List.of(new CaseEvent(now, "agent-1", "status_changed", "received -> in_progress")),
                Optional.empty(), Optional.empty());
        OutboundReply ack = acknowledgement(c);
        ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_2"), now);

        assertEquals(CaseStatus.IN_PROGRESS, cases.find(c.reference()).orElseThrow().status());
    }

    @Test
    void aReplyHeldUntilTheResidentWritesIsKeptForThemUntilReleasedOrStale() {
        Case c = openCase();
        OutboundReply update = acknowledgement(c);
        ledger.record(update, new DeliveryPlan.Held("outside the window", true), new SendOutcome.Held("outside the window"), now);

        assertEquals(List.of(update), ledger.heldUntilResidentWrites(c.residentKey(), now));
        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), now.plus(DynamoReplyLedger.KEEP_HELD_REPLIES).plusSeconds(1)));
        ledger.released(update);
        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), now));
    }

    @Test
    void aReplyHeldForGoodIsNotKeptForRelease() {
        Case c = openCase();
        OutboundReply update = acknowledgement(c);
        ledger.record(update, new DeliveryPlan.Held("one private reply per comment"), new SendOutcome.Held("one private reply"), now);

        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), now));
    }

    @Test
    void erasingAResidentDropsWhatWasHeldForThem() {
        Case c = openCase();
        OutboundReply update = acknowledgement(c);
        ledger.record(update, new DeliveryPlan.Held("outside the window", true), new SendOutcome.Held("outside the window"), now);

        cases.eraseResident(c.residentKey(), new CaseEvent(now, "supervisor-1", "personal_data_erased", "resident asked"));

        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), now));
    }

    private List<String> sentIds(Case c) {
        return CaseItems.partition(dynamo, config.table(), TableLayout.casePk(c.reference().value()))
                .filter(i -> i.get(TableLayout.SK).s().startsWith("OUT#") && i.containsKey("platformMessageId"))
                .map(i -> i.get("platformMessageId").s()).toList();
    }

    private long statusChanges(Case c) {
        return cases.detail(c.reference()).orElseThrow().history().stream()
                .filter(e -> e.type().equals("status_changed")).count();
    }

    private Case openCase() {
        String resident = "psid-" + UUID.randomUUID();
        Case c = new Case(Reference.random(), CaseStatus.RECEIVED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident,
                Visibility.PRIVATE, Optional.of("Stone Road, Stone"), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        InboundMessage message = new InboundMessage(Channel.MESSENGER, "mid-" + UUID.randomUUID(), resident, Visibility.PRIVATE,
                "pothole on Stone Road", List.of(), Optional.empty(), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "test"));
        return c;
    }

    private OutboundReply acknowledgement(Case c) {
        return new OutboundReply("acknowledgement:" + UUID.randomUUID(), ReplyKind.ACKNOWLEDGEMENT, c.reference().value(), c.channel(),
                c.residentId(), c.visibility(), Optional.empty(), "Your reference is " + c.reference().value(), now, now,
                List.of(c.reference().value()));
    }
}
