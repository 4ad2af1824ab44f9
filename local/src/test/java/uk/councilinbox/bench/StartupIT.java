package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.Emulators;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.RequiresEmulators;

/** With priming, each function's first event does no client or model initialisation (StartupBench has the figures). */
@RequiresEmulators
class StartupIT {

    @Test
    void thePrimedFirstEventInitialisesNothing() throws Exception {
        Emulators emulators = Emulators.forThisRun(); // shared with the other tests of this JVM: not closed here
        try (FakePlatform platform = new FakePlatform()) {
            for (String function : List.of("webhooks", "http", "triage", "sender")) {
                StartupBench.Result primed = StartupBench.measure(emulators, platform, function, true);
                System.out.printf("%s primed: init %d ms, first event %d ms, %d classes loaded by it%n", function, primed.initMillis(),
                        primed.firstEventMillis(), primed.classesLoadedByFirstEvent());
                assertEquals(List.of(), primed.initialisationDuringFirstEvent(), function);
                assertTrue(primed.classesLoadedByFirstEvent() > 0, "the class-load log was read");
            }
            StartupBench.Result unprimed = StartupBench.measure(emulators, platform, "triage", false);
            assertTrue(!unprimed.initialisationDuringFirstEvent().isEmpty(), "the check can fail: without priming it sees the clients built");
        }
    }
}
