package uk.councilinbox.bench.classifiers;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.HashMap;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, shipped inside its Maven jar, run in-process by onnxruntime): a
 * 384-d, unit-length sentence embedding. One per JVM; the training texts' embeddings are cached so the
 * candidates that share them embed each text once (predictions never use the cache).
 */
public final class Embedder {

    public static final int DIMENSIONS = 384;

    private static Embedder instance;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final Map<String, float[]> cache = new HashMap<>();

    private Embedder() {}

    public static synchronized Embedder get() {
        if (instance == null) {
            instance = new Embedder();
        }
        return instance;
    }

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    public float[] embedCached(String text) {
        return cache.computeIfAbsent(text, this::embed);
    }
}
