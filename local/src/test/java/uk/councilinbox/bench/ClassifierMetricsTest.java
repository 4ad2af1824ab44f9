package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.councilinbox.bench.classifiers.Metrics;
import uk.councilinbox.bench.classifiers.Prediction;

/** ClassifierComparison's arithmetic on a hand-made example whose scores are worked out below. */
class ClassifierMetricsTest {

    private static final double EPS = 1e-9;

    private static Metrics example() {
        Metrics m = new Metrics(0.5);
        m.add("pothole_report/potholes", "pothole_report/potholes", 0.9);
        m.add("pothole_report/potholes", "complaint", 0.4);
        m.add("fault_report/street_lighting", "pothole_report/potholes", 0.6);
        m.add("fault_report/street_lighting", "fault_report/street_lighting", 0.8);
        m.add("complaint", "complaint", 0.7);
        m.add("query", "query", 0.3);
        m.add("query", "complaint", 0.55);
        return m;
    }

    @Test
    void confusionRowsAreGoldColumnsArePredicted() {
        long[][] c = example().confusion();
        assertArrayEquals(new long[] {1, 0, 1, 0, 0}, c[0]); // pothole_report
        assertArrayEquals(new long[] {1, 1, 0, 0, 0}, c[1]); // fault_report
        assertArrayEquals(new long[] {0, 0, 1, 0, 0}, c[2]); // complaint
        assertArrayEquals(new long[] {0, 0, 1, 1, 0}, c[3]); // query
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, c[4]); // other
    }

    @Test
    void accuracyF1AndMacroF1() {
        Metrics m = example();
        assertEquals(4.0 / 7, m.accuracy(), EPS);
        assertEquals(0.5, m.f1(0), EPS); // tp 1, fp 1, fn 1
        assertEquals(2.0 / 3, m.f1(1), EPS); // tp 1, fp 0, fn 1
        assertEquals(0.5, m.f1(2), EPS); // tp 1, fp 2, fn 0
        assertEquals(2.0 / 3, m.f1(3), EPS); // tp 1, fp 0, fn 1
        assertTrue(Double.isNaN(m.f1(4))); // other: neither gold nor predicted
        assertEquals(4, m.macroClasses());
        assertEquals(7.0 / 12, m.macroF1(), EPS);
        assertEquals(1.0 / 3, m.precision(2), EPS);
        assertEquals(1.0, m.recall(2), EPS);
    }

    @Test
    void serviceAccuracyPotholePrecisionAndReviewShare() {
        Metrics m = example();
        assertEquals(3, m.bothReports()); // gold and predicted both a report, of either kind
        assertEquals(2.0 / 3, m.serviceAccuracy(), EPS);
        assertEquals(0.5, m.potholePrecision(), EPS);
        assertEquals(2.0 / 7, m.belowThresholdShare(), EPS);
    }

    @Test
    void aCategoryPredictedButNeverGoldScoresZeroAndCountsInTheMacro() {
        Metrics m = new Metrics(0.5);
        m.add("complaint", "complaint", 0.9);
        m.add("complaint", "other", 0.9);
        assertEquals(0.0, m.f1(4), EPS);
        assertEquals(2.0 / 3, m.f1(2), EPS);
        assertEquals(2, m.macroClasses());
        assertEquals(1.0 / 3, m.macroF1(), EPS);
    }

    @Test
    void categoryIsTheBestSumAndServiceTheBestOutcomeWithinIt() {
        Prediction p = new Prediction(
                new String[] {"pothole_report/potholes", "fault_report/street_lighting", "fault_report/drainage_flooding", "complaint"},
                new double[] {0.30, 0.25, 0.20, 0.25});
        assertEquals("fault_report", p.category());
        assertEquals(0.45, p.confidence(), EPS);
        assertEquals("fault_report/street_lighting", p.outcome());
        assertEquals("street_lighting", p.service());
        assertEquals("", new Prediction(new String[] {"query", "other"}, new double[] {0.6, 0.4}).service());
    }

    @Test
    void zipSizeCountsTheModel() throws IOException {
        assertTrue(ClassifierComparison.zipSize(List.of(), new byte[10_000], null) < 1_000); // zeros compress
    }
}
