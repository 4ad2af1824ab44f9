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

    /**
     * Whether a Docker engine answers. Where there is plainly none (no socket, no {@code DOCKER_HOST}) the
     * answer is no without asking Testcontainers, whose service loading fails inside a {@code @QuarkusTest}'s
     * class loader (a ServiceConfigurationError, not an exception).
     */
    public static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
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
