package uk.councilinbox.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;

/** An HTTP response. Error bodies are short JSON messages for the caller, never stack traces. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> TEXT = Map.of("content-type", "text/plain; charset=utf-8");

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, JSON, body);
    }

    public static HttpResponse text(int status, String body) {
        return new HttpResponse(status, TEXT, body);
    }

    /** {@code {"error": message}}, escaped by Jackson, so a control character in the message cannot break the JSON. */
    public static HttpResponse error(int status, String message) {
        return json(status, "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}");
    }
}
