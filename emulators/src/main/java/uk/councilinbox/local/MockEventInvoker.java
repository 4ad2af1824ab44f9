package uk.councilinbox.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Invokes a function under {@code @QuarkusTest} through Quarkus's Lambda mock event server (an event
 * POSTed to {@code /_lambda_}, the handler's output or error back), so that an {@link HttpGateway} in
 * front of it gives a test the real HTTP path: request, API Gateway event, Quarkus's own event decoding.
 */
public final class MockEventInvoker implements LambdaInvoker {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI events;

    public MockEventInvoker(String mockEventServerUrl) {
        this.events = URI.create(mockEventServerUrl + "/_lambda_");
    }

    @Override
    public CompletableFuture<Result> invoke(String eventJson, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(events).timeout(timeout).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(eventJson)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Result(response.statusCode() != 200, response.body()));
    }
}
