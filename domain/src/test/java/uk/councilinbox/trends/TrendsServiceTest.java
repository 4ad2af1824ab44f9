package uk.councilinbox.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.testing.Cases;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;

/** The daily run makes every console period from one read; the staff API serves what is kept and works one out only once. */
class TrendsServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");

    private final FixedClock clock = new FixedClock(NOW);
    private final InMemoryCaseStore store = new InMemoryCaseStore();
    private final TrendsService trends = new TrendsService(store,
            new TrendAnalysis(new TrendAnalysis.Settings(1.5, 5, 2.83, 0.15, 0.75, ZoneId.of("Europe/London")), clock), clock);

    /** Reports kept as the DynamoDB adapter keeps them, counting what is saved. */
    private final Map<Integer, TrendReport> kept = new HashMap<>();
    private final List<Integer> saved = new ArrayList<>();
    private final TrendReports reports = new TrendReports() {
        @Override
        public Optional<TrendReport> latest(int days) {
            return Optional.ofNullable(kept.get(days));
        }

        @Override
        public void save(int days, TrendReport report) {
            saved.add(days);
            kept.put(days, report);
        }
    };

    @Test
    void theDailyRunMakesEveryPeriodTheConsoleOffersFromOneReadWithTheResolutionKeptOnTheCase() {
        for (int day = 0; day < 100; day += 3) {
            Instant opened = NOW.minus(Duration.ofDays(day));
            Case c = Cases.pothole("resident-" + day, CaseStatus.RESOLVED, "Mill Lane, Stone", opened);
            store.add(c.withStatus(CaseStatus.RESOLVED, opened.plus(Duration.ofHours(6))));
        }

        Map<Integer, TrendReport> computed = trends.compute(TrendsService.PERIODS);

        assertEquals(1, store.searches(), "one read of the cases for every period");
        assertEquals(TrendsService.PERIODS, List.copyOf(computed.keySet()));
        TrendReport month = computed.get(28);
        assertEquals(28, month.days().size());
        assertEquals(10, month.responseTimes().resolved(), "the cases opened in the 28 days, each resolved six hours later");
        assertEquals(6.0, month.responseTimes().resolutionMedianHours());
        assertEquals(31, computed.get(91).responseTimes().resolved());
    }

    @Test
    void theApiServesTodaysKeptReportAndWorksOneOutOnlyWhenNoneIsKept() {
        store.add(Cases.pothole("resident-1", CaseStatus.ACKNOWLEDGED, "Mill Lane, Stone", NOW.minus(Duration.ofHours(3))));

        TrendReport first = trends.current(14, reports);
        TrendReport again = trends.current(14, reports);

        assertSame(first, again, "served as kept");
        assertEquals(List.of(14), saved, "worked out once and kept");
        assertEquals(1, store.searches());
        clock.advance(Duration.ofDays(1));
        trends.current(14, reports);
        assertEquals(List.of(14, 14), saved, "yesterday's is not today's");
    }
}
