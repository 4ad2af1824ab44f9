package uk.councilinbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.councilinbox.testing.FixedClock;

/** An answer is kept for its while and then worked out again; a failure is not kept; the entries stay bounded. */
class ShortCacheTest {

    private final FixedClock clock = new FixedClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final AtomicInteger computed = new AtomicInteger();
    private final ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofSeconds(60), 3, clock);

    private int answer(String key) {
        return cache.get(key, computed::incrementAndGet);
    }

    @Test
    void anAnswerIsKeptForItsWhileAndThenWorkedOutAgain() {
        assertEquals(1, answer("requests"));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, answer("requests"), "still fresh");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, answer("requests"), "60 s on: read again");
        assertEquals(2, computed.get());
    }

    @Test
    void aFailureIsNotKeptAndTheEntriesStayBounded() {
        assertThrows(IllegalArgumentException.class, () -> cache.get("bad", () -> { throw new IllegalArgumentException("bad date"); }));
        assertEquals(1, answer("bad"), "the failure was not kept");
        answer("a");
        answer("b");
        assertEquals(4, answer("c"));
        assertEquals(4, answer("c"), "kept");
        assertEquals(5, answer("bad"), "the fourth entry cleared the other three, none being expired");
    }
}
