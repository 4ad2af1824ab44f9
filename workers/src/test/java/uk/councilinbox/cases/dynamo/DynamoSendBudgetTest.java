package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.replies.SendingLimit;

/** The sending-limit counter in DynamoDB (moto), taken by many senders at once. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class DynamoSendBudgetTest {

    @Inject
    DynamoSendBudget budget;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void concurrentSendersTogetherNeverCountMoreThanTheLimitAndTheRestGetTurnsOneSpacingApart() throws Exception {
        SendingLimit limit = new SendingLimit("x-direct-messages-" + UUID.randomUUID(), 15, Duration.ofMinutes(15));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Optional<Instant>>> taken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            taken.add(senders.submit(() -> budget.take(limit, now)));
        }
        List<Instant> turns = new ArrayList<>();
        int counted = 0;
        for (Future<Optional<Instant>> f : taken) {
            Optional<Instant> turn = f.get();
            counted += turn.isEmpty() ? 1 : 0;
            turn.ifPresent(turns::add);
        }
        senders.shutdown();

        assertEquals(15, counted);
        List<Instant> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(now.plus(limit.window()).plus(limit.spacing().multipliedBy(i)));
        }
        assertEquals(expected, turns.stream().sorted().toList(), "each of the backlog has a turn of its own");
    }

    @Test
    void aSendOutsideTheWindowIsCountedAgain() {
        SendingLimit limit = new SendingLimit("x-posts-" + UUID.randomUUID(), 2, Duration.ofMinutes(15));
        budget.take(limit, now);
        budget.take(limit, now);

        assertEquals(Optional.of(now.plus(limit.window())), budget.take(limit, now.plusSeconds(1)));
        assertEquals(Optional.empty(), budget.take(limit, now.plus(limit.window()).plusMillis(1)));
    }
}
