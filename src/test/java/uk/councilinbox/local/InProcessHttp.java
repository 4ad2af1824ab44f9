package uk.councilinbox.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import uk.councilinbox.http.HttpFunction;

/**
 * Serves the HTTP function of a running {@code @QuarkusTest} application on a real port, through the
 * same API Gateway translation as {@code bin/run}, so component tests speak real HTTP.
 */
public final class InProcessHttp {

    private static HttpFunction servedFunction;
    private static HttpGateway gateway;

    private InProcessHttp() {}

    /**
     * The base URL of a gateway serving this application's HTTP function, started on first use and
     * replaced when a test class runs a new application; stopped at JVM exit.
     */
    public static synchronized String baseUrl(HttpFunction function, ObjectMapper json) throws IOException {
        if (gateway == null || servedFunction != function) {
            if (gateway != null) {
                gateway.close();
            }
            gateway = serve(function, json);
            servedFunction = function;
        }
        return "http://127.0.0.1:" + gateway.port();
    }

    public static HttpGateway serve(HttpFunction function, ObjectMapper json) throws IOException {
        ObjectMapper mapper = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        LambdaInvoker invoker = (String event, Duration timeout) -> CompletableFuture.supplyAsync(() -> {
            try {
                APIGatewayV2HTTPEvent request = mapper.readValue(event, APIGatewayV2HTTPEvent.class);
                return new LambdaInvoker.Result(false, mapper.writeValueAsString(function.handleRequest(request, null)));
            } catch (IOException e) {
                return new LambdaInvoker.Result(true, "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\"}");
            } catch (RuntimeException e) {
                return new LambdaInvoker.Result(true, "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        });
        return new HttpGateway(0, invoker, null);
    }
}
