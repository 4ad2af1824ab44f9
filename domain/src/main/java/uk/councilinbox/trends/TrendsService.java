package uk.councilinbox.trends;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStore;

/**
 * Reads the cases of the last weeks and analyses them; the daily run stores a report for each period the console
 * offers, and the staff API serves those ({@link #current}), working one out only when none is stored for today.
 */
public final class TrendsService {

    /** Spikes compare this week with the three before, so four weeks are always read. */
    static final int LOOK_BACK_DAYS = 28;
    static final int MAX_CASES = 50_000;
    /** The periods the console offers (its "Period" list), which the daily run stores. */
    public static final List<Integer> PERIODS = List.of(7, 14, 28, 56, 91);

    private final CaseStore cases;
    private final TrendAnalysis analysis;
    private final Clock clock;
    private final Map<Integer, Object> computing = new ConcurrentHashMap<>();

    public TrendsService(CaseStore cases, TrendAnalysis analysis, Clock clock) {
        this.cases = cases;
        this.analysis = analysis;
        this.clock = clock;
    }

    public TrendReport compute(int days) {
        return compute(List.of(days)).get(days);
    }

    /** A report for each period, from one read of the cases of the longest. */
    public Map<Integer, TrendReport> compute(List<Integer> periods) {
        List<CaseFacts> facts = facts(Collections.max(periods));
        Map<Integer, TrendReport> reports = new LinkedHashMap<>();
        periods.forEach(days -> reports.put(days, analysis.analyse(facts, days)));
        return reports;
    }

    /**
     * Today's stored report for the period; when there is none (the daily run has not made it, or the period is not one
     * it makes), worked out once and kept, however many ask for it at the same time.
     */
    public TrendReport current(int days, TrendReports reports) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Supplier<Optional<TrendReport>> stored = () -> reports.latest(days).filter(r -> !r.to().isBefore(today));
        Optional<TrendReport> kept = stored.get();
        if (kept.isPresent()) {
            return kept.get();
        }
        synchronized (computing.computeIfAbsent(days, d -> new Object())) {
            return stored.get().orElseGet(() -> {
                TrendReport fresh = compute(days);
                reports.save(days, fresh);
                return fresh;
            });
        }
    }

    /**
     * The facts of the cases opened in the period (and the four weeks spikes look at): the cases are listed by the
     * index's date range, and each case's detail is read for what only its history holds (the acknowledgement's
     * sending, the replies billed, a self-serve answer); its resolution and first human answer are on the case.
     */
    private List<CaseFacts> facts(int days) {
        int lookBack = Math.max(days, LOOK_BACK_DAYS) + 1;
        return cases.search(new CaseQuery(Set.of(), Optional.empty(), Optional.empty(),
                        Optional.of(clock.instant().minus(Duration.ofDays(lookBack))), Optional.empty(), Optional.empty(), MAX_CASES))
                .stream().map(c -> cases.detail(c.reference())).flatMap(Optional::stream).map(CaseFacts::of).toList();
    }
}
