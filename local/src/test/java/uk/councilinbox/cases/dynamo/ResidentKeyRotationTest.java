package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Services;
import uk.councilinbox.local.MotoTable;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;
import uk.councilinbox.triage.Acknowledgements;
import uk.councilinbox.triage.Classification;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;
import uk.councilinbox.triage.TriageService;

/**
 * Rotating the resident key secret on moto, as docs/privacy.md tells an operator to: residents' items and held replies
 * made under the old secret are found while both are configured (a follow-up still joins its case), the rotation moves
 * the rest, resuming after a run dies part-way, and once the old secret is dropped nothing is lost and nothing is left
 * under it.
 */
class ResidentKeyRotationTest {

    private static final Classifier CLASSIFIER = text -> text.isBlank() ? new Classification(Category.OTHER, 0.9, "no words")
            : new Classification(Category.POTHOLE_REPORT, 0.9, "pothole");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final InboxConfig OLD = secrets("old-secret", "unset");
    private static final InboxConfig ROTATING = secrets("new-secret", "old-secret");
    private static final InboxConfig NEW = secrets("new-secret", "unset");

    @RegisterExtension
    static final MotoTable TABLE = new MotoTable(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest && transactionsAllowed.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
                throw new IllegalStateException("the function died here");
            }
        }
    });
    private static DynamoDbClient dynamo;
    /** Transactions still allowed before they fail as a killed function's would; negative: no limit. */
    private static final AtomicInteger transactionsAllowed = new AtomicInteger(-1);

    private final List<OutboundReply> queued = new ArrayList<>();

    @BeforeAll
    static void start() {
        dynamo = TABLE.dynamo();
    }

    @Test
    void residentsKeepTheirCasesAndHeldRepliesThroughARotationAndNothingStaysUnderTheOldSecret() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String writesDuring = Messages.newResident();
        String silent = Messages.newResident();
        String heldFor = Messages.newResident();
        List<String> residents = List.of(writesDuring, silent, heldFor);

        TriageService before = triage(OLD);
        for (String resident : residents) {
            before.process(Messages.messenger(resident, "Huge pothole on Mill Lane, Stone", t0));
        }
        Case heldCase = caseOf(heldFor);
        OutboundReply update = new OutboundReply("update:" + heldCase.reference().value() + ":9", ReplyKind.PROGRESS_UPDATE,
                heldCase.reference().value(), heldCase.channel(), heldFor, Visibility.PRIVATE, java.util.Optional.empty(),
                "Your report is being looked at", t0, t0, List.of());
        assertTrue(new DynamoReplyLedger(dynamo, OLD, JSON).record(update,
                new DeliveryPlan.Held("outside the 24-hour window", true), new SendOutcome.Held("outside the window"), t0));
        assertEquals(4, itemsUnder(OLD, residents), "each resident's item and the held reply, under the old pseudonyms");

        // Deployed with both secrets: a follow-up finds the resident under the old pseudonym and moves them.
        triage(ROTATING).process(Messages.pin(writesDuring, 52.9, -2.15, t0.plusSeconds(60)));
        assertEquals(1, casesOf(writesDuring).size());
        assertEquals(2, detailOf(writesDuring).messages().size(), "the pin joined the report's case");
        assertTrue(item(NEW, writesDuring) != null && item(OLD, writesDuring) == null, "moved to the new pseudonym as it was read");

        // The sweep waits for every instance to run with the new secrets, then moves the rest; killed part-way, it resumes.
        ResidentKeyRotation rotation = new ResidentKeyRotation(dynamo, ROTATING, JSON);
        assertEquals(ResidentKeyRotation.Progress.NONE, rotation.advance(t0, Duration.ofSeconds(30)));
        assertEquals(ResidentKeyRotation.Progress.NONE, rotation.advance(t0.plus(ResidentKeyRotation.SETTLE).minusSeconds(60),
                Duration.ofSeconds(30)), "not before every function runs with the new secrets");
        Instant settled = t0.plus(ResidentKeyRotation.SETTLE).plusSeconds(60);
        transactionsAllowed.set(1);
        assertThrows(IllegalStateException.class, () -> rotation.advance(settled, Duration.ofSeconds(30)));
        transactionsAllowed.set(-1);
        assertTrue(itemsUnder(OLD, residents) > 0, "the run died with items left");
        ResidentKeyRotation.Progress resumed = rotation.advance(settled.plusSeconds(60), Duration.ofSeconds(30));
        assertTrue(resumed.finished(), resumed.toString());
        assertEquals(0, itemsUnder(OLD, residents), "nothing left under the old secret");
        assertEquals(new ResidentKeyRotation.Progress(0, 0, true), rotation.advance(settled.plusSeconds(120), Duration.ofSeconds(30)));

        // The old secret dropped: the silent resident's follow-up joins their case, and the held reply goes out once.
        TriageService after = triage(NEW);
        after.process(Messages.pin(silent, 52.9, -2.15, settled.plusSeconds(180)));
        after.process(Messages.messenger(heldFor, "Any news?", settled.plusSeconds(180)));
        after.process(Messages.messenger(heldFor, "Hello?", settled.plusSeconds(240)));
        for (String resident : residents) {
            assertEquals(1, casesOf(resident).size(), resident + " has one case");
        }
        assertEquals(2, detailOf(silent).messages().size());
        assertEquals(1, queued.stream().filter(r -> r.replyId().startsWith(update.replyId())).count(), "held reply released once: " + queued);
        assertNoResidentIdInAnyKey(residents);
    }

    @Test
    void aStageWhoseResidentsWereKeyedByTheirRawIdsIsMovedToPseudonymsTheSameWay() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InboxConfig migrating = TestConfig.with(Map.of("inbox.privacy.resident-key-secret", "new-secret",
                "inbox.privacy.migrate-raw-keys", "true"));
        String writes = Messages.newResident();
        String silent = Messages.newResident();
        List<String> residents = List.of(writes, silent);
        TriageService before = triage(NEW);
        for (String resident : residents) {
            before.process(Messages.messenger(resident, "Huge pothole on Mill Lane, Stone", t0));
            // As the code before pseudonyms kept it: the resident's item under their raw key.
            Map<String, AttributeValue> item = new java.util.HashMap<>(item(NEW, resident));
            dynamo.deleteItem(b -> b.tableName(NEW.table()).key(Map.of("PK", item.get("PK"), "SK", item.get("SK"))));
            item.put("PK", AttributeValue.fromS("RESIDENT#MESSENGER:" + resident));
            item.remove(ResidentKeys.KEY_ID);
            dynamo.putItem(b -> b.tableName(NEW.table()).item(item));
        }

        triage(migrating).process(Messages.pin(writes, 52.9, -2.15, t0.plusSeconds(60)));
        ResidentKeyRotation rotation = new ResidentKeyRotation(dynamo, migrating, JSON);
        rotation.advance(t0, Duration.ofSeconds(30));
        assertTrue(rotation.advance(t0.plus(ResidentKeyRotation.SETTLE).plusSeconds(60), Duration.ofSeconds(30)).finished());
        triage(NEW).process(Messages.pin(silent, 52.9, -2.15, t0.plus(ResidentKeyRotation.SETTLE).plusSeconds(120)));

        for (String resident : residents) {
            assertEquals(1, casesOf(resident).size(), resident + " has one case");
            assertEquals(2, detailOf(resident).messages().size(), "the pin joined the report's case");
        }
        assertNoResidentIdInAnyKey(residents);
    }

    private TriageService triage(InboxConfig config) {
        DynamoCaseStore cases = new DynamoCaseStore(dynamo, config, JSON);
        Clock clock = Clock.systemUTC();
        return new TriageService(CLASSIFIER, new Extractor(), cases, queued::add, new Acknowledgements(new ReplyTemplates()),
                new HeldReplies(new DynamoReplyLedger(dynamo, config, JSON), queued::add, clock), AutoAnswers.off(),
                Services.fromClasspath(), jobs -> { }, 0.5, clock);
    }

    private static InboxConfig secrets(String secret, String previous) {
        return TestConfig.with(Map.of("inbox.privacy.resident-key-secret", secret, "inbox.privacy.previous-resident-key-secret", previous));
    }

    private static Map<String, AttributeValue> item(InboxConfig config, String resident) {
        String pseudonym = Pseudonyms.of(config).resident("MESSENGER:" + resident);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(config.table()).consistentRead(true)
                .key(TableLayout.residentItemKey(pseudonym))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Resident items and held replies under these residents' pseudonyms for {@code config}'s secret. */
    private static int itemsUnder(InboxConfig config, List<String> residents) {
        int found = 0;
        for (String resident : residents) {
            String pseudonym = Pseudonyms.of(config).resident("MESSENGER:" + resident);
            found += item(config, resident) == null ? 0 : 1;
            found += CaseItems.partition(dynamo, config.table(), TableLayout.heldPk(pseudonym)).toList().size();
        }
        return found;
    }

    private static void assertNoResidentIdInAnyKey(List<String> residents) {
        dynamo.scanPaginator(b -> b.tableName(NEW.table()).consistentRead(true)).items().forEach(item -> {
            for (String name : List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK")) {
                AttributeValue key = item.get(name);
                for (String resident : residents) {
                    assertFalse(key != null && key.s() != null && key.s().contains(resident), name + " " + key + " names a resident");
                }
            }
        });
    }

    private static List<Case> casesOf(String resident) {
        DynamoCaseStore cases = new DynamoCaseStore(dynamo, NEW, JSON);
        return dynamo.scanPaginator(b -> b.tableName(NEW.table()).consistentRead(true)
                        .filterExpression("SK = :case AND residentId = :resident")
                        .expressionAttributeValues(Map.of(":case", AttributeValue.fromS("#CASE"), ":resident", AttributeValue.fromS(resident))))
                .items().stream().map(i -> cases.find(new Reference(i.get("reference").s())).orElseThrow()).toList();
    }

    private static Case caseOf(String resident) {
        return casesOf(resident).getFirst();
    }

    private static uk.councilinbox.cases.CaseDetail detailOf(String resident) {
        return new DynamoCaseStore(dynamo, NEW, JSON).detail(caseOf(resident).reference()).orElseThrow();
    }
}
