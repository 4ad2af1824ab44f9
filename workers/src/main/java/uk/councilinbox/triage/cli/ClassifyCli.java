package uk.councilinbox.triage.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.triage.Classification;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.MaxentClassifier;

/**
 * {@code bin/classify}: one JSON line {@code {"text": "..."}} in, one JSON line
 * {@code {"category": ..., "confidence": ..., "service": ..., "needs_review": ..., "reason": ...}} out, in order
 * ({@code service}: the report's service code, null for a message that is not a report).
 * A line that is not such an object still gets a line back, with {@code error} set.
 */
public final class ClassifyCli {

    private ClassifyCli() {}

    public static void main(String[] args) throws IOException {
        double reviewBelow = reviewThreshold();
        Classifier classifier = MaxentClassifier.fromClasspath();
        Services services = Services.fromClasspath();
        ObjectMapper json = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result = json.createObjectNode();
            String text = null;
            try {
                JsonNode node = json.readTree(line);
                text = node != null && node.path("text").isTextual() ? node.path("text").asText() : null;
            } catch (JacksonException e) {
                result.put("error", "line is not JSON");
            }
            if (text == null && !result.has("error")) {
                result.put("error", "no \"text\" string");
            }
            Classification c = classifier.classify(text == null ? "" : text);
            result.put("category", c.category().label());
            result.put("confidence", Math.round(c.confidence() * 10_000) / 10_000.0);
            result.put("service", services.forReport(c.category(), c.service()).map(Service::code).orElse(null));
            result.put("needs_review", c.confidence() < reviewBelow);
            result.put("reason", c.reason());
            out.write(result.toString());
            out.newLine();
        }
        out.flush();
    }

    /** The same threshold triage uses ({@code inbox.triage.review-below} in application.properties). */
    private static double reviewThreshold() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ClassifyCli.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return Double.parseDouble(properties.getProperty("inbox.triage.review-below", "0.5"));
    }
}
