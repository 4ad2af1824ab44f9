package uk.councilinbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.JaxRsOperations;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;

/**
 * The OpenAPI document is generated from the resources: every operation in the compiled code is in it,
 * with a summary and a described answer for each status, in JSON and in YAML.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

        private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyOperationInTheCodeIsDocumentedWithASummaryAndItsAnswers() throws Exception {
        JsonNode doc = JSON.readTree(new ApiClient(MockEventServer.baseUrl()).get("/q/openapi?format=json", null).body());
        Set<String> inCode = JaxRsOperations.in(Path.of("target/classes"));
        Set<String> inDocument = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            if (!JaxRsOperations.METHODS.contains(op.getKey().toUpperCase(Locale.ROOT))) {
                return;
            }
            inDocument.add(operation);
            assertFalse(op.getValue().path("summary").asText().isBlank(), operation + " has no summary");
            assertFalse(op.getValue().path("responses").isEmpty(), operation + " documents no response");
            op.getValue().path("responses").properties().forEach(r -> assertTrue(
                    !r.getValue().path("description").asText().isBlank() || r.getValue().has("$ref"),
                    operation + " answers " + r.getKey() + " without saying what it means"));
        }));
        assertTrue(inCode.size() >= 15, "found only " + inCode + " in target/classes");
        // Plus the webhook function's routes (template.yaml's WebhookFunction; TemplateTest checks they are routed).
        Set<String> expected = new TreeSet<>(inCode);
        expected.addAll(Set.of("GET /webhooks/{platform}", "POST /webhooks/{platform}"));
        assertEquals(expected, inDocument);
    }

    @Test
    void theDocumentIsServedAsYamlAndAsJson() throws Exception {
        ApiClient api = new ApiClient(MockEventServer.baseUrl());
        var yaml = api.get("/q/openapi", null);
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.body().startsWith("---") || yaml.body().startsWith("openapi:"), yaml.body().substring(0, 40));
        var json = api.get("/q/openapi?format=json", null);
        assertEquals(200, json.statusCode());
        JsonNode doc = JSON.readTree(json.body());
        assertEquals("Council social inbox", doc.path("info").path("title").asText());
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("staffToken").path("scheme").asText());
        assertTrue(doc.path("components").path("schemas").has("CaseSummary"));
    }
}
