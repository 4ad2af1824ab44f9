package uk.councilinbox.trends;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;

/**
 * Turns case facts into a {@link TrendReport}. A spike is a category (overall, or in one area) with at
 * least {@code minimumReports} this week and at least {@code riseFactor} times its weekly average over
 * the {@link #BASELINE_WEEKS} weeks before, and three standard deviations above it so chance variation in
 * small numbers is not flagged: "pothole reports in Stone up 186%".
 */
public final class TrendAnalysis {

    static final int BASELINE_WEEKS = 3;
    public static final String ALL_AREAS = "all";

    /**
     * Thresholds and costs, from configuration.
     *
     * @param phoneCostPerContact pounds
     * @param socialCostPerContact pounds, the council's own cost of handling a contact on social media
     * @param poundsPerDollar to turn the platforms' charges ({@link PlatformCharge}, in dollars) into pounds
     */
    public record Settings(double riseFactor, int minimumReports, double phoneCostPerContact, double socialCostPerContact,
            double poundsPerDollar, ZoneId zone) {}

    private final Settings settings;
    private final Clock clock;

    public TrendAnalysis(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @param days how many days back from today (inclusive) the daily figures cover; spikes always look at four weeks */
    public TrendReport analyse(List<CaseFacts> cases, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
        LocalDate from = today.minusDays(days - 1L);
        List<CaseFacts> inPeriod = cases.stream().filter(c -> !date(c).isBefore(from) && !date(c).isAfter(today)).toList();
        return new TrendReport(clock.instant(), from, today, daily(inPeriod, from, today), spikes(cases, today),
                responseTimes(inPeriod), answerTimes(inPeriod), selfServe(inPeriod), channelShift(inPeriod));
    }

    private List<TrendReport.Day> daily(List<CaseFacts> cases, LocalDate from, LocalDate to) {
        Map<LocalDate, List<CaseFacts>> byDate = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDate.put(d, new ArrayList<>());
        }
        cases.forEach(c -> byDate.get(date(c)).add(c));
        List<TrendReport.Day> days = new ArrayList<>();
        byDate.forEach((date, list) -> {
            Map<String, Integer> byCategory = new LinkedHashMap<>();
            for (Category category : Category.values()) {
                byCategory.put(category.label(), (int) list.stream().filter(c -> c.category() == category).count());
            }
            Map<String, Integer> byChannel = new LinkedHashMap<>();
            for (Channel channel : Channel.values()) {
                byChannel.put(channel.label(), (int) list.stream().filter(c -> c.channel() == channel).count());
            }
            Map<String, Integer> byArea = new TreeMap<>();
            list.forEach(c -> c.area().ifPresent(a -> byArea.merge(a, 1, Integer::sum)));
            days.add(new TrendReport.Day(date, list.size(), byCategory, byChannel, byArea));
        });
        return days;
    }

    private List<TrendReport.Spike> spikes(List<CaseFacts> cases, LocalDate today) {
        LocalDate weekStart = today.minusDays(6);
        LocalDate baselineStart = weekStart.minusWeeks(BASELINE_WEEKS);
        Map<Category, Map<String, int[]>> counts = new EnumMap<>(Category.class);
        for (CaseFacts c : cases) {
            LocalDate date = date(c);
            if (date.isBefore(baselineStart) || date.isAfter(today)) {
                continue;
            }
            int slot = date.isBefore(weekStart) ? 1 : 0;
            Map<String, int[]> byArea = counts.computeIfAbsent(c.category(), k -> new HashMap<>());
            byArea.computeIfAbsent(ALL_AREAS, k -> new int[2])[slot]++;
            c.area().ifPresent(a -> byArea.computeIfAbsent(a, k -> new int[2])[slot]++);
        }
        List<TrendReport.Spike> spikes = new ArrayList<>();
        counts.forEach((category, byArea) -> byArea.forEach((area, n) -> {
            double baseline = n[1] / (double) BASELINE_WEEKS;
            if (n[0] >= settings.minimumReports() && n[0] >= baseline * settings.riseFactor() && beyondChance(n[0], baseline)) {
                Double change = baseline == 0 ? null : Math.round((n[0] / baseline - 1) * 100) / 100.0;
                spikes.add(new TrendReport.Spike(category.label(), area, n[0], Math.round(baseline * 10) / 10.0, change));
            }
        }));
        spikes.sort(Comparator.comparingInt(TrendReport.Spike::thisWeek).reversed().thenComparing(TrendReport.Spike::area));
        return spikes;
    }

