package uk.councilinbox.local;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in Docker via Testcontainers ({@code -Plocalstack}); only where a Docker engine runs. */
public final class LocalStackEmulators implements Emulators {

    static final String IMAGE = "localstack/localstack:4.9";

    private static LocalStackEmulators shared;

    private final LocalStackContainer container;

    private LocalStackEmulators() {
        container = new LocalStackContainer(DockerImageName.parse(IMAGE)).withServices("dynamodb", "sqs", "s3");
        container.start();
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static synchronized LocalStackEmulators shared() {
        if (shared == null) {
            shared = new LocalStackEmulators();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "localstack-stop"));
        }
        return shared;
    }

    @Override
    public URI dynamoEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI s3Endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
