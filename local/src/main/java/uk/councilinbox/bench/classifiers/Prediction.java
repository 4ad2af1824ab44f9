package uk.councilinbox.bench.classifiers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's probability per outcome label, read as production reads it: the category is the one whose
 * outcomes' probabilities sum highest, its confidence that sum, and a report's service the best outcome's
 * service within that category.
 */
public record Prediction(String[] outcomes, double[] probabilities) {

    /** A message with no words: production never asks the model, and a person decides (other, confidence 0). */
    public static Prediction wordless() {
        return new Prediction(new String[] {"other"}, new double[] {0.0});
    }

    public Map<String, Double> byCategory() {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            sums.merge(Row.categoryOf(outcomes[i]), probabilities[i], Double::sum);
        }
        return sums;
    }

    public String category() {
        return byCategory().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public double confidence() {
        return Math.min(1.0, Math.max(0.0, byCategory().get(category())));
    }

    /** The best outcome within the chosen category: {@code fault_report/street_lighting}, or {@code query}. */
    public String outcome() {
        String category = category();
        int best = -1;
        for (int i = 0; i < outcomes.length; i++) {
            if (Row.categoryOf(outcomes[i]).equals(category) && (best < 0 || probabilities[i] > probabilities[best])) {
                best = i;
            }
        }
        return outcomes[best];
    }

    public String service() {
        return Row.serviceOf(outcome());
    }
}
