package uk.councilinbox.channels;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.GeoPoint;

/** Small, forgiving readers for platform JSON: missing fields become empty, never null. */
public final class JsonPayloads {

    private JsonPayloads() {}

    public static JsonNode parseObject(ObjectMapper json, byte[] body) throws MalformedPayloadException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedPayloadException("body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedPayloadException("body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("body is not a JSON object");
        }
        return root;
    }

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A pin from two numeric fields; absent when either is missing or out of range. */
    public static Optional<GeoPoint> geoPoint(JsonNode node, String latField, String longField) {
        if (!node.path(latField).isNumber() || !node.path(longField).isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(node.path(latField).asDouble(), node.path(longField).asDouble()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Epoch milliseconds, epoch seconds (as a number or string) all come back as an instant. */
    public static Instant instant(JsonNode node, String field, Instant fallback) {
        JsonNode value = node.path(field);
        long number;
        if (value.isNumber()) {
            number = value.asLong();
        } else if (value.isTextual() && value.asText().matches("\\d{1,19}")) {
            number = Long.parseLong(value.asText());
        } else {
            return fallback;
        }
        return number > 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }
}
