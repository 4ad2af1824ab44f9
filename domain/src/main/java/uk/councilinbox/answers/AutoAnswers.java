package uk.councilinbox.answers;

import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

/**
 * When a council answer may go to a resident with no person reading first: only for a new query that was
 * classified with confidence (not sent for review), written privately (a comment or a mention gets the usual
 * acknowledgement, even where its first reply may go privately), and only when the best answer's confidence reaches the council's threshold. A threshold of 0 is off.
 */
public final class AutoAnswers {

    private final AnswerSuggestions suggestions;
    private final double threshold;

    /**
     * @param threshold the confidence an answer needs to go automatically, in [0, 1]; 0 means never
     */
    public AutoAnswers(AnswerSuggestions suggestions, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the automatic answer confidence must be in [0, 1] (0 is off), not " + threshold);
        }
        this.suggestions = suggestions;
        this.threshold = threshold;
    }

    /** Never answers. */
    public static AutoAnswers off() {
        return new AutoAnswers((text, limit) -> java.util.List.of(), 0);
    }

    public boolean enabled() {
        return threshold > 0;
    }

    /** The answer to send with the acknowledgement of the message that opened {@code opened}, if one may go. */
    public Optional<Suggestion> answerFor(Case opened, InboundMessage message) {
        if (!enabled() || opened.category() != Category.QUERY || opened.status() == CaseStatus.NEEDS_REVIEW
                || message.visibility() != Visibility.PRIVATE || message.text().isBlank()) {
            return Optional.empty();
        }
        return suggestions.suggest(message.text(), 1).stream().findFirst().filter(s -> s.confidence() >= threshold);
    }
}
