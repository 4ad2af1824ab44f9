package uk.councilinbox.ingest.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.ingest.WebhookIntake;
import uk.councilinbox.testing.RecordingInboundQueue;
import uk.councilinbox.testing.ScriptedWebhook;

/** The handler's decoding and encoding of API Gateway events, with a platform that records what it was given. */
class WebhookFunctionTest {

    private final ScriptedWebhook platform = new ScriptedWebhook(SignatureCheck.VALID, new Delivery(List.of(), 1));
    private final List<byte[]> parsed = platform.parsed();
    private final WebhookFunction function = new WebhookFunction(new WebhookIntake(List.of(platform), new RecordingInboundQueue(), 1024),
            new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"/webhooks/", "/webhooks", "/webhooks//meta", "/webhooks/meta/", "/webhooks/meta/..", "/webhooks/meta%2F..",
            "/webhooks/Meta", "/webhooks/me.ta", "/api/me", ""})
    void onlyAPlainPlatformNameIsAWebhook(String path) {
        assertNull(WebhookFunction.platform(path));
        APIGatewayV2HTTPResponse response = function.handleRequest(event("POST", path, "{}", false), null);
        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":\"no such webhook\"}", response.getBody());
        assertEquals(List.of(), parsed);
    }

    @Test
    void aBase64BodyReachesThePlatformAsTheBytesItSigned() {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        APIGatewayV2HTTPResponse response = function.handleRequest(event("POST", "/webhooks/test",
                Base64.getEncoder().encodeToString(notUtf8), true), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"accepted\":0,\"ignored\":1}", response.getBody());
        assertEquals("application/json", response.getHeaders().get("content-type"));
        assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
        assertArrayEquals(notUtf8, parsed.get(0));
    }

    @Test
    void aBodyThatIsNotBase64AsClaimedIsABadRequest() {
        assertEquals(400, function.handleRequest(event("POST", "/webhooks/test", "%%%", true), null).getStatusCode());
        assertEquals(List.of(), parsed);
    }

    @Test
    void handshakeTakesTheQueryAndAnswersInThePlatformsContentType() {
        APIGatewayV2HTTPEvent get = event("GET", "/webhooks/test", null, false);
        get.setQueryStringParameters(Map.of("challenge", "42"));
        APIGatewayV2HTTPResponse response = function.handleRequest(get, null);
        assertEquals(200, response.getStatusCode());
        assertEquals("42", response.getBody());
        assertEquals("text/plain", response.getHeaders().get("content-type"));
        assertEquals(403, function.handleRequest(event("GET", "/webhooks/test", null, false), null).getStatusCode());
    }

    @Test
    void otherMethodsAreNotAllowed() {
        APIGatewayV2HTTPResponse response = function.handleRequest(event("PUT", "/webhooks/test", "{}", false), null);
        assertEquals(405, response.getStatusCode());
        assertEquals("GET, POST", response.getHeaders().get("allow"));
        assertEquals(405, function.handleRequest(event(null, "/webhooks/test", "{}", false), null).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        if (method != null) {
            event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build());
        }
        return event;
    }
}
