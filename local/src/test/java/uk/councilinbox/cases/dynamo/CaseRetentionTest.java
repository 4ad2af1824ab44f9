package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.MotoTable;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.dynamo.DynamoWorksRecords;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;

/**
 * A closed case's items all get their expiry, on moto, even when the closing dies part-way: the writes after the second
 * expiry fail (as a function killed or throttled then would leave them), and the scheduled sweep finishes the rest.
 */
class CaseRetentionTest {

    @RegisterExtension
    static final MotoTable TABLE = new MotoTable(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest u && u.updateExpression().contains("#ttl")
                    && expiriesAllowed.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
                throw new IllegalStateException("the function died here");
            }
        }
    });
    private static DynamoDbClient dynamo;
    /** Expiry writes still allowed before they start to fail; negative: no limit. */
    private static final AtomicInteger expiriesAllowed = new AtomicInteger(-1);
    private static DynamoCaseStore cases;

    @BeforeAll
    static void start() {
        dynamo = TABLE.dynamo();
        cases = new DynamoCaseStore(dynamo, TestConfig.defaults(), new ObjectMapper().findAndRegisterModules());
    }

    @Test
    void aClosingThatDiesPartWayIsFinishedByTheSweepAndLeavesNoMarker() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Case open = caseWithMessages(now, 5);
        Instant expireAt = now.plus(Duration.ofDays(730));

        expiriesAllowed.set(2);
        close(open, now.plusSeconds(60), expireAt);
        expiriesAllowed.set(-1);

        List<Map<String, AttributeValue>> items = partition(open.reference());
        long expiring = items.stream().filter(i -> i.containsKey(TableLayout.TTL)).count();
        assertEquals(2, expiring, "two items got their expiry before the closing died, of " + items.size());
        assertEquals(1, markers(open.reference()), "the closing left its marker");

        assertEquals(0, cases.finishRetention(now, 50), "not before the closing's time");
        assertEquals(1, cases.finishRetention(now.plus(Duration.ofMinutes(10)), 50));

        items = partition(open.reference());
        assertTrue(items.size() >= 7, "case, five messages and an event at least: " + items.size());
        String at = Long.toString(expireAt.getEpochSecond());
        assertTrue(items.stream().allMatch(i -> i.containsKey(TableLayout.TTL) && i.get(TableLayout.TTL).n().equals(at)),
                "every item expires with the case: " + items);
        assertEquals(0, markers(open.reference()));
        assertEquals(0, cases.finishRetention(now.plus(Duration.ofMinutes(10)), 50), "nothing left");
    }

    @Test
    void aClosingThatCompletesLeavesNothingForTheSweepAndItsWorksLookupExpiresToo() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Case open = caseWithMessages(now, 2);
        DynamoWorksRecords works = new DynamoWorksRecords(dynamo, TestConfig.defaults());
        String serviceRequestId = "WX-" + UUID.randomUUID();
        works.queue(open.reference(), "highways", now);
        works.sent(open.reference(), "highways", new WorksRequest(open.reference().value(), "POTHOLE", Optional.empty(), Optional.of("Mill Lane"),
                "Pothole", Map.of(), false), serviceRequestId, new CaseEvent(now, "works:highways", "works_request_sent", serviceRequestId));
        Instant expireAt = now.plus(Duration.ofDays(730));

        close(open, now.plusSeconds(60), expireAt);

        assertTrue(partition(open.reference()).stream().allMatch(i -> i.containsKey(TableLayout.TTL)));
        assertEquals(0, markers(open.reference()));
        Map<String, AttributeValue> lookup = CaseItems.partition(dynamo, TestConfig.defaults().table(),
                "WORKSID#highways#" + serviceRequestId).findFirst().orElseThrow();
        assertEquals(Long.toString(expireAt.getEpochSecond()), lookup.get(TableLayout.TTL).n(), "the works id's lookup goes with the case");
    }

    @Test
    void theResidentsItemExpiresOnceNoneOfTheirCasesIsOpenAndLivesAgainWhenTheyWrite() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        String resident = "psid-" + UUID.randomUUID();
        Case first = caseWithMessages(resident, now, 1);
        Case second = caseWithMessages(resident, now.plusSeconds(10), 1);
        Instant expireAt = now.plus(Duration.ofDays(730));

        close(first, now.plusSeconds(60), expireAt);
        assertTrue(residentExpiry(resident).isEmpty(), "their other case is open: the item lists it for erasure");

        close(cases.find(second.reference()).orElseThrow(), now.plusSeconds(120), expireAt.plusSeconds(60));
        assertEquals(Optional.of(Long.toString(expireAt.plusSeconds(60).getEpochSecond())), residentExpiry(resident),
                "with the last of their cases");

        caseWithMessages(resident, now.plusSeconds(300), 1);
        assertTrue(residentExpiry(resident).isEmpty(), "they wrote again: a case of theirs is open");
    }

    private static Optional<String> residentExpiry(String resident) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(TestConfig.defaults().table())
                .key(TableLayout.residentItemKey(uk.councilinbox.privacy.Pseudonyms.of(TestConfig.defaults()).resident("MESSENGER:" + resident)))).item();
        return Optional.ofNullable(item.get(TableLayout.TTL)).map(AttributeValue::n);
    }

    private static Case caseWithMessages(Instant at, int messages) {
        return caseWithMessages("psid-" + UUID.randomUUID(), at, messages);
    }

    private static Case caseWithMessages(String resident, Instant at, int messages) {
        Case c = new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.QUERY, 0.9, Channel.MESSENGER, resident, Visibility.PRIVATE,
                Optional.empty(), Optional.empty(), 0, at, at, at, 1, Optional.empty());
        cases.open(c, Messages.messenger(resident, "when is the tip open", at), new CaseEvent(at, CaseEvent.SYSTEM, CaseEvent.CASE_OPENED, "query"));
        for (int i = 1; i < messages; i++) {
            Instant later = at.plusSeconds(i);
            c = cases.find(c.reference()).orElseThrow();
            cases.attach(c.changed(later), Messages.messenger(resident, "and on Sundays? " + i, later),
                    new CaseEvent(later, CaseEvent.SYSTEM, "message_added", "follow-up"));
        }
        return cases.find(c.reference()).orElseThrow();
    }

    private static void close(Case c, Instant at, Instant expireAt) {
        Case closed = c.withStatus(CaseStatus.CLOSED, at).changed(at);
        cases.change(closed, List.of(new CaseEvent(at, "agent-1", "status_changed", "acknowledged -> closed")), Optional.empty(),
                Optional.of(expireAt));
    }

    private static List<Map<String, AttributeValue>> partition(Reference ref) {
        return CaseItems.partition(dynamo, TestConfig.defaults().table(), TableLayout.casePk(ref.value())).toList();
    }

    private static long markers(Reference ref) {
        return CaseItems.partition(dynamo, TestConfig.defaults().table(), CaseRetention.PENDING_PK)
                .filter(i -> i.get("reference").s().equals(ref.value())).count();
    }
}
