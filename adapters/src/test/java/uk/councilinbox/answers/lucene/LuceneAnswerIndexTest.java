package uk.councilinbox.answers.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.councilinbox.answers.AnswerBook;
import uk.councilinbox.answers.Suggestion;

/** The council's answers ranked by Lucene, against the labelled resident questions kept in the repository. */
class LuceneAnswerIndexTest {

    private static final LuceneAnswerIndex INDEX = new LuceneAnswerIndex(AnswerBook.fromClasspath());
    private static final LabelledQueries LABELLED = LabelledQueries.fromClasspath();

    @Test
    void theRightAnswerComesFirstForNearlyEveryCoveredQuestion() {
        AnswerPrecision p = AnswerPrecision.measure(INDEX, LABELLED);

        assertTrue(p.covered() >= 80 && p.uncovered() >= 10, "the labelled set keeps its size: " + p);
        assertTrue(p.precisionAt1() >= 0.8, "P@1 " + p.precisionAt1() + "; wrong first: " + AnswerPrecision.misses(INDEX, LABELLED));
        assertTrue(p.recallAt3() >= 0.9, "recall@3 " + p.recallAt3());
    }

    @Test
    void atTheDocumentedThresholdFewUncoveredQuestionsWouldBeAnsweredAndMostAutomaticAnswersAreRight() {
        AnswerPrecision.AtThreshold at = AnswerPrecision.measure(INDEX, LABELLED, 0.7).thresholds().getFirst();

        assertTrue(at.autoPrecision() >= 0.95, "automatic answers right: " + at);
        assertTrue(at.falseAutoRate() <= 0.1, "uncovered questions answered: " + at);
        assertTrue(at.autoShare() >= 0.25, "a threshold that answers nothing is no use: " + at);
    }

    @Test
    void stemmingAndStopWordsMatchAResidentsWordingToTheCouncils() {
        Suggestion best = INDEX.suggest("Which days are the bins being collected?", 1).getFirst();

        assertEquals("bin-days", best.answer().id());
        assertTrue(best.confidence() > 0.7, "every word is accounted for: " + best.confidence());
    }

    @Test
    void aWordOneLetterOffStillMatches() {
        assertEquals("blue-badge", INDEX.suggest("renew my bleu badge", 1).getFirst().answer().id());
    }

    @Test
    void suggestionsAreOneEntryPerAnswerBestFirst() {
        List<Suggestion> shown = INDEX.suggest("tip opening times and can I take a van", 3);

        assertEquals(3, shown.size());
        assertEquals("tip-opening-times", shown.getFirst().answer().id());
        assertTrue(shown.stream().anyMatch(s -> s.answer().id().equals("tip-booking-rules")), "the van is the other question: " + shown);
        assertEquals(3, shown.stream().map(s -> s.answer().id()).distinct().count());
        assertTrue(shown.stream().allMatch(s -> s.confidence() >= 0 && s.confidence() <= 1));
    }

    @Test
    void wordsNoAnswerKnowsGiveNothingOrALowConfidence() {
        assertTrue(INDEX.suggest("the and of a", 3).isEmpty(), "stop words only");
        assertTrue(INDEX.suggest("", 3).isEmpty());
        List<Suggestion> swim = INDEX.suggest("swimming lessons for toddlers", 1);
        assertTrue(swim.isEmpty() || swim.getFirst().confidence() < 0.3, "unrelated: " + swim);
    }
}
