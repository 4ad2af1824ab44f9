package uk.councilinbox.triage;

import java.util.Optional;
import uk.councilinbox.cases.Category;

/**
 * A category with the classifier's confidence in [0, 1], a short reason a person can check (the words
 * that decided it), and for a report the service code it goes to.
 */
public record Classification(Category category, double confidence, String reason, Optional<String> service) {
    public Classification {
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]");
        }
        if (service.isPresent() && !category.isReport()) {
            throw new IllegalArgumentException("only a report has a service, not " + category.label());
        }
    }

    /** A classification with no service named: a report goes to its category's catch-all service. */
    public Classification(Category category, double confidence, String reason) {
        this(category, confidence, reason, Optional.empty());
    }
}
