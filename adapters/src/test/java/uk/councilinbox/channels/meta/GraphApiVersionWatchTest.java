package uk.councilinbox.channels.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.testing.TestConfig;

class GraphApiVersionWatchTest {

    private static final LocalDate ENDS = LocalDate.parse("2028-07-29");

    @Test
    void noWarningMoreThanNinetyDaysBeforeTheEnd() {
        assertEquals(Optional.empty(), watchOn("2028-04-29").warning());
    }

    @Test
    void ninetyDaysBeforeTheEndOperatorsAreWarnedWithTheMarkerAndTheDate() {
        String warning = watchOn("2028-04-30").warning().orElseThrow();
        assertTrue(warning.startsWith(GraphApiVersionWatch.MARKER + ": Graph API v25.0 stops on 2028-07-29 (in 90 days)"), warning);
    }

    @Test
    void afterTheEndTheWarningSaysItHasStopped() {
        String warning = watchOn("2028-07-30").warning().orElseThrow();
        assertTrue(warning.contains("stopped on 2028-07-29"), warning);
    }

    @Test
    void theDefaultVersionIsOneMetaServesBeyond2027AndIsNotDueAWarningNow() {
        var graph = TestConfig.defaults().graphApi();
        assertEquals("v25.0", graph.version());
        assertEquals(ENDS, graph.versionEnds());
        assertEquals("https://graph.facebook.com/v25.0", graph.baseUrl("https://graph.facebook.com/"));
        assertEquals(Optional.empty(), new GraphApiVersionWatch(graph.version(), graph.versionEnds(),
                Clock.fixed(LocalDate.parse("2026-12-02").atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC)).warning());
    }

    private static GraphApiVersionWatch watchOn(String day) {
        return new GraphApiVersionWatch("v25.0", ENDS, Clock.fixed(LocalDate.parse(day).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }
}