    /** Counts vary by chance (about as a Poisson count): a spike must be three standard deviations above the baseline. */
    private static boolean beyondChance(int thisWeek, double baseline) {
        return thisWeek >= baseline + 3 * Math.sqrt(Math.max(baseline, 1));
    }

    private static TrendReport.ResponseTimes responseTimes(List<CaseFacts> cases) {
        List<Double> firstResponse = minutes(cases, CaseFacts::firstResponseAt);
        List<Double> resolution = hours(cases, CaseFacts::resolvedAt);
        List<Double> firstHumanAnswer = minutes(cases, CaseFacts::firstHumanAnswerAt);
        return new TrendReport.ResponseTimes(median(firstResponse).orElse(null), median(resolution).orElse(null),
                firstResponse.size(), resolution.size(), median(firstHumanAnswer).orElse(null), firstHumanAnswer.size());
    }

    /** One row per channel and category that had cases in the period, in the order of the enums. */
    private static List<TrendReport.AnswerTimes> answerTimes(List<CaseFacts> cases) {
        List<TrendReport.AnswerTimes> rows = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (Category category : Category.values()) {
                List<CaseFacts> these = cases.stream().filter(c -> c.channel() == channel && c.category() == category).toList();
                if (these.isEmpty()) {
                    continue;
                }
                List<Double> answered = minutes(these, CaseFacts::firstHumanAnswerAt);
                List<Double> resolved = hours(these, CaseFacts::resolvedAt);
                rows.add(new TrendReport.AnswerTimes(channel.label(), category.label(), these.size(), answered.size(),
                        median(answered).orElse(null), resolved.size(), median(resolved).orElse(null),
                        (int) these.stream().filter(CaseFacts::answeredBySelfServe).count()));
            }
        }
        return rows;
    }

    private static TrendReport.SelfServe selfServe(List<CaseFacts> cases) {
        List<CaseFacts> queries = cases.stream().filter(c -> c.category() == Category.QUERY).toList();
        return new TrendReport.SelfServe(queries.size(), (int) queries.stream().filter(CaseFacts::answeredBySelfServe).count());
    }

    private static List<Double> minutes(List<CaseFacts> cases, Function<CaseFacts, Optional<Instant>> until) {
        return cases.stream().flatMap(c -> until.apply(c).stream().map(at -> Duration.between(c.createdAt(), at).toMillis() / 60_000.0))
                .toList();
    }

    private static List<Double> hours(List<CaseFacts> cases, Function<CaseFacts, Optional<Instant>> until) {
        return minutes(cases, until).stream().map(m -> m / 60).toList();
    }

    /** The gross saving less what the platforms charged for the same cases' messages and replies. */
    private TrendReport.ChannelShift channelShift(List<CaseFacts> cases) {
        List<CaseFacts> handled = cases.stream().filter(CaseFacts::handled).toList();
        double gross = handled.size() * (settings.phoneCostPerContact() - settings.socialCostPerContact());
        // Every case's messages were billed, handled or not: the charges count them all.
        Map<PlatformCharge, Integer> billed = new EnumMap<>(PlatformCharge.class);
        cases.forEach(c -> c.billed().forEach((charge, n) -> billed.merge(charge, n, Integer::sum)));
        double charges = PlatformCharge.dollars(billed) * settings.poundsPerDollar();
        return new TrendReport.ChannelShift(handled.size(), cases.size(), settings.phoneCostPerContact(), settings.socialCostPerContact(),
                pence(gross), pence(charges), pence(gross - charges));
    }

    private static double pence(double pounds) {
        return Math.round(pounds * 100) / 100.0;
    }

    private LocalDate date(CaseFacts c) {
        return LocalDate.ofInstant(c.createdAt(), settings.zone());
    }

    private static Optional<Double> median(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Optional.of(Math.round(median * 10) / 10.0);
    }
}
