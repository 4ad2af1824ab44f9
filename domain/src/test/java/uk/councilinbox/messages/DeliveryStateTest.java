package uk.councilinbox.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.messages.DeliveryState.*;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryStateTest {

    @Test
    void aSentMessageMovesForwardOnly() {
        assertTrue(SENT.movesTo(DELIVERED));
        assertTrue(SENT.movesTo(READ));
        assertTrue(DELIVERED.movesTo(READ));
        assertFalse(READ.movesTo(DELIVERED), "a late delivered after read does not go back");
        assertFalse(DELIVERED.movesTo(SENT));
    }

    @Test
    void failedWinsOverSentAndDeliveredButNotOverRead() {
        assertTrue(SENT.movesTo(FAILED));
        assertTrue(DELIVERED.movesTo(FAILED));
        assertFalse(FAILED.movesTo(DELIVERED));
        assertFalse(FAILED.movesTo(READ));
        assertFalse(READ.movesTo(FAILED), "it reached the resident");
    }

    @Test
    void theSameStateTwiceIsNoMove() {
        for (DeliveryState state : DeliveryState.values()) {
            assertFalse(state.movesTo(state), state.label());
        }
    }

    @Test
    void onlyWhatThePlatformsSeeIsReported() {
        assertFalse(QUEUED.movesTo(DELIVERED) || HELD.movesTo(READ) || DEFERRED.movesTo(FAILED), "never sent, so nothing to report");
        assertThrows(IllegalArgumentException.class, () -> DeliveryReport.of(Channel.WHATSAPP, SENT, "wamid.1", Optional.empty(),
                Optional.empty(), "", Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryReport(Channel.MESSENGER, READ, Optional.empty(),
                Optional.of(Instant.EPOCH), Optional.empty(), Optional.empty(), "", Instant.EPOCH), "a watermark names its resident");
    }

    @Test
    void aReportQueuedBeforeStatesWereReportedIsAFailure() {
        DeliveryReport old = new DeliveryReport(Channel.WHATSAPP, null, Optional.of("wamid.1"), null, null, null, "code 131026", Instant.EPOCH);
        assertEquals(FAILED, old.state());
        assertEquals("WHATSAPP:failed:wamid.1", old.reportKey());
    }
}
