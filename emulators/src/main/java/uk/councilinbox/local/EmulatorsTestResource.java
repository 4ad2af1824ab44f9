package uk.councilinbox.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the emulators (started once per test JVM, shared by
 * every test class) with the table and queues provisioned.
 */
public class EmulatorsTestResource implements QuarkusTestResourceLifecycleManager {

    /** Provisioned resources of this JVM's emulators, for tests that inspect tables and queues. */
    public static Provisioning.Resources resources() {
        return Holder.RESOURCES;
    }

    public static Emulators emulators() {
        return Holder.EMULATORS;
    }

    /** The fake platform every sender in the test application talks to. */
    public static FakePlatform platform() {
        return Holder.PLATFORM;
    }

    /** The fake works system the test application sends reports to. */
    public static FakeWorksSystem works() {
        return Holder.WORKS;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Provisioning.appConfig(Holder.EMULATORS, Holder.RESOURCES));
        config.putAll(Holder.PLATFORM.senderConfig());
        config.putAll(Holder.WORKS.worksConfig());
        config.putAll(Defaults.QUICK_RETRIES);
        config.putAll(Defaults.UNPACED_X);
        config.putAll(DevTokens.config());
        return config;
    }

    @Override
    public void stop() {
        // Shared with other test classes in this JVM; stopped at JVM exit.
    }

    private static final class Holder {
        static final Emulators EMULATORS = Emulators.forThisRun();
        static final Provisioning.Resources RESOURCES = Provisioning.provision(EMULATORS, 2);
        static final FakePlatform PLATFORM = start(FakePlatform::new);
        static final FakeWorksSystem WORKS = start(FakeWorksSystem::new);

        private interface Server<T> {
            T start() throws java.io.IOException;
        }

        private static <T> T start(Server<T> server) {
            try {
                return server.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
