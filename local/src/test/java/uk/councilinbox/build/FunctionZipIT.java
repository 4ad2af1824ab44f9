package uk.councilinbox.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.councilinbox.local.Project;

/** Each deployable carries its own functions, and nothing of the other, the emulators or test tooling. */
class FunctionZipIT {

    private static final List<String> FORBIDDEN = List.of(
            "elasticmq", "log4j-core", "mockito", "jetty",
            "com.amazonaws.aws-java-sdk", "testcontainers", "pekko", "scala-library", "junit", "lambda-java-runtime-interface-client");

    @ParameterizedTest
    @ValueSource(strings = {Project.WEBHOOKS, Project.HTTP_API, Project.WORKERS})
    void functionZipHasNoEmulatorOrTestLibraries(String module) throws IOException {
        List<String> offending = entries(module).stream()
                .filter(name -> FORBIDDEN.stream().anyMatch(bad -> name.toLowerCase(Locale.ROOT).contains(bad)))
                .toList();
        assertEquals(List.of(), offending);
    }

    /** Lambda's limits for a .zip package: 50 MB uploaded directly, 250 MB unzipped (with layers, which we do not use). */
    static final long MAX_ZIPPED = 50L * 1024 * 1024;
    static final long MAX_UNZIPPED = 250L * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {Project.WEBHOOKS, Project.HTTP_API, Project.WORKERS})
    void functionZipFitsLambdasLimitsForADirectUpload(String module) throws IOException {
        java.nio.file.Path zip = Project.functionZip(module);
        long zipped = java.nio.file.Files.size(zip);
        long unzipped;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            unzipped = Collections.list(file.entries()).stream().mapToLong(ZipEntry::getSize).sum();
        }
        System.out.printf("%s/target/function.zip: %.1f MB zipped, %.1f MB unzipped%n", module, zipped / 1048576.0, unzipped / 1048576.0);
        assertTrue(zipped <= MAX_ZIPPED, module + " function.zip is " + zipped + " bytes, over Lambda's 50 MB for a direct upload");
        assertTrue(unzipped <= MAX_UNZIPPED, module + " function.zip unzips to " + unzipped + " bytes, over Lambda's 250 MB");
    }

    @Test
    void theWebhookFunctionHasItsHandlerAndNoHttpFrameworkWorkerOrConsole() throws IOException {
        List<String> entries = entries(Project.WEBHOOKS);
        assertHas(entries, "uk/councilinbox/ingest/lambda/WebhookFunction.class");
        assertLibrary(entries, "council-inbox-domain", "council-inbox-adapters", "io.quarkus.quarkus-amazon-lambda-");
        // The HTTP server side only: the adapters' REST clients (for the senders) come with the library.
        List<String> framework = entries.stream().filter(e -> List.of("quarkus-amazon-lambda-http", "quarkus-vertx-http",
                "io.quarkus.quarkus-rest-3", "resteasy-reactive-vertx", "io.vertx.vertx-web-4", "smallrye-open-api").stream()
                .anyMatch(e::contains)).toList();
        assertEquals(List.of(), framework, "an HTTP server framework on the webhook path");
        assertFalse(entries.contains("uk/councilinbox/triage/lambda/TriageFunction.class"), "a worker in the webhook function");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("uk/councilinbox/staff/")), "the staff API in the webhook function");
        assertFalse(entries.contains("triage/classifier.bin"), "the classifier model in the webhook function");
        assertFalse(entries.contains("META-INF/resources/console/index.html"), "the console in the webhook function");
    }

    @Test
    void theHttpFunctionHasItsHandlerTheDomainAndTheAdaptersButNoWorker() throws IOException {
        List<String> entries = entries(Project.HTTP_API);
        assertHas(entries, "uk/councilinbox/http/HttpEntry.class", "uk/councilinbox/staff/rest/StaffResource.class",
                "META-INF/resources/console/index.html", "META-INF/resources/console/console.js",
                "META-INF/resources/console/sign-in.js", "META-INF/resources/console/router.js", "META-INF/resources/console/views/case.js");
        assertLibrary(entries, "council-inbox-domain", "council-inbox-adapters", "io.quarkus.quarkus-amazon-lambda-http-");
        assertFalse(entries.contains("uk/councilinbox/triage/lambda/TriageFunction.class"), "a worker in the HTTP function");
        assertFalse(entries.contains("uk/councilinbox/ingest/lambda/WebhookFunction.class"), "the webhook function in the HTTP function");
        assertFalse(entries.contains("triage/classifier.bin"), "the classifier model in the HTTP function");
    }

    @Test
    void theWorkersHaveTheirHandlersAndTheTrainedModelButNoHttp() throws IOException {
        List<String> entries = entries(Project.WORKERS);
        assertHas(entries, "uk/councilinbox/triage/lambda/TriageFunction.class", "uk/councilinbox/replies/lambda/SenderFunction.class",
                "uk/councilinbox/replies/lambda/PendingRepliesFunction.class", "uk/councilinbox/trends/lambda/TrendsFunction.class",
                "triage/classifier.bin");
        assertLibrary(entries, "council-inbox-domain", "council-inbox-adapters", "io.quarkus.quarkus-amazon-lambda-");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("uk/councilinbox/http/")), "the HTTP function in the workers");
        assertFalse(entries.stream().anyMatch(e -> e.contains("quarkus-amazon-lambda-http")), "Quarkus REST's Lambda handler in the workers");
        assertFalse(entries.contains("META-INF/resources/console/index.html"), "the console in the workers");
    }

    private static void assertHas(List<String> entries, String... expected) {
        for (String entry : expected) {
            assertTrue(entries.contains(entry), entry + " missing");
        }
    }

    private static void assertLibrary(List<String> entries, String... prefixes) {
        for (String prefix : prefixes) {
            assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/") && e.contains(prefix)), "no library " + prefix + " in lib/");
        }
    }

    private static List<String> entries(String module) throws IOException {
        try (ZipFile zip = new ZipFile(Project.functionZip(module).toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
