package uk.councilinbox.triage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.councilinbox.cases.Category;

/** Accuracy, per-category and macro F1, and the confusion matrix of a classifier on labelled messages. */
public final class Evaluation {

    public record Labelled(String text, Category category) {}

    private final int[][] confusion = new int[Category.values().length][Category.values().length];
    private int total;
    private int lowConfidence;

    public static Evaluation of(Classifier classifier, List<Labelled> messages, double reviewBelow) {
        Evaluation evaluation = new Evaluation();
        for (Labelled message : messages) {
            Classification c = classifier.classify(message.text());
            evaluation.confusion[message.category().ordinal()][c.category().ordinal()]++;
            evaluation.total++;
            evaluation.lowConfidence += c.confidence() < reviewBelow ? 1 : 0;
        }
        return evaluation;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    public Map<Category, Double> f1() {
        Map<Category, Double> f1 = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            int i = c.ordinal();
            int predicted = 0;
            int actual = 0;
            for (int j = 0; j < confusion.length; j++) {
                predicted += confusion[j][i];
                actual += confusion[i][j];
            }
            double precision = predicted == 0 ? 0 : (double) confusion[i][i] / predicted;
            double recall = actual == 0 ? 0 : (double) confusion[i][i] / actual;
            f1.put(c, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }
        return f1;
    }

    public double macroF1() {
        return f1().values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    public double reviewShare() {
        return total == 0 ? 0 : (double) lowConfidence / total;
    }

    public String report(String title) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d messages, accuracy %.3f, macro-F1 %.3f, sent to review %.1f%%%n", title, total,
                accuracy(), macroF1(), 100 * reviewShare()));
        f1().forEach((c, f) -> out.append(String.format("  F1 %-15s %.3f%n", c.label(), f)));
        out.append(String.format("  confusion (rows = true, columns = predicted)%n  %-15s", ""));
        for (Category c : Category.values()) {
            out.append(String.format("%15s", c.label()));
        }
        out.append('\n');
        for (Category row : Category.values()) {
            out.append(String.format("  %-15s", row.label()));
            for (Category col : Category.values()) {
                out.append(String.format("%15d", confusion[row.ordinal()][col.ordinal()]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
