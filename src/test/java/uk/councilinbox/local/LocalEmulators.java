package uk.councilinbox.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The open-source emulators, no Docker needed: moto's server as a child process for DynamoDB and S3
 * (with the performance shim, see {@link MotoServer}), and ElasticMQ in-process for SQS, each on a free
 * loopback port. One set per JVM, started on first use and stopped with the JVM.
 */
public final class LocalEmulators implements Emulators {

    private static LocalEmulators shared;

    private final MotoServer moto;
    private final SQSRestServer sqs;
    private final URI sqsEndpoint;

    private LocalEmulators() {
        moto = MotoServer.start(MotoServer.Flavour.FAST);
        try {
            int sqsPort = freePort();
            sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).withAWSRegion(REGION).start();
            sqs.waitUntilStarted();
            sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
        } catch (IOException | RuntimeException e) {
            moto.close();
            throw new IllegalStateException("could not start ElasticMQ", e);
        }
    }

    public static synchronized LocalEmulators shared() {
        if (shared == null) {
            shared = new LocalEmulators();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "emulators-stop"));
        }
        return shared;
    }

    @Override
    public URI dynamoEndpoint() {
        return moto.endpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    @Override
    public URI s3Endpoint() {
        return moto.endpoint();
    }

    public MotoServer moto() {
        return moto;
    }

    @Override
    public void close() {
        try {
            sqs.stopAndWait();
        } catch (RuntimeException e) {
            // Stopping at exit: nothing left to protect.
        }
        moto.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
