package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.cases.dynamo.CaseItems.s;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.DeliveryStatuses;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** Each outbound message's state in DynamoDB (moto): written with the send, moved forward by platforms' reports, erased. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class DynamoReplyStatesTest {

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
    void aSentReplyIsInTheThreadAsSentAndItsReportsFindItByMessageIdOrWatermark() {
        Case c = openCase();
        OutboundReply reply = sent(c, "m_" + UUID.randomUUID(), now);

        assertEquals(List.of(DeliveryState.SENT), states(c));
        assertEquals(reply.text(), replies(c).getFirst().text());
        assertEquals(1, ledger.reportedOn(delivered(c, platformId(c))).size());
        assertEquals(1, ledger.reportedOn(DeliveryReport.upTo(Channel.MESSENGER, DeliveryState.READ, now, c.residentKey(), now)).size());
        assertEquals(0, ledger.reportedOn(DeliveryReport.upTo(Channel.MESSENGER, DeliveryState.READ, now.minusSeconds(60), c.residentKey(), now))
                .size(), "sent after the watermark");
        assertEquals(0, ledger.reportedOn(delivered(c, "m_never-sent")).size());
    }

    @Test
    void aStatusMovesTheStateForwardOnceAndNeverBack() {
        Case c = openCase();
        String id = "m_" + UUID.randomUUID();
        sent(c, id, now);
        DeliveryStatuses statuses = new DeliveryStatuses(ledger, Clock.systemUTC());

        statuses.reported(read(c, id));
        statuses.reported(delivered(c, id));
        statuses.reported(read(c, id));

        assertEquals(List.of(DeliveryState.READ), states(c));
        assertFalse(ledger.advance(ledger.reportedOn(delivered(c, id)).getFirst(), delivered(c, id)), "the condition refuses a step back");
    }

    @Test
    void aFailureWinsOverDeliveredAndIsOneEventHoweverOftenItComes() {
        Case c = openCase();
        String id = "wamid." + UUID.randomUUID();
        sent(c, id, now);
        DeliveryStatuses statuses = new DeliveryStatuses(ledger, Clock.systemUTC());
        DeliveryReport failed = DeliveryReport.of(Channel.MESSENGER, DeliveryState.FAILED, id, Optional.of(c.residentKey()),
                Optional.of(c.reference().value()), "code 131026 (Message undeliverable)", now);

        statuses.reported(delivered(c, id));
        statuses.reported(failed);
        statuses.reported(failed);
        statuses.reported(delivered(c, id));

        CaseDetail detail = cases.detail(c.reference()).orElseThrow();
        assertEquals(List.of(DeliveryState.FAILED), states(c));
        assertTrue(detail.replyFailed());
        assertEquals(1, detail.history().stream().filter(e -> e.type().equals(CaseEvent.REPLY_FAILED)).count());
    }

    @Test
    void aStaffReplyIsQueuedInTheThreadUntilItIsSent() {
        Case c = openCase();
        OutboundReply reply = reply(c, ReplyKind.STAFF_REPLY);
        cases.change(c.changed(now), List.of(new CaseEvent(now, "agent-1", CaseEvent.REPLY_WRITTEN, reply.text())), Optional.of(reply),
                Optional.empty());
        assertEquals(List.of(DeliveryState.QUEUED), states(c));

        ledger.record(reply, new DeliveryPlan.FreeForm(), new SendOutcome.Refused("blocked"), now.plusSeconds(1));

        assertEquals(List.of(DeliveryState.FAILED), states(c));
        assertEquals(now, replies(c).getFirst().at(), "still when it was queued");
    }

    @Test
    void erasureRemovesTheRepliesTextsAndEveryMessageIdThatLeadsToTheResident() {
        Case c = openCase();
        String id = "m_" + UUID.randomUUID();
        sent(c, id, now);

        cases.eraseResident(c.residentKey(), new CaseEvent(now, "supervisor-1", "personal_data_erased", "resident asked"));

        assertEquals(CaseEvent.ERASED_TEXT, replies(c).getFirst().text());
        assertEquals(List.of(), ledger.reportedOn(delivered(c, id)));
        assertTrue(dynamo.getItem(b -> b.tableName(config.table()).key(TableLayout.residentItemKey(uk.councilinbox.privacy.Pseudonyms.of(config).resident(c.residentKey())))).item().isEmpty(),
                "the resident's item, which led from their id to their cases, is gone");
        assertFalse(dynamo.getItem(b -> b.tableName(config.table()).key(Map.of(TableLayout.PK, s(TableLayout.casePk(c.reference().value())),
                TableLayout.SK, s(TableLayout.outboundSk(replies(c).getFirst().replyId()))))).item().containsKey("platformMessageId"));
    }

    private OutboundReply sent(Case c, String platformMessageId, Instant at) {
        OutboundReply reply = reply(c, ReplyKind.ACKNOWLEDGEMENT);
        ledger.record(reply, new DeliveryPlan.FreeForm(), new SendOutcome.Sent(platformMessageId), at);
        return reply;
    }

    private String platformId(Case c) {
        return CaseItems.partition(dynamo, config.table(), TableLayout.casePk(c.reference().value()))
                .filter(i -> i.get(TableLayout.SK).s().startsWith(TableLayout.OUTBOUND_PREFIX) && i.containsKey("platformMessageId"))
                .findFirst().orElseThrow().get("platformMessageId").s();
    }

    private static DeliveryReport delivered(Case c, String id) {
        return DeliveryReport.of(Channel.MESSENGER, DeliveryState.DELIVERED, id, Optional.of(c.residentKey()), Optional.empty(), "", Instant.now());
    }

    private static DeliveryReport read(Case c, String id) {
        return DeliveryReport.of(Channel.MESSENGER, DeliveryState.READ, id, Optional.of(c.residentKey()), Optional.empty(), "", Instant.now());
    }

    private List<CaseDetail.Reply> replies(Case c) {
        return cases.detail(c.reference()).orElseThrow().replies();
    }

    private List<DeliveryState> states(Case c) {
        return replies(c).stream().map(CaseDetail.Reply::state).toList();
    }

    private Case openCase() {
        String resident = "psid-" + UUID.randomUUID();
        Case c = new Case(Reference.random(), CaseStatus.RECEIVED, Category.QUERY, 0.9, Channel.MESSENGER, resident,
                Visibility.PRIVATE, Optional.empty(), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        InboundMessage message = new InboundMessage(Channel.MESSENGER, "mid-" + UUID.randomUUID(), resident, Visibility.PRIVATE,
                "when is my bin day", List.of(), Optional.empty(), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "test"));
        return c;
    }

    private OutboundReply reply(Case c, ReplyKind kind) {
        return new OutboundReply(kind.name().toLowerCase() + ":" + UUID.randomUUID(), kind, c.reference().value(), c.channel(),
                c.residentId(), c.visibility(), Optional.empty(), "Your reference is " + c.reference().value(), now, now,
                List.of(c.reference().value()));
    }
}
