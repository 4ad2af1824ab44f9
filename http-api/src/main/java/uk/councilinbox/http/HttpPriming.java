package uk.councilinbox.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The HTTP function's own priming, once Quarkus has started (the virtual HTTP channel exists only then,
 * after the StartupEvent that {@code startup/Priming} uses): requests that change nothing, as API
 * Gateway events through the handler Lambda calls: a staff call with a token no key signed (which
 * loads the staff token keys), and the public Open311 service list.
 */
final class HttpPriming {

    private static final Logger LOG = Logger.getLogger(HttpPriming.class);
    /**
     * A well-formed RS256 token with a signature no key makes: checking it loads the staff token keys (the
     * JWKS, or the configured key) as a real token would, then refuses it.
     */
    private static final String UNSIGNED_TOKEN = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "."
            + base64Url("{\"sub\":\"priming\",\"exp\":4102444800}") + ".AAAA";

    private HttpPriming() {}

    static void prime() {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("inbox.priming", Boolean.class).orElse(true)) {
            return;
        }
        long began = System.nanoTime();
        LambdaHttpHandler http = new LambdaHttpHandler();
        int[] statuses = {
            http.handleRequest(request("GET", "/api/me", "", Map.of("authorization", "Bearer " + UNSIGNED_TOKEN), null), null).getStatusCode(),
            http.handleRequest(request("GET", "/open311/v2/services.json", "", Map.of(), null), null).getStatusCode()};
        LOG.infof("Primed the HTTP path in %d ms (answers %d, %d)", (System.nanoTime() - began) / 1_000_000, statuses[0], statuses[1]);
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
