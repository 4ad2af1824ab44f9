package uk.councilinbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.MaxentClassifier;

/**
 * Classification speed on one thread (run it under {@code taskset -c 0} for one core): model load time,
 * then messages/s and per-message p50/p99 over the held-out and training texts, after a warm-up.
 *
 * <p>Usage: {@code bin/bench-classify [messages]}
 */
public final class ClassifierBench {

    private ClassifierBench() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ObjectMapper json = new ObjectMapper();
        List<String> texts = Files.readAllLines(uk.councilinbox.local.Project.root().resolve("workers/src/main/corpus/messages.jsonl")).stream()
                .filter(line -> !line.isBlank()).map(line -> readText(json, line)).toList();

        long loadStart = System.nanoTime();
        Classifier classifier = MaxentClassifier.fromClasspath();
        double loadMs = (System.nanoTime() - loadStart) / 1e6;

        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += classifier.classify(texts.get(i % texts.size())).category().ordinal();
        }
        long[] nanos = new long[total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long t0 = System.nanoTime();
            sink += classifier.classify(texts.get(i % texts.size())).category().ordinal();
            nanos[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("classifier: model load %.0f ms; %d messages (%d distinct) in %.2f s on one thread%n",
                loadMs, total, texts.size(), seconds);
        System.out.printf("  %.0f messages/s, p50 %.1f us, p99 %.1f us, max %.1f us (checksum %d)%n",
                total / seconds, nanos[total / 2] / 1e3, nanos[(int) (total * 0.99)] / 1e3, nanos[total - 1] / 1e3, sink);
    }

    private static String readText(ObjectMapper json, String line) {
        try {
            return json.readTree(line).path("text").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException("corpus line is not JSON", e);
        }
    }
}
