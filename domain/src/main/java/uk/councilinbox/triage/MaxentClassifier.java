package uk.councilinbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import uk.councilinbox.cases.Category;

/**
 * The trained maximum-entropy model (Apache OpenNLP document categoriser), built at build time by
 * {@link ClassifierTrainer} from the labelled corpus in {@code src/main/corpus}.
 */
public final class MaxentClassifier implements Classifier {

    public static final String MODEL_RESOURCE = "/triage/classifier.bin";

    private final MaxentModel maxent;
    private final TextFeatures features = new TextFeatures();
    private final Map<String, Context> weights;
    private final String[] outcomes;

    /**
     * Evaluates the model directly with {@link TextFeatures} rather than through OpenNLP's
     * DocumentCategorizerME, which would load the feature generator by class name and so depend on
     * which class loader holds OpenNLP.
     */
    public MaxentClassifier(DoccatModel model) {
        this.maxent = model.getMaxentModel();
        Object[] data = ((AbstractModel) maxent).getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        this.weights = pmap;
        this.outcomes = (String[]) data[2];
    }

    public static MaxentClassifier fromClasspath() {
        try (InputStream in = MaxentClassifier.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classifier model " + MODEL_RESOURCE + " missing: build with ./mvnw package");
            }
            return new MaxentClassifier(new DoccatModel(in));
        } catch (IOException e) {
            throw new IllegalStateException("classifier model unreadable", e);
        }
    }

    @Override
    public Classification classify(String text) {
        String[] tokens = TextFeatures.tokens(text);
        if (tokens.length == 0) {
            // Nothing to read (a lone photo or pin, punctuation): a person decides.
            return new Classification(Category.OTHER, 0.0, "no words to classify");
        }
        double[] scores = maxent.eval(features.extractFeatures(tokens, Map.of()).toArray(String[]::new));
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        double confidence = Math.min(1.0, Math.max(0.0, scores[best]));
        return new Classification(Category.fromLabel(outcomes[best]), confidence, reason(best, tokens));
    }

    /** The words that pushed hardest towards the chosen category, e.g. "words: pothole, tyre". */
    private String reason(int outcomeIndex, String[] tokens) {
        List<Map.Entry<String, Double>> pulls = new ArrayList<>();
        for (String token : tokens) {
            Context context = weights.get(TextFeatures.WORD + token);
            if (context == null) {
                continue;
            }
            int[] ids = context.getOutcomes();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == outcomeIndex && context.getParameters()[i] > 0) {
                    pulls.add(Map.entry(token, context.getParameters()[i]));
                }
            }
        }
        List<String> top = pulls.stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey).distinct().limit(3).toList();
        return top.isEmpty() ? "overall wording" : "words: " + String.join(", ", top);
    }
}
