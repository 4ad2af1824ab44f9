package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.councilinbox.bench.classifiers.MaxentCandidate;
import uk.councilinbox.bench.classifiers.Metrics;
import uk.councilinbox.bench.classifiers.Row;
import uk.councilinbox.local.Project;

/**
 * The packaged model on messages it never saw: residents' real text from sources the corpus does not use
 * (the figures README quotes), the shared examples, and 5-fold cross-validation of the corpus. The floors
 * sit a little under today's figures: they catch a corpus or model change that makes triage worse, they
 * are not the aim (DOMAIN.md's aims are in README, "Classifier").
 */
class ClassifierQualityTest {

    private static final double REVIEW_BELOW = 0.5;
    private static final String SAN_DIEGO = "san-diego-get-it-done";
    private static final Classifier MODEL = MaxentClassifier.fromClasspath();

    @Test
    void residentsRealWordingFromUnseenSourcesIsClassifiedNoWorseThanToday() {
        List<Path> files = Row.realHeldout(Project.root());
        assertFalse(files.isEmpty(), "no real held-out set in workers/src/test/resources/triage");
        Metrics all = new Metrics(REVIEW_BELOW);
        for (Path file : files) {
            Metrics one = score(Row.read(List.of(file)));
            System.out.print(one.report("real held-out " + file.getFileName()));
            Row.read(List.of(file)).forEach(row -> add(all, row));
        }
        System.out.print(all.report("real held-out, all sources"));
        // Pothole precision is not floored here: six real reports, and the potholes the model sees are in petitions and
        // information requests about potholes (README, "Classifier"); the left-out reports below floor it.
        assertTrue(all.macroF1() >= 0.17, "real held-out macro-F1 " + all.macroF1());
    }

    /**
     * The only large real source of reports is in the corpus, so its figures come from a model trained
     * without it: every corpus file but San Diego's, scored on San Diego's hand-labelled rows. It says how
     * triage does on reports in a voice training never heard (American 311 users, for a UK-trained model).
     */
    @Test
    void reportsFromASourceLeftOutOfTrainingGoToTheRightService() throws IOException {
        Path corpus = Project.root().resolve("workers/src/main/corpus");
        List<Path> others = Row.jsonlFiles(corpus).stream().filter(f -> !f.getFileName().toString().startsWith(SAN_DIEGO)).toList();
        MaxentCandidate withoutSanDiego = new MaxentCandidate();
        withoutSanDiego.train(Row.read(others));
        Metrics metrics = new Metrics(REVIEW_BELOW);
        for (Row row : Row.read(List.of(corpus.resolve("real/" + SAN_DIEGO + "-hand.jsonl")))) {
            var p = withoutSanDiego.predict(row.text());
            metrics.add(row.outcome(), p.outcome(), p.confidence());
        }
        System.out.print(metrics.report("San Diego's hand-labelled reports, San Diego left out of training"));
        assertTrue(metrics.accuracy() >= 0.48, "accuracy " + metrics.accuracy());
        assertTrue(metrics.potholePrecision() >= 0.75, "pothole precision " + metrics.potholePrecision());
        assertTrue(metrics.serviceAccuracy() >= 0.62, "service accuracy " + metrics.serviceAccuracy());
    }

    @Test
    void theSharedExamplesAreClassifiedWell() {
        Path shared = Project.root().resolve("../shared/eval/examples.jsonl").normalize();
        if (!Files.exists(shared)) {
            return; // only beside the shared folder; the real held-out set above always runs
        }
        Metrics examples = score(Row.read(List.of(shared)));
        System.out.print(examples.report("shared examples"));
        assertTrue(examples.accuracy() >= 0.85, "examples accuracy " + examples.accuracy());
    }

    @Test
    void crossValidationOfTheCorpusHoldsUp() throws IOException {
        List<Row> corpus = new ArrayList<>(Row.read(Row.jsonlFiles(Project.root().resolve("workers/src/main/corpus"))));
        Collections.shuffle(corpus, new Random(7));
        int folds = 5;
        Metrics pooled = new Metrics(REVIEW_BELOW);
        for (int fold = 0; fold < folds; fold++) {
            List<Row> train = new ArrayList<>();
            List<Row> test = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                (i % folds == fold ? test : train).add(corpus.get(i));
            }
            MaxentCandidate candidate = new MaxentCandidate();
            candidate.train(train);
            test.forEach(row -> {
                var p = candidate.predict(row.text());
                pooled.add(row.outcome(), p.outcome(), p.confidence());
            });
        }
        System.out.print(pooled.report("5-fold cross-validation of the corpus"));
        assertTrue(pooled.macroF1() >= 0.80, "cross-validation macro-F1 " + pooled.macroF1());
    }

    private static Metrics score(List<Row> rows) {
        Metrics metrics = new Metrics(REVIEW_BELOW);
        rows.forEach(row -> add(metrics, row));
        return metrics;
    }

    private static void add(Metrics metrics, Row row) {
        Classification c = MODEL.classify(row.text());
        metrics.add(row.outcome(), ModelOutcome.of(c.category(), c.service()).label(), c.confidence());
    }
}
