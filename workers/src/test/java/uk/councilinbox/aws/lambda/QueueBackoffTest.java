package uk.councilinbox.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueBackoffTest {

    private final QueueBackoff backoff = new QueueBackoff(null, "unused", 10, 600);

    @Test
    void theDelayDoublesWithEachReceiveUpToTheCap() {
        assertEquals(10, backoff.delaySeconds(1, Duration.ZERO));
        assertEquals(20, backoff.delaySeconds(2, Duration.ZERO));
        assertEquals(40, backoff.delaySeconds(3, Duration.ZERO));
        assertEquals(600, backoff.delaySeconds(8, Duration.ZERO));
        assertEquals(600, backoff.delaySeconds(500, Duration.ZERO));
    }

    @Test
    void aMissingReceiveCountCountsAsTheFirst() {
        assertEquals(10, backoff.delaySeconds(0, Duration.ZERO));
    }

    @Test
    void aLongerMinimumWinsAndIsRoundedUpToWholeSeconds() {
        assertEquals(61, backoff.delaySeconds(1, Duration.ofMillis(60_001)));
        assertEquals(40, backoff.delaySeconds(3, Duration.ofSeconds(30)));
    }

    @Test
    void theDelayNeverExceedsWhatSqsAllows() {
        assertEquals(QueueBackoff.MAX_VISIBILITY_SECONDS, backoff.delaySeconds(1, Duration.ofDays(2)));
    }
}
