package uk.councilinbox.triage;

import uk.councilinbox.cases.Category;

/** A category with the classifier's confidence in [0, 1] and a short reason a person can read. */
public record Classification(Category category, double confidence, String reason) {
    public Classification {
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]");
        }
    }
}
