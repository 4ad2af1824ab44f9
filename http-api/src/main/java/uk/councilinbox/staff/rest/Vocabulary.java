package uk.councilinbox.staff.rest;

import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.messages.Channel;

/** What the console offers: every status with those staff may move it to, every category, service and channel, each with its label. */
@Schema(name = "Vocabulary")
public record Vocabulary(List<StatusTerm> statuses, List<Term> categories, List<ServiceTerm> services, List<Term> channels) {

    @Schema(name = "Term")
    public record Term(String value, String label) {}

    @Schema(name = "ServiceTerm", description = "a service a report goes to; elsewhere names the body that deals with it when this council does not")
    public record ServiceTerm(String value, String label, @Schema(enumeration = {"pothole_report", "fault_report"}) String category,
            @Schema(nullable = true) String elsewhere) {}

    @Schema(name = "StatusTerm")
    public record StatusTerm(String value, String label, List<String> next) {}

    static Vocabulary current(Services services) {
        return new Vocabulary(
                Arrays.stream(CaseStatus.values())
                        .map(s -> new StatusTerm(s.label(), sentenceCase(s.label()), s.next().stream().map(CaseStatus::label).toList()))
                        .toList(),
                Arrays.stream(Category.values()).map(c -> new Term(c.label(), sentenceCase(c.label()))).toList(),
                services.all().stream().map(s -> new ServiceTerm(s.code(), s.name(), s.category().label(),
                        s.elsewhere().map(Service.Elsewhere::body).orElse(null))).toList(),
                Arrays.stream(Channel.values()).map(c -> new Term(c.label(), c.displayName())).toList());
    }

    /** {@code needs_review} -> "Needs review". */
    private static String sentenceCase(String value) {
        String words = value.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
