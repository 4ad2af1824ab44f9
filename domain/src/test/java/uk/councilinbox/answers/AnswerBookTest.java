package uk.councilinbox.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The council's answers file: every answer complete, with links on the council's site, and text that fits a message. */
class AnswerBookTest {

    @Test
    void everyShippedAnswerHasSeveralWordingsAnAnswerAndACouncilLink() {
        List<Answer> answers = AnswerBook.fromClasspath();

        assertTrue(answers.size() >= 15, "answers: " + answers.size());
        for (Answer a : answers) {
            assertTrue(a.questions().size() >= 3, a.id());
            assertTrue(a.link().startsWith("https://www.example.gov.uk/"), a.id() + " " + a.link());
            assertTrue(a.text().length() < 400 && !a.text().contains("{"), a.id());
        }
    }

    @Test
    void wordingsAreSplitOnBarsAndTrimmed() {
        Properties p = new Properties();
        p.setProperty("tip.questions", " When is the tip open? | Tip hours ||");
        p.setProperty("tip.answer", "Daily.");
        p.setProperty("tip.link", "https://www.example.gov.uk/tip");

        assertEquals(List.of(new Answer("tip", List.of("When is the tip open?", "Tip hours"), "Daily.", "https://www.example.gov.uk/tip")),
                AnswerBook.parse(p));
    }
}
