package uk.councilinbox.answers;

/**
 * An answer that may fit what a resident wrote.
 *
 * @param question the answer's wording closest to what they wrote
 * @param confidence in [0, 1]: how much of what they wrote the answer accounts for (see {@link AnswerSuggestions})
 */
public record Suggestion(Answer answer, String question, double confidence) {

    public Suggestion {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
        }
    }
}
