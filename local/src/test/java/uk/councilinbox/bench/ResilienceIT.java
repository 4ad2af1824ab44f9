package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.RequiresEmulators;

/**
 * Short versions of {@code bin/hostile} and {@code bin/chaos} on one local stack (the built
 * function.zip, each function in its own JVM): 300 hostile requests change nothing, get no 5xx and are
 * never accepted; then 200 messages, each delivered two or three times (some at once), with 10% of
 * platform sends failing and the sender and triage functions killed mid-batch, end with every message
 * on exactly one case and acknowledged exactly once (a duplicate from the gap the README owns up to is
 * reported, not failed). The hostile run goes first: it needs a quiet system to see that nothing was written.
 */
@RequiresEmulators
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new LocalSystem(Chaos.options(LocalSystem.Options.defaults(0).withAwsCallCounting()));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void hostileRequestsAreRefusedWithoutServerErrorsAndWriteNothing() throws Exception {
        Hostile.Report report = Hostile.run(system, 300, 4, System.out);
        assertEquals(0, report.acceptedMutating(), "hostile requests accepted: " + report.examples());
        assertEquals(0, report.serverErrors(), "5xx answers: " + report.examples());
        assertEquals(0, report.handshakesAnswered(), "wrong verify tokens answered: " + report.examples());
        assertTrue(report.wroteNothing(), "something was written: items " + report.itemsBefore() + " -> " + report.itemsAfter() + ", queues "
                + report.queuesBefore() + " -> " + report.queuesAfter() + ", outbox " + report.outboxBefore() + " -> " + report.outboxAfter()
                + ", write calls " + report.writeCalls());
    }

    @Test
    @Order(2)
    void duplicatedDeliveriesPlatformFaultsAndCrashesLoseNothingAndDuplicateNothing() throws Exception {
        Chaos.Settings settings = new Chaos.Settings(200, 4, 0.25, 0.3, 0.10, 2, 2, 3, 120, 0.02, 0.02, 0.01, 10);
        Chaos.Report report = Chaos.run(system, settings, System.out);
        assertTrue(report.crashes() >= 1, "no function was killed");
        assertEquals(report.messages(), report.accepted(), "every message had a delivery accepted");
        assertEquals(0, report.lostCases(), "messages without a case: " + report.examples());
        assertEquals(0, report.lostAcknowledgements(), "messages never acknowledged: " + report.examples());
        assertEquals(0, report.duplicateCaseMessages(), "messages on two cases: " + report.examples());
        assertEquals(0, report.residentsWithSeveralCases(), "residents with two cases: " + report.examples());
        assertEquals(0, report.duplicateRepliesOther(), "replies sent twice: " + report.examples());
    }
}
