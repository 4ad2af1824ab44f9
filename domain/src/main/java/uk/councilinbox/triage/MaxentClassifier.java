package uk.councilinbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import uk.councilinbox.cases.Category;

/**
 * The trained maximum-entropy model (Apache OpenNLP document categoriser), built at build time by
 * {@code ClassifierTrainer} from the labelled corpus in {@code src/main/corpus}. Its outcomes are
 * {@link ModelOutcome}s: the category, and for a report the service.
 */
public final class MaxentClassifier implements Classifier {

    public static final String MODEL_RESOURCE = "/triage/classifier.bin";
    /** Words that carry weight in the model but would tell a person nothing as a reason. */
    private static final Set<String> NOT_A_REASON = Set.of("a", "an", "the", "and", "or", "on", "in", "at", "of", "to", "by", "for", "with",
            "from", "near", "outside", "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "there", "theres", "i", "we", "you",
            "my", "our", "your", "me", "us", "has", "have", "had", "just", "so", "very", "up", "here");

    private final MaxentModel maxent;
    private final TextFeatures features = new TextFeatures();
    private final Map<String, Context> weights;
    private final ModelOutcome[] outcomes;

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
        this.outcomes = Arrays.stream((String[]) data[2]).map(ModelOutcome::parse).toArray(ModelOutcome[]::new);
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
        Map<Category, Double> byCategory = new EnumMap<>(Category.class);
        for (int i = 0; i < scores.length; i++) {
            byCategory.merge(outcomes[i].category(), scores[i], Double::sum);
        }
        Category category = byCategory.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (outcomes[i].category() == category && (best < 0 || scores[i] > scores[best])) {
                best = i;
            }
        }
        double confidence = Math.min(1.0, Math.max(0.0, byCategory.get(category)));
        return new Classification(category, confidence, reason(best, tokens, Extractor.placeWords(text)), outcomes[best].service());
    }

    /**
     * The words that pushed hardest towards the chosen outcome, e.g. "words: pothole, tyre"; never a place's
     * name, a number or a little word like "the".
     */
    private String reason(int outcomeIndex, String[] tokens, Set<String> placeWords) {
        List<Map.Entry<String, Double>> pulls = new ArrayList<>();
        for (String token : tokens) {
            Context context = weights.get(TextFeatures.WORD + token);
            if (context == null || placeWords.contains(token) || NOT_A_REASON.contains(token) || token.chars().anyMatch(Character::isDigit)) {
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
