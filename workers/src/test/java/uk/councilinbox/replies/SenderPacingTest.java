package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.dynamo.DynamoSendBudget;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.FixedClock;

/**
 * A bulk progress update to 400 residents on X, paced to X's 15 direct messages in 15 minutes: the sending
 * limit counted in DynamoDB (moto), deferred replies saved as pending replies and queued again by the sweep
 * on the real (ElasticMQ) FIFO queue, sent over HTTP to the fake X. Time is simulated: a clock the test
 * moves on a minute at a time, running the sweep each minute as the schedule would.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class SenderPacingTest {

    private static final int RESIDENTS = 400;

    @Inject
    ReplyLedger ledger;

    @Inject
    ReplyDispatcher dispatcher;

    @Inject
    DynamoSendBudget budget;

    @Inject
    CaseStore cases;

    @Inject
    OutboundQueue outbound;

    @Inject
    SqsClient sqs;

    @Inject
    ObjectMapper json;

    private final FakePlatform platform = EmulatorsTestResource.platform();
    private final FixedClock clock = new FixedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a400ResidentBulkUpdateOnXIsSpreadWithinXsLimitsAndEachResidentHearsOnce() throws Exception {
        Instant start = clock.instant();
        PendingReplies pending = new PendingReplies(cases, outbound);
        SendPacing pacing = new SendPacing(Optional.of(new SendingLimit("x-direct-messages-" + run, 15, SendPacing.X_WINDOW)),
                Optional.of(new SendingLimit("x-posts-" + run, 100, SendPacing.X_WINDOW)), budget, pending);
        ReplySender sender = new ReplySender(ledger, new DeliveryRules("case_update", false, Optional.empty()), dispatcher, pacing, clock);
        String reference = Reference.random().value();
        for (int i = 0; i < RESIDENTS; i++) {
            outbound.enqueue(new OutboundReply("update:" + run + ":" + i, ReplyKind.PROGRESS_UPDATE, reference, Channel.X, resident(i),
                    Visibility.PRIVATE, Optional.empty(), "The pothole you reported has been repaired.", start.minus(Duration.ofDays(2)),
                    start, List.of(reference, "resolved")));
        }

        Map<String, Instant> sentAt = new HashMap<>();
        for (int minute = 0; minute < 24 * 60 && sentAt.size() < RESIDENTS; minute++) {
            pending.sweep(clock.instant(), 500);
            for (Message m = nextOfOurs(); m != null; m = nextOfOurs()) {
                OutboundReply reply = json.readValue(m.body(), OutboundReply.class);
                SendOutcome outcome = sender.deliver(reply, true);
                assertTrue(outcome instanceof SendOutcome.Sent || outcome instanceof SendOutcome.Deferred, outcome.toString());
                if (outcome instanceof SendOutcome.Sent) {
                    assertEquals(null, sentAt.put(reply.residentId(), clock.instant()), "sent twice to " + reply.residentId());
                }
                String handle = m.receiptHandle();
                sqs.deleteMessage(b -> b.queueUrl(queueUrl()).receiptHandle(handle));
            }
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(RESIDENTS, sentAt.size(), "every resident heard");
        for (int i = 0; i < RESIDENTS; i++) {
            String recipient = resident(i);
            assertEquals(1, platform.outbox().stream().filter(s -> s.recipient().equals(recipient)).count(), recipient);
        }
        List<Instant> times = sentAt.values().stream().sorted().toList();
        for (int i = 15; i < times.size(); i++) {
            assertTrue(Duration.between(times.get(i - 15), times.get(i)).compareTo(Duration.ofMinutes(15)) > 0,
                    "16 direct messages within 15 minutes, the last at " + times.get(i));
        }
        for (int i = 1440; i < times.size(); i++) {
            assertTrue(Duration.between(times.get(i - 1440), times.get(i)).compareTo(Duration.ofHours(24)) > 0);
        }
        Duration took = Duration.between(start, times.getLast());
        assertTrue(took.compareTo(Duration.ofHours(7).plusMinutes(30)) < 0, "X's own pace takes 6.5 hours; this took " + took);
    }

    private String resident(int i) {
        return "x-bulk-" + run + "-" + i;
    }

    /** The next of this test's replies on the outbound queue, or null when none is waiting; others' are left alone. */
    private Message nextOfOurs() {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl()).maxNumberOfMessages(1).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return null;
            }
            if (messages.getFirst().body().contains("x-bulk-" + run)) {
                return messages.getFirst();
            }
        }
        return null;
    }

    private static String queueUrl() {
        return EmulatorsTestResource.resources().outboundQueueUrl();
    }
}
