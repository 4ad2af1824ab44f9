package uk.councilinbox.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Pattern;

/**
 * The HTTP function's Lambda handler ({@code template.yaml}: {@code uk.councilinbox.http.HttpEntry::handleRequest}).
 * It turns away, with a JSON 4xx, the two kinds of event API Gateway may pass on but Quarkus's HTTP
 * stack cannot take, then hands every other event to Quarkus ({@link QuarkusStreamHandler}, which
 * runs Quarkus REST through quarkus-amazon-lambda-http):
 * <ul>
 * <li>a header holding a control character (Netty refuses to build such a request: a bare 500);</li>
 * <li>a path that is not in its plain form ({@code //}, {@code /./}, {@code /../}, or an encoded slash,
 * backslash or dot), which Vert.x would quietly normalise or decode into another route.</li>
 * </ul>
 * Deliberately not a {@code RequestStreamHandler}: quarkus-amazon-lambda-http allows no handler of the
 * application's own, and Lambda's Java runtime calls a handler method by its signature alone.
 */
public final class HttpEntry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
    private static final Pattern NOT_PLAIN = Pattern.compile("//|/\\.\\.?(/|$)|%2[fFeE]|%5[cC]");

    private final QuarkusStreamHandler quarkus;

    /** Lambda builds the handler in its INIT phase, so Quarkus starts, and the HTTP path is primed, before a SnapStart snapshot. */
    public HttpEntry() {
        quarkus = new QuarkusStreamHandler();
        try {
            HttpPriming.prime();
        } catch (RuntimeException e) {
            // Priming must never stop a function starting.
            org.jboss.logging.Logger.getLogger(HttpEntry.class).warnf("HTTP priming failed: %s", e.getClass().getSimpleName());
        }
    }

    /** An event turned away: the status and the {@code error} message it is answered with. */
    record Refusal(int status, String message) {
        static final Refusal NO_SUCH_ENDPOINT = new Refusal(404, "no such endpoint");
        static final Refusal CONTROL_CHARACTER = new Refusal(400, "a request header holds a control character");
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        Refusal refusal = refusal(event);
        if (refusal == null) {
            quarkus.handleRequest(new ByteArrayInputStream(event), output, context);
            return;
        }
        ObjectNode response = JSON.createObjectNode().put("statusCode", refusal.status()).put("isBase64Encoded", false);
        response.putObject("headers").put("content-type", "application/json");
        response.put("body", JSON.writeValueAsString(new ErrorBody(refusal.message())));
        JSON.writeValue(output, response);
    }

    /**
     * Why this API Gateway (payload 2.0) event cannot be served, or null when it can. Reads only the
     * path and the headers, with Jackson's streaming parser: the body is skipped, not copied.
     */
    static Refusal refusal(byte[] event) {
        try (JsonParser parser = JSON.getFactory().createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null; // Not an HTTP event: Quarkus answers it as it would.
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("rawPath") && value == JsonToken.VALUE_STRING && NOT_PLAIN.matcher(parser.getText()).find()) {
                    return Refusal.NO_SUCH_ENDPOINT;
                } else if (field.equals("headers") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (CONTROL.matcher(name).find() || CONTROL.matcher(parser.getValueAsString("")).find()) {
                            return Refusal.CONTROL_CHARACTER;
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
