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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Visibility;

class TrendAnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    private final TrendAnalysis analysis = new TrendAnalysis(
            new TrendAnalysis.Settings(1.5, 5, 2.83, 0.15, 0.75, ZoneId.of("Europe/London")), Clock.fixed(NOW, ZoneOffset.UTC));

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
                Optional.of(at.plusSeconds(30 + random.nextInt(60))), Optional.of(at.plus(Duration.ofHours(24 + random.nextInt(48)))), Map.of(),
                CaseStatus.RESOLVED, Optional.empty(), false);
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
        assertEquals(70 * (2.83 - 0.15), report.channelShift().grossSaving(), 0.01);
        assertEquals(0, report.channelShift().platformCharges(), "these cases record nothing a platform charges for");
        assertEquals(report.channelShift().grossSaving(), report.channelShift().estimatedSaving());
    }

    @Test
    void theSavingSubtractsWhatXAndWhatsAppChargedForTheCasesMessagesAndReplies() {
        Instant at = NOW.minus(Duration.ofHours(3));
        List<CaseFacts> cases = List.of(
                // An X DM and a follow-up, acknowledged and updated by DM: 2 x $0.010 + 2 x $0.015.
                charged(at, Channel.X, Map.of(PlatformCharge.X_DM_RECEIVED, 2, PlatformCharge.X_DM_SENT, 2)),
                // An X mention answered in public: $0.005 + $0.010.
                charged(at, Channel.X, Map.of(PlatformCharge.X_POST_RECEIVED, 1, PlatformCharge.X_REPLY_SENT, 1)),
                // WhatsApp: a free-form acknowledgement and a utility template past the window: $0.022 + $0.022.
                charged(at, Channel.WHATSAPP, Map.of(PlatformCharge.WHATSAPP_SERVICE_SENT, 1, PlatformCharge.WHATSAPP_UTILITY_TEMPLATE_SENT, 1)),
                // Messenger costs nothing.
                charged(at, Channel.MESSENGER, Map.of()));
        TrendReport.ChannelShift shift = analysis.analyse(cases, 7).channelShift();

        double dollars = 2 * 0.010 + 2 * 0.015 + 0.005 + 0.010 + 0.022 + 0.022;
        assertEquals(4, shift.contacts());
        assertEquals(10.72, shift.grossSaving(), 0.001, "4 x (2.83 - 0.15)");
        assertEquals(Math.round(dollars * 0.75 * 100) / 100.0, shift.platformCharges(), 0.001, "$0.109 at 0.75 pounds a dollar");
        assertEquals(10.72 - 0.08, shift.estimatedSaving(), 0.001);
    }

    private static CaseFacts charged(Instant at, Channel channel, Map<PlatformCharge, Integer> billed) {
        return new CaseFacts(at, Category.QUERY, channel, Optional.empty(), Optional.empty(), Optional.empty(), billed,
                CaseStatus.IN_PROGRESS, Optional.empty(), false);
    }

    @Test
    void aCaseIsChargedForEachMessageReceivedAndEachReplySentInTheFormItsHistoryNames() {
        Instant at = NOW.minus(Duration.ofHours(3));
        CaseDetail mention = detail(Channel.X, Visibility.PUBLIC, 1,
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_sent", "acknowledgement on x as a public reply, platform message id 1"),
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_held", "progress update on x held: outside the window"));
        assertEquals(Map.of(PlatformCharge.X_POST_RECEIVED, 1, PlatformCharge.X_REPLY_SENT, 1), CaseFacts.billed(mention));

        CaseDetail whatsapp = detail(Channel.WHATSAPP, Visibility.PRIVATE, 2,
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_sent", "acknowledgement on whatsapp, platform message id wamid.1"),
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_sent", "progress update on whatsapp as template case_update, platform message id wamid.2"),
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_refused", "staff reply on whatsapp refused: blocked"));
        assertEquals(Map.of(PlatformCharge.WHATSAPP_SERVICE_SENT, 1, PlatformCharge.WHATSAPP_UTILITY_TEMPLATE_SENT, 1),
                CaseFacts.billed(whatsapp), "a resident's WhatsApp message costs nothing to receive; a refused reply nothing to send");

        CaseDetail dm = detail(Channel.X, Visibility.PRIVATE, 3,
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_sent", "acknowledgement on x, platform message id 2"));
        assertEquals(Map.of(PlatformCharge.X_DM_RECEIVED, 3, PlatformCharge.X_DM_SENT, 1), CaseFacts.billed(dm));

        assertEquals(Map.of(), CaseFacts.billed(detail(Channel.INSTAGRAM, Visibility.PRIVATE, 2,
                new CaseEvent(at, CaseEvent.SYSTEM, "reply_sent", "acknowledgement on instagram, platform message id m_1"))), "Meta messaging is free");
    }

    private static CaseDetail detail(Channel channel, Visibility visibility, int messages, CaseEvent... history) {
        Instant at = NOW.minus(Duration.ofHours(3));
        Case c = new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.QUERY, 0.9, channel, "resident", visibility,
                Optional.empty(), Optional.empty(), 0, at, at, at, 1, Optional.empty());
        List<CaseDetail.Message> conversation = java.util.stream.IntStream.range(0, messages)
                .mapToObj(i -> new CaseDetail.Message(at, "text", 0, Optional.empty())).toList();
        return new CaseDetail(c, conversation, List.of(history));
    }

    @Test
    void responseTimesAreMediansOfTheCasesThatHaveThem() {
        Instant created = NOW.minus(Duration.ofHours(5));
        List<CaseFacts> cases = List.of(
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.of(created.plusSeconds(60)), Optional.empty(), Map.of(),
                        CaseStatus.ACKNOWLEDGED, Optional.empty(), false),
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.of(created.plusSeconds(180)),
                        Optional.of(created.plus(Duration.ofHours(4))), Map.of(), CaseStatus.RESOLVED, Optional.empty(), false),
                new CaseFacts(created, Category.QUERY, Channel.X, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                        CaseStatus.ACKNOWLEDGED, Optional.empty(), false));
        TrendReport.ResponseTimes times = analysis.analyse(cases, 7).responseTimes();
        assertEquals(2.0, times.firstResponseMedianMinutes());
        assertEquals(4.0, times.resolutionMedianHours());
        assertEquals(2, times.responded());
        assertNull(analysis.analyse(List.of(), 7).responseTimes().firstResponseMedianMinutes());
    }

    @Test
    void timeToTheFirstHumanAnswerAndToResolutionAreGivenByChannelAndCategory() {
        Instant created = NOW.minus(Duration.ofHours(6));
        List<CaseFacts> cases = List.of(
                answered(created, Channel.WHATSAPP, Category.QUERY, Duration.ofMinutes(30), false),
                answered(created, Channel.WHATSAPP, Category.QUERY, Duration.ofMinutes(90), false),
                answered(created, Channel.WHATSAPP, Category.QUERY, null, true),
                answered(created, Channel.MESSENGER, Category.COMPLAINT, Duration.ofHours(2), false));

        TrendReport report = analysis.analyse(cases, 7);

        assertEquals(List.of(new TrendReport.AnswerTimes("messenger", "complaint", 1, 1, 120.0, 0, null, 0),
                new TrendReport.AnswerTimes("whatsapp", "query", 3, 2, 60.0, 0, null, 1)), report.answerTimes());
        assertEquals(90.0, report.responseTimes().firstHumanAnswerMedianMinutes());
        assertEquals(3, report.responseTimes().humanAnswered());
        assertEquals(new TrendReport.SelfServe(3, 1), report.selfServe());
        assertTrue(TrendCsv.answerTimes(report).contains("\r\nwhatsapp,query,3,2,60.0,0,,1\r\n"), TrendCsv.answerTimes(report));
    }

    @Test
    void theChannelShiftSavingCountsOnlyContactsThatWereReallyHandled() {
        Instant created = NOW.minus(Duration.ofHours(6));
        List<CaseFacts> cases = List.of(
                answered(created, Channel.MESSENGER, Category.QUERY, Duration.ofMinutes(30), false),
                answered(created, Channel.MESSENGER, Category.QUERY, null, true),
                // Acknowledged automatically and never looked at since: the phone might still ring.
                new CaseFacts(created, Category.OTHER, Channel.MESSENGER, Optional.empty(), Optional.of(created), Optional.empty(), Map.of(),
                        CaseStatus.ACKNOWLEDGED, Optional.empty(), false));

        TrendReport.ChannelShift shift = analysis.analyse(cases, 7).channelShift();

        assertEquals(List.of(2, 3), List.of(shift.contacts(), shift.received()));
        assertEquals(2 * (2.83 - 0.15), shift.grossSaving(), 0.001);
    }

    private static CaseFacts answered(Instant created, Channel channel, Category category, Duration answeredAfter, boolean selfServe) {
        return new CaseFacts(created, category, channel, Optional.empty(), Optional.of(created.plusSeconds(5)), Optional.empty(), Map.of(),
                CaseStatus.ACKNOWLEDGED, Optional.ofNullable(answeredAfter).map(created::plus), selfServe);
    }

    @Test
    void aCategoryWithNoBaselineIsFlaggedAsNewOnceItIsBigEnough() {
        List<CaseFacts> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(new CaseFacts(NOW.minus(Duration.ofDays(i)), Category.COMPLAINT, Channel.MESSENGER, Optional.of("Leek"),
                    Optional.empty(), Optional.empty(), Map.of(), CaseStatus.ACKNOWLEDGED, Optional.empty(), false));
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
