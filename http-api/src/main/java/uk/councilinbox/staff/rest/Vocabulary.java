package uk.councilinbox.staff.rest;

import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;

/** What the console offers: every status with those staff may move it to, every category and channel, each with its label. */
@Schema(name = "Vocabulary")
public record Vocabulary(List<StatusTerm> statuses, List<Term> categories, List<Term> channels) {

    @Schema(name = "Term")
    public record Term(String value, String label) {}

    @Schema(name = "StatusTerm")
    public record StatusTerm(String value, String label, List<String> next) {}

    static Vocabulary current() {
        return new Vocabulary(
                Arrays.stream(CaseStatus.values())
                        .map(s -> new StatusTerm(s.label(), sentenceCase(s.label()), s.next().stream().map(CaseStatus::label).toList()))
                        .toList(),
                Arrays.stream(Category.values()).map(c -> new Term(c.label(), sentenceCase(c.label()))).toList(),
                Arrays.stream(Channel.values()).map(c -> new Term(c.label(), c.displayName())).toList());
    }

    /** {@code needs_review} -> "Needs review". */
    private static String sentenceCase(String value) {
        String words = value.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
