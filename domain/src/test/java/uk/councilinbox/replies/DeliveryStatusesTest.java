package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static uk.councilinbox.messages.DeliveryState.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryReplyLedger;

class DeliveryStatusesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String RESIDENT = "7012345678901234";

    private final InMemoryReplyLedger ledger = new InMemoryReplyLedger();
    private final FixedClock clock = new FixedClock(T0);
    private final DeliveryStatuses statuses = new DeliveryStatuses(ledger, clock);

    @Test
    void deliveredThenReadEndsRead() {
        sent("r1", "m_1", T0);
        statuses.reported(report(DELIVERED, "m_1"));
        assertEquals(Optional.of(DELIVERED), ledger.state("r1"));
        statuses.reported(report(READ, "m_1"));
        assertEquals(Optional.of(READ), ledger.state("r1"));
    }

    @Test
    void outOfOrderArrivalGivesTheSameFinalState() {
        sent("r1", "m_1", T0);
        statuses.reported(report(READ, "m_1"));
        statuses.reported(report(DELIVERED, "m_1"));
        assertEquals(Optional.of(READ), ledger.state("r1"));

        sent("r2", "m_2", T0);
        statuses.reported(report(FAILED, "m_2"));
        statuses.reported(report(DELIVERED, "m_2"));
        assertEquals(Optional.of(FAILED), ledger.state("r2"));
    }

    @Test
    void aFailureRedeliveredIsRecordedOnce() {
        sent("r1", "m_1", T0);
        statuses.reported(report(DELIVERED, "m_1"));
        statuses.reported(report(FAILED, "m_1"));
        statuses.reported(report(FAILED, "m_1"));
        assertEquals(Optional.of(FAILED), ledger.state("r1"));
        assertEquals(1, ledger.failures().size());
    }

    @Test
    void aReadWatermarkReadsEveryMessageSentAtOrBeforeIt() {
        sent("r1", "m_1", T0);
        sent("r2", "m_2", T0.plusSeconds(60));
        sent("r3", "m_3", T0.plusSeconds(120));
        statuses.reported(DeliveryReport.upTo(Channel.MESSENGER, READ, T0.plusSeconds(60), "MESSENGER:" + RESIDENT, T0.plusSeconds(130)));
        assertEquals(List.of(Optional.of(READ), Optional.of(READ), Optional.of(SENT)),
                List.of(ledger.state("r1"), ledger.state("r2"), ledger.state("r3")));
    }

    @Test
    void aReportThatArrivesBeforeTheSendIsRecordedIsTriedAgainAndThenCounts() {
        assertThrows(DeliveryStatuses.NotRecordedYetException.class, () -> statuses.reported(report(DELIVERED, "m_1")));

        sent("r1", "m_1", T0);
        statuses.reported(report(DELIVERED, "m_1"));

        assertEquals(Optional.of(DELIVERED), ledger.state("r1"));
    }

    @Test
    void aReportOnAMessageNotSentFromHereChangesNothing() {
        sent("r1", "m_1", T0);
        clock.advance(DeliveryStatuses.RECORD_GRACE.plusSeconds(1));
        statuses.reported(report(FAILED, "m_unknown"));
        assertEquals(Optional.of(SENT), ledger.state("r1"));
        assertEquals(List.of(), ledger.failures());
    }

    private void sent(String replyId, String messageId, Instant at) {
        OutboundReply reply = new OutboundReply(replyId, ReplyKind.STAFF_REPLY, "K7PD-M4Q5", Channel.MESSENGER, RESIDENT, Visibility.PRIVATE,
                Optional.empty(), "We will look today.", T0, at, List.of());
        ledger.record(reply, new DeliveryPlan.FreeForm(), new SendOutcome.Sent(messageId), at);
    }

    private static DeliveryReport report(DeliveryState state, String messageId) {
        return DeliveryReport.of(Channel.MESSENGER, state, messageId, Optional.of("MESSENGER:" + RESIDENT), Optional.empty(), "", T0);
    }
}
