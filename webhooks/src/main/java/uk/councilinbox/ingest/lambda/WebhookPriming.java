package uk.councilinbox.ingest.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.channels.meta.MetaSignature;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.startup.PrimingStep;

/**
 * Two requests through the handler that change nothing: a handshake with a wrong verify token, and a
 * signed Meta delivery with no entries (verified, parsed, answered {@code {"accepted":0}}, nothing queued).
 * Each is read from JSON and its answer written back, as Quarkus's Lambda runtime does with a real event.
 */
@ApplicationScoped
public class WebhookPriming implements PrimingStep {

    private final Instance<WebhookFunction> function;
    private final InboxConfig config;
    private final ObjectMapper json;

    public WebhookPriming(Instance<WebhookFunction> function, InboxConfig config, ObjectMapper json) {
        this.function = function;
        this.config = config;
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook requests";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("webhooks");
    }

    @Override
    public void run() throws Exception {
        byte[] empty = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String signature = HmacSha256.signature(config.meta().appSecret(), empty, HmacSha256.Encoding.HEX);
        WebhookFunction webhooks = function.get();
        for (ObjectNode request : new ObjectNode[] {
            request("GET", Map.of("hub.mode", "subscribe", "hub.verify_token", "priming", "hub.challenge", "1"), Map.of(), null),
            request("POST", Map.of(), Map.of(MetaSignature.HEADER, signature, "content-type", "application/json"),
                    new String(empty, StandardCharsets.UTF_8))}) {
            APIGatewayV2HTTPEvent event = json.readValue(json.writeValueAsBytes(request), APIGatewayV2HTTPEvent.class);
            json.writeValueAsBytes(webhooks.handleRequest(event, null));
        }
    }

    private ObjectNode request(String method, Map<String, String> query, Map<String, String> headers, String body) {
        ObjectNode event = json.createObjectNode().put("version", "2.0").put("rawPath", WebhookFunction.PATH_PREFIX + "meta")
                .put("body", body).put("isBase64Encoded", false);
        event.set("queryStringParameters", json.valueToTree(query));
        event.set("headers", json.valueToTree(headers));
        event.putObject("requestContext").putObject("http").put("method", method).put("sourceIp", "127.0.0.1");
        return event;
    }
}
