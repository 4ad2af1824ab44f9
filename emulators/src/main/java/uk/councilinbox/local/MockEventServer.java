package uk.councilinbox.local;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where a {@code @QuarkusTest} reaches its function: Quarkus's Lambda mock event server. For the HTTP
 * function (quarkus-amazon-lambda-http) it takes real HTTP requests and hands them to the handler as
 * API Gateway events; for any other function it takes events ({@link MockEventInvoker}).
 */
public final class MockEventServer {

    private MockEventServer() {}

    public static String baseUrl() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return "http://localhost:" + port;
    }
}
