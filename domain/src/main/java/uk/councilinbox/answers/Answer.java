package uk.councilinbox.answers;

import java.util.List;

/**
 * A council's answer to a common question.
 *
 * @param id stable name, recorded on a case answered automatically (e.g. {@code blue-badge})
 * @param questions ways residents ask it, which a resident's words are matched against
 * @param text the answer, council text with nothing about any resident
 * @param link the council's page with the details
 */
public record Answer(String id, List<String> questions, String text, String link) {

    public Answer {
        questions = List.copyOf(questions);
        if (id.isBlank() || questions.isEmpty() || text.isBlank() || link.isBlank()) {
            throw new IllegalArgumentException("answer " + id + " needs questions, an answer and a link");
        }
    }
}
