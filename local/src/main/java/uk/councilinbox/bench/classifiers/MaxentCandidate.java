package uk.councilinbox.bench.classifiers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.ml.model.MaxentModel;
import uk.councilinbox.triage.TextFeatures;
import uk.councilinbox.triage.training.ClassifierTrainer;

/** Today's classifier: {@link TextFeatures} and {@link ClassifierTrainer#train}'s OpenNLP maxent (L-BFGS, L2), evaluated as MaxentClassifier does. */
public final class MaxentCandidate implements Candidate {

    public static final String NAME = "maxent";

    private final TextFeatures features = new TextFeatures();
    private DoccatModel model;
    private MaxentModel maxent;
    private String[] outcomes;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void train(List<Row> rows) throws IOException {
        List<DocumentSample> samples = new ArrayList<>();
        for (Row row : rows) {
            String[] tokens = TextFeatures.tokens(row.text());
            if (tokens.length > 0) {
                samples.add(new DocumentSample(row.outcome(), tokens));
            }
        }
        use(ClassifierTrainer.train(samples));
    }

    private void use(DoccatModel trained) {
        model = trained;
        maxent = trained.getMaxentModel();
        outcomes = new String[maxent.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = maxent.getOutcome(i);
        }
    }

    @Override
    public Prediction predict(String text) {
        String[] tokens = TextFeatures.tokens(text);
        if (tokens.length == 0) {
            return Prediction.wordless();
        }
        return new Prediction(outcomes, maxent.eval(features.extractFeatures(tokens, Map.of()).toArray(String[]::new)));
    }

    @Override
    public byte[] serialize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.serialize(out);
        return out.toByteArray();
    }

    @Override
    public Candidate load(byte[] bytes) throws IOException {
        MaxentCandidate loaded = new MaxentCandidate();
        loaded.use(new DoccatModel(new ByteArrayInputStream(bytes)));
        return loaded;
    }

    @Override
    public List<String> extraArtifacts() {
        return List.of();
    }
}
