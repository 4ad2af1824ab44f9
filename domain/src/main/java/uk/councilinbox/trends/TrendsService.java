package uk.councilinbox.trends;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStore;

/** Reads the cases of the last weeks and analyses them; the daily run stores the report for the staff API. */
public final class TrendsService {

    /** Spikes compare this week with the three before, so four weeks are always read. */
    static final int LOOK_BACK_DAYS = 28;
    static final int MAX_CASES = 50_000;

    private final CaseStore cases;
    private final TrendAnalysis analysis;
    private final Clock clock;

    public TrendsService(CaseStore cases, TrendAnalysis analysis, Clock clock) {
        this.cases = cases;
        this.analysis = analysis;
        this.clock = clock;
    }

    public TrendReport compute(int days) {
        int lookBack = Math.max(days, LOOK_BACK_DAYS) + 1;
        List<CaseFacts> facts = cases.search(new CaseQuery(Set.of(), Optional.empty(), Optional.empty(),
                        Optional.of(clock.instant().minus(Duration.ofDays(lookBack))), Optional.empty(), Optional.empty(), MAX_CASES))
                .stream().map(c -> cases.detail(c.reference())).flatMap(Optional::stream).map(CaseFacts::of).toList();
        return analysis.analyse(facts, days);
    }
}
