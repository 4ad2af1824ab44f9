package uk.councilinbox.bench.classifiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import uk.councilinbox.triage.ModelOutcome;
import uk.councilinbox.triage.training.ClassifierTrainer;

/**
 * One labelled message ({@code {"text", "category", "service", "source"}}), its outcome label as the model
 * sees it: {@code complaint}, {@code query}, {@code other} or {@code <category>/<service>} (a report with no
 * service named goes to its category's catch-all, as {@link ModelOutcome#of} says).
 */
public record Row(String text, String outcome) {

    public String category() {
        return categoryOf(outcome);
    }

    public String service() {
        return serviceOf(outcome);
    }

    public static String categoryOf(String outcome) {
        int slash = outcome.indexOf('/');
        return slash < 0 ? outcome : outcome.substring(0, slash);
    }

    /** The service of a report's outcome label; "" for a complaint, query or other. */
    public static String serviceOf(String outcome) {
        int slash = outcome.indexOf('/');
        return slash < 0 ? "" : outcome.substring(slash + 1);
    }

    /** Every row of the files, in order. */
    public static List<Row> read(List<Path> files) {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = json.readTree(line);
                    rows.add(new Row(node.path("text").asText(""), ClassifierTrainer.outcome(node).label()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }

    /** Every {@code *.jsonl} under {@code path} (recursively, sorted so the order is fixed), or the file itself. */
    public static List<Path> jsonlFiles(Path path) {
        try {
            return ClassifierTrainer.jsonlFiles(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The held-out sets of residents' real text, {@code workers/src/test/resources/triage/real-heldout*.jsonl}, sorted. */
    public static List<Path> realHeldout(Path root) {
        Path folder = root.resolve("workers/src/test/resources/triage");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("real-heldout.*\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
