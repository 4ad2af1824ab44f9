package uk.councilinbox.answers.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Resident-style questions written for this project, each labelled with the answer that covers it
 * ({@code answers/queries.jsonl}; {@code none} where no answer does). Shared by the quality test and {@code bin/bench-answers}.
 */
public record LabelledQueries(List<Query> queries) {

    /** @param expected the answer's id; empty when no answer covers the question */
    public record Query(String text, Optional<String> expected) {}

    public static LabelledQueries fromClasspath() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = LabelledQueries.class.getResourceAsStream("/answers/queries.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("answers/queries.jsonl is missing");
            }
            return new LabelledQueries(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> query(json, l)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query query(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            String answer = node.path("answer").asText();
            return new Query(node.path("text").asText(), answer.equals("none") ? Optional.empty() : Optional.of(answer));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a labelled query: " + line, e);
        }
    }
}
