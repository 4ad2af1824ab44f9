package uk.councilinbox.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files packaged in the artifact: the staff console ({@code /console/}, from {@code classpath:console/})
 * and the OpenAPI document ({@code /q/openapi}, from {@code classpath:openapi/openapi.yaml}). Text only;
 * read once, then served from memory.
 */
@ApplicationScoped
public class StaticAssets implements HttpRoute {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "yaml", "application/yaml");

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    @Override
    public boolean owns(String path) {
        return path.equals("/console") || path.startsWith("/console/") || path.equals("/q/openapi");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.error(405, "only GET");
        }
        String path = request.path();
        if (path.equals("/console")) {
            return new HttpResponse(301, Map.of("location", "/console/"), "");
        }
        if (path.equals("/q/openapi")) {
            return serve("openapi/openapi.yaml", "yaml");
        }
        String name = path.substring("/console/".length());
        name = name.isEmpty() ? "index.html" : name;
        if (!SAFE_NAME.matcher(name).matches()) {
            return HttpResponse.error(404, "no such file");
        }
        return serve("console/" + name, name.substring(name.lastIndexOf('.') + 1));
    }

    private HttpResponse serve(String resource, String extension) {
        String body = cache.computeIfAbsent(resource, StaticAssets::read);
        return body.isEmpty()
                ? HttpResponse.error(404, "no such file")
                : new HttpResponse(200, Map.of("content-type", TYPES.get(extension), "cache-control", "no-cache",
                        "x-content-type-options", "nosniff"), body);
    }

    private static String read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/" + resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
