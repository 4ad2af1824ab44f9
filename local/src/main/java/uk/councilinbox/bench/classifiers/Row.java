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
import java.util.Optional;
import java.util.stream.Stream;
import uk.councilinbox.cases.Category;
import uk.councilinbox.triage.ModelOutcome;

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
                    JsonNode service = node.path("service");
                    ModelOutcome outcome = ModelOutcome.of(Category.fromLabel(node.path("category").asText("")),
                            service.isTextual() ? Optional.of(service.asText()) : Optional.empty());
                    rows.add(new Row(node.path("text").asText(""), outcome.label()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }

    /** Every {@code *.jsonl} under {@code path} (recursively, sorted so the order is fixed), or the file itself. */
    public static List<Path> jsonlFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> all = Files.walk(path)) {
            return all.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
