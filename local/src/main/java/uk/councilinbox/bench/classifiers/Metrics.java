package uk.councilinbox.bench.classifiers;

import java.util.List;
import java.util.Locale;

/**
 * Held-out scores over the five categories: a confusion matrix (rows = gold, columns = predicted),
 * accuracy, per-class and macro F1, service accuracy on the reports both gold and model call a report,
 * pothole precision, and the share the model is unsure of (confidence below the review threshold).
 */
public final class Metrics {

    public static final List<String> CATEGORIES = List.of("pothole_report", "fault_report", "complaint", "query", "other");

    private final double threshold;
    private final long[][] confusion = new long[CATEGORIES.size()][CATEGORIES.size()];
    private long total;
    private long belowThreshold;
    private long bothReports;
    private long serviceRight;

    public Metrics(double threshold) {
        this.threshold = threshold;
    }

    /** One held-out row: its gold outcome label and the model's prediction. */
    public void add(String goldOutcome, String predictedOutcome, double confidence) {
        String gold = Row.categoryOf(goldOutcome);
        String predicted = Row.categoryOf(predictedOutcome);
        confusion[index(gold)][index(predicted)]++;
        total++;
        if (confidence < threshold) {
            belowThreshold++;
        }
        if (isReport(gold) && isReport(predicted)) {
            bothReports++;
            if (Row.serviceOf(goldOutcome).equals(Row.serviceOf(predictedOutcome))) {
                serviceRight++;
            }
        }
    }

    private static boolean isReport(String category) {
        return category.endsWith("_report");
    }

    private static int index(String category) {
        int i = CATEGORIES.indexOf(category);
        if (i < 0) {
            throw new IllegalArgumentException("not a category: " + category);
        }
        return i;
    }

    public long[][] confusion() {
        return confusion;
    }

    public long total() {
        return total;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    public long gold(int c) {
        long n = 0;
        for (long v : confusion[c]) {
            n += v;
        }
        return n;
    }

    public long predicted(int c) {
        long n = 0;
        for (long[] row : confusion) {
            n += row[c];
        }
        return n;
    }

    /** Of the rows predicted {@code c}, the share that are {@code c}; NaN when none was predicted. */
    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? Double.NaN : (double) confusion[c][c] / p;
    }

    /** Of the rows that are {@code c}, the share predicted {@code c}; NaN when none is. */
    public double recall(int c) {
        long g = gold(c);
        return g == 0 ? Double.NaN : (double) confusion[c][c] / g;
    }

    /**
     * 2TP / (2TP + FP + FN); NaN for a class neither in the gold labels nor predicted (nothing to score),
     * 0 for one predicted but absent from the gold labels, or present but never predicted.
     */
    public double f1(int c) {
        long tp = confusion[c][c];
        long fp = predicted(c) - tp;
        long fn = gold(c) - tp;
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }

    /** The mean F1 over the categories that occur in the gold labels or the predictions (see {@link #f1}). */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < CATEGORIES.size(); c++) {
            double f = f1(c);
            if (!Double.isNaN(f)) {
                sum += f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** How many categories {@link #macroF1()} averages over. */
    public int macroClasses() {
        int n = 0;
        for (int c = 0; c < CATEGORIES.size(); c++) {
            if (!Double.isNaN(f1(c))) {
                n++;
            }
        }
        return n;
    }

    /** Right service among gold reports the model also called a report (of either kind); NaN when none. */
    public double serviceAccuracy() {
        return bothReports == 0 ? Double.NaN : (double) serviceRight / bothReports;
    }

    public long bothReports() {
        return bothReports;
    }

    public double potholePrecision() {
        return precision(index("pothole_report"));
    }

    public double belowThresholdShare() {
        return total == 0 ? Double.NaN : (double) belowThreshold / total;
    }

    /** The scores and the confusion matrix with per-class precision, recall and F1, as the bench and the quality test print them. */
    public String report(String title) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "-- %s (%d rows): accuracy %.3f, macro-F1 %.3f over %d categories, pothole precision %.3f, service accuracy %.3f"
                        + " (%d reports), below %.2f: %.1f%%%n", title, total(), accuracy(), macroF1(), macroClasses(), potholePrecision(),
                serviceAccuracy(), bothReports(), threshold, 100 * belowThresholdShare()));
        out.append(String.format("   %-16s %s   %6s %6s %6s%n", "gold \\ predicted",
                String.join(" ", CATEGORIES.stream().map(c -> String.format("%8s", abbreviation(c))).toList()), "P", "R", "F1"));
        for (int c = 0; c < CATEGORIES.size(); c++) {
            out.append(String.format("   %-16s", CATEGORIES.get(c)));
            for (long v : confusion[c]) {
                out.append(String.format(" %8d", v));
            }
            out.append(String.format("   %6s %6s %6s%n", score(precision(c)), score(recall(c)), score(f1(c))));
        }
        return out.toString();
    }

    public static String abbreviation(String category) {
        return switch (category) {
            case "pothole_report" -> "pothole";
            case "fault_report" -> "fault";
            default -> category;
        };
    }

    public static String score(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
