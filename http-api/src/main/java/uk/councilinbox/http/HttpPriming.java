package uk.councilinbox.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import uk.councilinbox.startup.PrimingStep;

/**
 * Two refused requests through the whole HTTP path, as API Gateway events through the handler Lambda
 * calls (wrong verify token, bad staff token): the HTTP stack, routing, JSON, the adapters, token parsing.
 */
@ApplicationScoped
public class HttpPriming implements PrimingStep {

    @Override
    public String name() {
        return "http requests";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("http");
    }

    @Override
    public void run() {
        LambdaHttpHandler http = new LambdaHttpHandler();
        http.handleRequest(request("GET", "/webhooks/meta", "hub.mode=subscribe&hub.verify_token=priming&hub.challenge=1", Map.of()), null);
        http.handleRequest(request("GET", "/api/me", "", Map.of("authorization", "Bearer e30.e30.e30")), null);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String query, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRawQueryString(query);
        event.setHeaders(headers);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withSourceIp("127.0.0.1").build()).build());
        return event;
    }
}
