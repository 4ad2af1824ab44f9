package uk.councilinbox.http;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where a {@code @QuarkusTest} reaches the HTTP function: Quarkus's Lambda mock event server, which
 * takes real HTTP requests and hands them to the Lambda handler as API Gateway events, as in AWS.
 */
public final class MockEventServer {

    private MockEventServer() {}

    public static String baseUrl() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return "http://localhost:" + port;
    }
}
