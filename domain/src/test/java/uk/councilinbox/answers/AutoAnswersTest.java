package uk.councilinbox.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.testing.Messages;

/** When an answer may go to a resident with no person reading first. */
class AutoAnswersTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    static final Answer TIP = new Answer("tip-opening-times", List.of("When is the tip open?"), "Open daily.", "https://www.example.gov.uk/tips");
    /** The tip answer at 0.85 for any text mentioning the tip. */
    static final AnswerSuggestions SUGGESTIONS = (text, limit) -> text.contains("tip")
            ? List.of(new Suggestion(TIP, "When is the tip open?", 0.85)) : List.of();

    private final String resident = Messages.newResident();

    @Test
    void aConfidentAnswerToANewPrivateQueryGoes() {
        InboundMessage asked = Messages.messenger(resident, "is the tip open on sunday", T0);

        assertEquals(Optional.of(TIP), new AutoAnswers(SUGGESTIONS, 0.8).answerFor(opened(asked, Category.QUERY, CaseStatus.RECEIVED), asked)
                .map(Suggestion::answer));
    }

    @Test
    void belowTheThresholdNothingGoes() {
        InboundMessage asked = Messages.messenger(resident, "is the tip open on sunday", T0);

        assertTrue(new AutoAnswers(SUGGESTIONS, 0.9).answerFor(opened(asked, Category.QUERY, CaseStatus.RECEIVED), asked).isEmpty());
    }

    @Test
    void offByDefaultAndAtZero() {
        InboundMessage asked = Messages.messenger(resident, "is the tip open on sunday", T0);
        Case c = opened(asked, Category.QUERY, CaseStatus.RECEIVED);

        assertFalse(new AutoAnswers(SUGGESTIONS, 0).enabled());
        assertTrue(new AutoAnswers(SUGGESTIONS, 0).answerFor(c, asked).isEmpty(), "0 means never, however confident");
        assertTrue(AutoAnswers.off().answerFor(c, asked).isEmpty());
    }

    @Test
    void onlyQueriesClassifiedWithConfidenceAndNeverInPublic() {
        AutoAnswers auto = new AutoAnswers(SUGGESTIONS, 0.5);
        InboundMessage asked = Messages.messenger(resident, "is the tip open on sunday", T0);
        InboundMessage comment = Messages.facebookComment(resident, "is the tip open on sunday", "c_1", T0);

        assertTrue(auto.answerFor(opened(asked, Category.COMPLAINT, CaseStatus.RECEIVED), asked).isEmpty(), "a complaint gets a person");
        assertTrue(auto.answerFor(opened(asked, Category.QUERY, CaseStatus.NEEDS_REVIEW), asked).isEmpty(), "unsure it is a query");
        assertTrue(auto.answerFor(opened(comment, Category.QUERY, CaseStatus.RECEIVED), comment).isEmpty(), "a public comment");
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AutoAnswers(SUGGESTIONS, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new AutoAnswers(SUGGESTIONS, Double.NaN));
    }

    private static Case opened(InboundMessage m, Category category, CaseStatus status) {
        return new Case(Reference.random(), status, category, 0.9, m.channel(), m.residentId(), m.visibility(), Optional.empty(),
                Optional.empty(), 0, T0, T0, T0, 1, m.replyTarget());
    }
}
