package uk.councilinbox.answers;

import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.replies.DeliveryRules;

/**
 * When a council answer may go to a resident with no person reading first: only for a new query that was
 * classified with confidence (not sent for review), written privately (a public post gets the generic public
 * reply), and only when the best answer's confidence reaches the council's threshold. A threshold of 0 is off.
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
                || DeliveryRules.repliesInPublic(message.channel(), message.visibility()) || message.text().isBlank()) {
            return Optional.empty();
        }
        return suggestions.suggest(message.text(), 1).stream().findFirst().filter(s -> s.confidence() >= threshold);
    }

    /** The answer recorded as sent for {@code message}, found again (a redelivery re-queuing its acknowledgement). */
    public Optional<Answer> again(InboundMessage message, String answerId) {
        return suggestions.suggest(message.text(), CaseSuggestions.SHOWN).stream().map(Suggestion::answer)
                .filter(a -> a.id().equals(answerId)).findFirst();
    }
}
