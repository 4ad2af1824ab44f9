package uk.councilinbox.answers;

import java.util.List;

/**
 * Finds the council's answers that fit a resident's words. A confidence near 1 means the words are nearly all
 * accounted for by one answer's wordings and no other answer comes close; a threshold on it is meaningful
 * because the benchmark ({@code bin/bench-answers}) reports the precision above each threshold.
 */
public interface AnswerSuggestions {

    /** At most {@code limit} answers, best first; none when nothing fits. */
    List<Suggestion> suggest(String text, int limit);
}
