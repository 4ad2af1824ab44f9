package uk.councilinbox.local;

import java.net.URI;

/**
 * The open-source emulators, no Docker needed: moto's server as a child process for DynamoDB and S3
 * (with the performance shim, see {@link MotoServer}), and ElasticMQ in-process for SQS, each on a free
 * loopback port. One set per JVM, started on first use and stopped with the JVM.
 */
public final class LocalEmulators implements Emulators {

    private static LocalEmulators shared;

    private final MotoServer moto;
    private final ElasticMq sqs;

    private LocalEmulators() {
        moto = MotoServer.start(MotoServer.Flavour.FAST);
        try {
            sqs = ElasticMq.start();
        } catch (RuntimeException e) {
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
        return sqs.endpoint();
    }

    @Override
    public URI s3Endpoint() {
        return moto.endpoint();
    }

    @Override
    public void close() {
        sqs.close();
        moto.close();
    }
}
