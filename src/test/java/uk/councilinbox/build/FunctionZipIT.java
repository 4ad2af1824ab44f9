package uk.councilinbox.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The deployable artifact carries the functions and nothing of the emulators or test tooling. */
class FunctionZipIT {

    private static final List<String> FORBIDDEN = List.of(
            "elasticmq", "log4j-core", "mockito", "jetty",
            "com.amazonaws.aws-java-sdk", "testcontainers", "pekko", "scala-library", "junit", "lambda-java-runtime-interface-client");

    @Test
    void functionZipHasNoEmulatorOrTestLibraries() throws IOException {
        List<String> entries = entries();
        List<String> offending = entries.stream()
                .filter(name -> FORBIDDEN.stream().anyMatch(bad -> name.toLowerCase(Locale.ROOT).contains(bad)))
                .toList();
        assertEquals(List.of(), offending);
    }

    @Test
    void functionZipHasTheHandlersTheTrainedModelAndTheTemplates() throws IOException {
        List<String> entries = entries();
        for (String expected : List.of("uk/councilinbox/http/HttpFunction.class", "uk/councilinbox/triage/lambda/TriageFunction.class",
                "uk/councilinbox/replies/lambda/SenderFunction.class", "triage/classifier.bin", "replies/templates.properties")) {
            assertTrue(entries.contains(expected), expected + " missing from function.zip");
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/io.quarkus.quarkus-amazon-lambda-")));
    }

    private static List<String> entries() throws IOException {
        try (ZipFile zip = new ZipFile(Path.of("target", "function.zip").toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
