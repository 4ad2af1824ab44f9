package uk.councilinbox.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.channels.meta.MetaSignature;

/**
 * The HTTP function's own priming, once Quarkus has started (the virtual HTTP channel exists only then,
 * after the StartupEvent that {@code startup/Priming} uses): requests that change nothing, as API
 * Gateway events through the handler Lambda calls: a handshake with a wrong verify token, a staff
 * call with a bad token, and a signed Meta delivery with no entries (read, verified, parsed, answered
 * {@code {"accepted":0}}, nothing queued).
 */
final class HttpPriming {

    private static final Logger LOG = Logger.getLogger(HttpPriming.class);

    private HttpPriming() {}

    static void prime() {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("inbox.priming", Boolean.class).orElse(true)) {
            return;
        }
        long began = System.nanoTime();
        LambdaHttpHandler http = new LambdaHttpHandler();
        byte[] empty = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String signature = HmacSha256.signature(config.getValue("inbox.meta.app-secret", String.class), empty, HmacSha256.Encoding.HEX);
        int[] statuses = {
            http.handleRequest(request("GET", "/webhooks/meta", "hub.mode=subscribe&hub.verify_token=priming&hub.challenge=1", Map.of(), null),
                    null).getStatusCode(),
            http.handleRequest(request("GET", "/api/me", "", Map.of("authorization", "Bearer e30.e30.e30"), null), null).getStatusCode(),
            http.handleRequest(request("POST", "/webhooks/meta", "", Map.of(MetaSignature.HEADER, signature, "content-type",
                    "application/json"), new String(empty, StandardCharsets.UTF_8)), null).getStatusCode()};
        LOG.infof("Primed the HTTP path in %d ms (answers %d, %d, %d)", (System.nanoTime() - began) / 1_000_000, statuses[0], statuses[1],
                statuses[2]);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String query, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRawQueryString(query);
        event.setHeaders(headers);
        event.setBody(body);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withSourceIp("127.0.0.1").build()).build());
        return event;
    }
}
