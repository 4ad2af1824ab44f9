package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sliding-window counter with a backlog's turns, for X's 15 direct messages in 15 minutes. */
class SendCountTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final SendingLimit LIMIT = new SendingLimit("x-direct-messages", 15, Duration.ofMinutes(15));

    @Test
    void sendsAreCountedUpToTheLimitThenTheBacklogGetsTurnsOneSpacingApartFromWhenAPlaceFrees() {
        SendCount count = SendCount.none();
        for (int i = 0; i < 15; i++) {
            SendCount.Taken taken = count.take(LIMIT, T0.plusSeconds(i));
            assertEquals(Optional.empty(), taken.turn());
            count = taken.after();
        }
        SendCount.Taken first = count.take(LIMIT, T0.plusSeconds(20));
        SendCount.Taken second = first.after().take(LIMIT, T0.plusSeconds(21));

        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(15))), first.turn());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(16))), second.turn(), "15 per 15 minutes is one a minute");
        assertEquals(15, second.after().sends().size(), "a booked turn is not a send");
    }

    @Test
    void sendsLeaveTheCountOnceTheWindowHasPassed() {
        SendCount count = SendCount.none();
        for (int i = 0; i < 15; i++) {
            count = count.take(LIMIT, T0).after();
        }

        SendCount.Taken later = count.take(LIMIT, T0.plus(Duration.ofMinutes(15)).plusMillis(1));

        assertEquals(Optional.empty(), later.turn());
        assertEquals(1, later.after().sends().size());
    }

    @Test
    void aBookedTurnInThePastIsForgotten() {
        SendCount count = new SendCount(java.util.List.of(), Optional.of(T0));

        SendCount.Taken taken = count.take(LIMIT, T0.plusSeconds(1));

        assertEquals(Optional.empty(), taken.after().nextTurn());
    }
}
