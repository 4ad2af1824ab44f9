package uk.councilinbox.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The in-process emulators: DynamoDB Local (in memory) and ElasticMQ (SQS), on free loopback ports.
 * One pair per JVM, started on first use and stopped when the JVM exits.
 */
public final class LocalEmulators implements Emulators {

    private static LocalEmulators shared;

    private final DynamoDBProxyServer dynamo;
    private final SQSRestServer sqs;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;

    private LocalEmulators() throws Exception {
        requireSqliteNatives();
        int dynamoPort = freePort();
        dynamo = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
        dynamo.start();
        dynamoEndpoint = URI.create("http://127.0.0.1:" + dynamoPort);
        int sqsPort = freePort();
        sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).withAWSRegion(REGION).start();
        sqs.waitUntilStarted();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
    }

    public static synchronized LocalEmulators shared() {
        if (shared == null) {
            try {
                shared = new LocalEmulators();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the local emulators", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "emulators-stop"));
        }
        return shared;
    }

    @Override
    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    @Override
    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    @Override
    public void close() {
        try {
            sqs.stopAndWait();
            dynamo.stop();
        } catch (Exception e) {
            // Stopping at exit: nothing left to protect.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void requireSqliteNatives() {
        if (System.getProperty("sqlite4java.library.path") == null) {
            throw new IllegalStateException("sqlite4java.library.path is not set: run through ./mvnw or bin/run, "
                    + "which copy DynamoDB Local's native library to target/native-libs");
        }
    }
}
