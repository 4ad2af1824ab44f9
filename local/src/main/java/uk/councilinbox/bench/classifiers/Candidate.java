package uk.councilinbox.bench.classifiers;

import java.io.IOException;
import java.util.List;

/** A classifier design under comparison: trained on labelled rows, then asked for a probability per outcome. */
public interface Candidate {

    String name();

    void train(List<Row> rows) throws IOException;

    Prediction predict(String text);

    /** The trained model as the deployable would ship it (beside any jars {@link #extraArtifacts()} names). */
    byte[] serialize() throws IOException;

    /** A new candidate ready to predict from {@link #serialize()}'s bytes: what a cold start would do. */
    Candidate load(byte[] model) throws IOException;

    /** {@code groupId:artifactId} of the jars it needs beyond today's workers (those already there are not counted). */
    List<String> extraArtifacts();

    static Candidate named(String name) {
        return switch (name) {
            case MaxentCandidate.NAME -> new MaxentCandidate();
            case LinearCandidate.MINILM -> new LinearCandidate(false);
            case LinearCandidate.HYBRID -> new LinearCandidate(true);
            default -> throw new IllegalArgumentException("no candidate " + name + " (maxent, minilm+linear, hybrid)");
        };
    }
}
