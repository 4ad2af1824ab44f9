package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import opennlp.tools.doccat.DocumentSample;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Category;
import uk.councilinbox.triage.training.ClassifierTrainer;

/**
 * The packaged model on messages it never saw: a held-out set written independently of the training
 * corpus, the shared examples, and 5-fold cross-validation of the corpus. Floors, not targets: they
 * catch a model or corpus change that makes the classifier clearly worse.
 */
class ClassifierQualityTest {

    private static final Path CORPUS = Path.of("src/main/corpus/messages.jsonl");

    @Test
    void heldOutMessagesAreClassifiedWell() throws IOException {
        Evaluation holdout = Evaluation.of(MaxentClassifier.fromClasspath(), read(Path.of("src/test/resources/triage/holdout.jsonl")), 0.5);
        System.out.print(holdout.report("held-out set"));
        assertTrue(holdout.macroF1() >= 0.80, "held-out macro-F1 " + holdout.macroF1());
    }

    @Test
    void sharedExamplesAreClassifiedWell() throws IOException {
        Path shared = uk.councilinbox.local.Project.root().resolve("../shared/eval/examples.jsonl");
        if (!Files.exists(shared)) {
            return; // only beside the shared folder; the held-out set above always runs
        }
        List<String> unknown = unknownCategories(shared);
        if (!unknown.isEmpty()) {
            // DOMAIN.md's newer categories (fault_report) have no class in this model yet: issue 17.
            System.out.printf("shared examples: %d of categories this model has no class for, left out: %s%n", unknown.size(),
                    unknown.stream().distinct().toList());
        }
        List<Evaluation.Labelled> known = lines(shared).stream().filter(n -> known(n.path("category").asText())).map(ClassifierQualityTest::labelled).toList();
        Evaluation examples = Evaluation.of(MaxentClassifier.fromClasspath(), known, 0.5);
        System.out.print(examples.report("shared examples"));
        assertTrue(examples.accuracy() >= 0.80, "examples accuracy " + examples.accuracy());
    }

    @Test
    void crossValidationOfTheCorpusHoldsUp() throws IOException {
        List<Evaluation.Labelled> all = read(CORPUS);
        java.util.Collections.shuffle(all, new Random(7));
        double macro = 0;
        int folds = 5;
        for (int fold = 0; fold < folds; fold++) {
            List<DocumentSample> train = new ArrayList<>();
            List<Evaluation.Labelled> test = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Evaluation.Labelled m = all.get(i);
                if (i % folds == fold) {
                    test.add(m);
                } else {
                    String[] tokens = TextFeatures.tokens(m.text());
                    if (tokens.length > 0) {
                        train.add(new DocumentSample(m.category().label(), tokens));
                    }
                }
            }
            macro += Evaluation.of(new MaxentClassifier(ClassifierTrainer.train(train)), test, 0.5).macroF1() / folds;
        }
        System.out.printf("5-fold cross-validation macro-F1 %.3f%n", macro);
        assertTrue(macro >= 0.80, "cross-validation macro-F1 " + macro);
    }

    static List<Evaluation.Labelled> read(Path file) throws IOException {
        return new ArrayList<>(lines(file).stream().map(ClassifierQualityTest::labelled).toList());
    }

    private static Evaluation.Labelled labelled(JsonNode node) {
        return new Evaluation.Labelled(node.path("text").asText(), Category.fromLabel(node.path("category").asText()));
    }

    private static List<String> unknownCategories(Path file) throws IOException {
        return lines(file).stream().map(n -> n.path("category").asText()).filter(label -> !known(label)).toList();
    }

    private static boolean known(String label) {
        return java.util.Arrays.stream(Category.values()).anyMatch(c -> c.label().equals(label));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                nodes.add(json.readTree(line));
            }
        }
        return nodes;
    }
}
