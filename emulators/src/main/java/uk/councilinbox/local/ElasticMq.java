package uk.councilinbox.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ (SQS) in this JVM on a free loopback port. */
public record ElasticMq(SQSRestServer server, URI endpoint) implements AutoCloseable {

    public static ElasticMq start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for ElasticMQ", e);
        }
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).withAWSRegion(Emulators.REGION).start();
        server.waitUntilStarted();
        return new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            // Stopping at exit: nothing left to protect.
        }
    }
}
