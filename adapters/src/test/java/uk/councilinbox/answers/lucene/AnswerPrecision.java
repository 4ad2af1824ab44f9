package uk.councilinbox.answers.lucene;

import java.util.ArrayList;
import java.util.List;
import uk.councilinbox.answers.AnswerSuggestions;
import uk.councilinbox.answers.Suggestion;
import uk.councilinbox.answers.CaseSuggestions;

/**
 * How well suggestions fit the labelled queries: the top suggestion's precision on the questions an answer covers
 * (P@1), whether the right answer is among the three shown (recall@3), and, at a threshold, how many covered
 * questions would be answered automatically, how many of those rightly, and how many uncovered ones would get an answer.
 */
public record AnswerPrecision(int covered, int uncovered, double precisionAt1, double recallAt3, List<AtThreshold> thresholds) {

    /**
     * @param autoShare share of covered questions whose top answer reaches the threshold
     * @param autoPrecision share of those whose top answer is the right one
     * @param falseAutoRate share of uncovered questions that would still be answered
     */
    public record AtThreshold(double threshold, double autoShare, double autoPrecision, double falseAutoRate) {}

    public static AnswerPrecision measure(AnswerSuggestions suggestions, LabelledQueries labelled, double... thresholds) {
        List<LabelledQueries.Query> covered = labelled.queries().stream().filter(q -> q.expected().isPresent()).toList();
        List<LabelledQueries.Query> uncovered = labelled.queries().stream().filter(q -> q.expected().isEmpty()).toList();
        int top = 0;
        int inThree = 0;
        for (LabelledQueries.Query q : covered) {
            List<Suggestion> shown = suggestions.suggest(q.text(), CaseSuggestions.SHOWN);
            top += !shown.isEmpty() && right(shown.getFirst(), q) ? 1 : 0;
            inThree += shown.stream().anyMatch(s -> right(s, q)) ? 1 : 0;
        }
        List<AtThreshold> at = new ArrayList<>();
        for (double threshold : thresholds) {
            int auto = 0;
            int autoRight = 0;
            for (LabelledQueries.Query q : covered) {
                List<Suggestion> best = suggestions.suggest(q.text(), 1);
                if (!best.isEmpty() && best.getFirst().confidence() >= threshold) {
                    auto++;
                    autoRight += right(best.getFirst(), q) ? 1 : 0;
                }
            }
            long falseAuto = uncovered.stream().map(q -> suggestions.suggest(q.text(), 1))
                    .filter(best -> !best.isEmpty() && best.getFirst().confidence() >= threshold).count();
            at.add(new AtThreshold(threshold, share(auto, covered.size()), auto == 0 ? 1 : share(autoRight, auto),
                    share((int) falseAuto, uncovered.size())));
        }
        return new AnswerPrecision(covered.size(), uncovered.size(), share(top, covered.size()), share(inThree, covered.size()), at);
    }

    /** The labelled queries a top suggestion gets wrong, for a failing test to show. */
    public static List<String> misses(AnswerSuggestions suggestions, LabelledQueries labelled) {
        return labelled.queries().stream().filter(q -> q.expected().isPresent()).map(q -> {
            List<Suggestion> best = suggestions.suggest(q.text(), 1);
            String got = best.isEmpty() ? "nothing" : best.getFirst().answer().id() + String.format(" %.2f", best.getFirst().confidence());
            return best.isEmpty() || !right(best.getFirst(), q) ? q.text() + " -> " + got + " (want " + q.expected().get() + ")" : null;
        }).filter(m -> m != null).toList();
    }

    private static boolean right(Suggestion s, LabelledQueries.Query q) {
        return q.expected().map(s.answer().id()::equals).orElse(false);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
