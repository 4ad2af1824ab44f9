package uk.councilinbox.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The HTTP operations compiled into a module, as {@code "GET /api/cases/{reference}"}: every JAX-RS
 * resource method under its {@code target/classes}, read with Jandex (nothing is loaded). The OpenAPI
 * test and the template check compare the document and the API Gateway routes against this list.
 */
public final class JaxRsOperations {

    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");

    private JaxRsOperations() {}

    /** A Jandex index of the class files under each of {@code classDirs} (reads them; loads nothing). */
    public static Index index(Path... classDirs) throws IOException {
        Indexer indexer = new Indexer();
        for (Path classes : classDirs) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        indexer.index(in);
                    }
                }
            }
        }
        return indexer.complete();
    }

    public static Set<String> in(Path classes) throws IOException {
        Index index = index(classes);
        Set<String> operations = new TreeSet<>();
        for (String method : METHODS) {
            for (AnnotationInstance verb : index.getAnnotations(DotName.createSimple("jakarta.ws.rs." + method))) {
                if (verb.target().kind() == AnnotationTarget.Kind.METHOD) {
                    MethodInfo m = verb.target().asMethod();
                    operations.add(method + " " + join(value(m.declaringClass().declaredAnnotation(PATH)), value(m.annotation(PATH))));
                }
            }
        }
        return operations;
    }

    private static String value(AnnotationInstance path) {
        return path == null ? "" : path.value().asString();
    }

    private static String join(String base, String sub) {
        List<String> parts = new ArrayList<>();
        for (String part : (base + "/" + sub).split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
