package uk.councilinbox.triage;

import java.util.Optional;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Services;

/**
 * What the model predicts, one label each: {@code complaint}, {@code query}, {@code other}, and for a
 * report its category and service, {@code fault_report/street_lighting}. One model then decides both, and
 * a category's confidence is the sum over its services.
 */
public record ModelOutcome(Category category, Optional<String> service) {

    /** A labelled row's outcome; a report with no service named goes to its category's catch-all. */
    public static ModelOutcome of(Category category, Optional<String> service) {
        if (!category.isReport()) {
            return new ModelOutcome(category, Optional.empty());
        }
        return new ModelOutcome(category, Optional.of(service.filter(s -> !s.isBlank())
                .orElse(category == Category.POTHOLE_REPORT ? Services.POTHOLES : Services.OTHER_FAULT)));
    }

    public static ModelOutcome parse(String label) {
        int slash = label.indexOf('/');
        return slash < 0 ? of(Category.fromLabel(label), Optional.empty())
                : of(Category.fromLabel(label.substring(0, slash)), Optional.of(label.substring(slash + 1)));
    }

    public String label() {
        return category.label() + service.map(s -> "/" + s).orElse("");
    }
}
