package uk.councilinbox.local;

import java.net.URI;

/**
 * The seam between the tests and whatever emulates AWS: moto and ElasticMQ on this machine
 * ({@link LocalEmulators}), LocalStack in Docker with {@code -Plocalstack} where a Docker engine exists.
 */
public interface Emulators extends AutoCloseable {

    String REGION = "eu-west-2";

    URI dynamoEndpoint();

    URI sqsEndpoint();

    URI s3Endpoint();

    @Override
    void close();

    /** The emulators this run should use: {@code -Demulators=localstack} selects LocalStack. */
    static Emulators forThisRun() {
        return "localstack".equals(System.getProperty("emulators")) ? LocalStackEmulators.shared() : LocalEmulators.shared();
    }
}
