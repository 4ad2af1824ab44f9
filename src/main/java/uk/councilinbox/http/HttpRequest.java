package uk.councilinbox.http;

import java.util.Map;
import java.util.Optional;

/** An HTTP request as our routes see it: header names lower-case, the body exactly as received. */
public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
