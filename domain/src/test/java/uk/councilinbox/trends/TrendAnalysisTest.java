package uk.councilinbox.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;

class TrendAnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    private final TrendAnalysis analysis = new TrendAnalysis(
            new TrendAnalysis.Settings(1.5, 5, 2.83, 0.15, ZoneId.of("Europe/London")), Clock.fixed(NOW, ZoneOffset.UTC));

    /** Four weeks of ordinary contact, with a freeze's pothole spike planted in Stone this week. */
    private static List<CaseFacts> generatedMonthWithASpike() {
        Random random = new Random(42);
        List<CaseFacts> cases = new ArrayList<>();
        String[] towns = {"Stone", "Leek", "Cheadle", "Stafford"};
        for (int day = 0; day < 28; day++) {
            Instant date = NOW.minus(Duration.ofDays(day)).minus(Duration.ofHours(2));
            for (int i = 0; i < 6; i++) {
                Category category = Category.values()[random.nextInt(4)];
                cases.add(facts(date, category, towns[random.nextInt(towns.length)], random));
            }
            if (day < 7) {
                for (int i = 0; i < 4; i++) {
                    cases.add(facts(date, Category.POTHOLE_REPORT, "Stone", random));
                }
            }
        }
        return cases;
    }

    private static CaseFacts facts(Instant at, Category category, String town, Random random) {
        return new CaseFacts(at, category, Channel.values()[random.nextInt(Channel.values().length)], Optional.of(town),
                Optional.of(at.plusSeconds(30 + random.nextInt(60))), Optional.of(at.plus(Duration.ofHours(24 + random.nextInt(48)))));
    }

    @Test
    void thePlantedSpikeIsFlaggedWithTheSizeOfTheChangeAndOrdinaryContactIsNot() {
        TrendReport report = analysis.analyse(generatedMonthWithASpike(), 28);

        TrendReport.Spike stone = report.spikes().stream()
                .filter(s -> s.category().equals("pothole_report") && s.area().equals("Stone")).findFirst().orElseThrow();
        assertTrue(stone.thisWeek() >= 28, stone.toString());
        assertTrue(stone.change() > 2.0, "well over double the baseline: " + stone);
        assertTrue(report.spikes().stream().noneMatch(s -> s.category().equals("pothole_report") && !s.area().equals("Stone")
                        && !s.area().equals(TrendAnalysis.ALL_AREAS)), "no pothole spike where nothing changed: " + report.spikes());
        assertTrue(report.spikes().stream().noneMatch(s -> !s.category().equals("pothole_report") && s.area().equals(TrendAnalysis.ALL_AREAS)),
                "ordinary county-wide contact is not a spike: " + report.spikes());
    }

    @Test
    void dailyFiguresCoverEveryDayByCategoryAndChannelAndAddUp() {
        List<CaseFacts> cases = generatedMonthWithASpike();
        TrendReport report = analysis.analyse(cases, 7);

        assertEquals(7, report.days().size());
        assertEquals("2026-11-23", report.days().getLast().date().toString());
        for (TrendReport.Day day : report.days()) {
            assertEquals(day.total(), day.byCategory().values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(day.total(), day.byChannel().values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(10, day.total());
        }
        assertEquals(70, report.channelShift().contacts());
        assertEquals(70 * (2.83 - 0.15), report.channelShift().estimatedSaving(), 0.01);
    }

    @Test
    void responseTimesAreMediansOfTheCasesThatHaveThem() {
        Instant created = NOW.minus(Duration.ofHours(5));
        List<CaseFacts> cases = List.of(
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.of(created.plusSeconds(60)), Optional.empty()),
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.of(created.plusSeconds(180)),
                        Optional.of(created.plus(Duration.ofHours(4)))),
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.empty(), Optional.empty()));
        TrendReport.ResponseTimes times = analysis.analyse(cases, 7).responseTimes();
        assertEquals(2.0, times.firstResponseMedianMinutes());
        assertEquals(4.0, times.resolutionMedianHours());
        assertEquals(2, times.responded());
        assertNull(analysis.analyse(List.of(), 7).responseTimes().firstResponseMedianMinutes());
    }

    @Test
    void aCategoryWithNoBaselineIsFlaggedAsNewOnceItIsBigEnough() {
        List<CaseFacts> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(new CaseFacts(NOW.minus(Duration.ofDays(i)), Category.COMPLAINT, Channel.MESSENGER, Optional.of("Leek"),
                    Optional.empty(), Optional.empty()));
        }
        TrendReport.Spike spike = analysis.analyse(cases, 28).spikes().getFirst();
        assertEquals(5, spike.thisWeek());
        assertNull(spike.change(), "no baseline: a new kind of contact");
        assertTrue(analysis.analyse(cases.subList(0, 4), 28).spikes().isEmpty(), "four is below the minimum");
    }

    @Test
    void areasAreTownsOrElsePostcodeDistricts() {
        assertEquals(Optional.of("Stone"), CaseFacts.area("Stone Road, Stone, ST15 8AA"));
        assertEquals(Optional.of("ST15"), CaseFacts.area("ST15 8AA"));
        assertEquals(Optional.of("ST15"), CaseFacts.area("Mill Lane, ST15 8AA"));
        assertEquals(Optional.empty(), CaseFacts.area("Mill Lane"));
    }
}
