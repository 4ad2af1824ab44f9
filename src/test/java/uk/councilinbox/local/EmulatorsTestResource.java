package uk.councilinbox.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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

    @Override
    public Map<String, String> start() {
        return Provisioning.appConfig(Holder.EMULATORS, Holder.RESOURCES);
    }

    @Override
    public void stop() {
        // Shared with other test classes in this JVM; stopped at JVM exit.
    }

    private static final class Holder {
        static final Emulators EMULATORS = Emulators.forThisRun();
        static final Provisioning.Resources RESOURCES = Provisioning.provision(EMULATORS, 2);
    }
}
