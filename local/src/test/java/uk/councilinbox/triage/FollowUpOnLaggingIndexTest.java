package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Services;
import uk.councilinbox.cases.dynamo.DynamoCaseStore;
import uk.councilinbox.cases.dynamo.DynamoReplyLedger;
import uk.councilinbox.local.MotoServer;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;

/**
 * A follow-up finds its case on DynamoDB as it really is: its global secondary indexes are eventually consistent, so
 * here moto's are made to lag the table by five seconds on purpose. A resident's report and the pin they send a
 * moment later, triaged one after the other (as in one batch), must make one case, not two.
 */
class FollowUpOnLaggingIndexTest {

    private static final Duration LAG = Duration.ofSeconds(5);
    private static final Classifier CLASSIFIER = text -> text.isBlank() ? new Classification(Category.OTHER, 0.9, "no words")
            : new Classification(Category.POTHOLE_REPORT, 0.9, "pothole");

    private static MotoServer moto;
    private static DynamoDbClient dynamo;
    private static InboxConfig config;

    private final List<OutboundReply> queued = new ArrayList<>();
    private final List<PhotoJob> photos = new ArrayList<>();

    @BeforeAll
    static void lagging() {
        moto = MotoServer.withIndexLag(LAG);
        dynamo = Provisioning.dynamo(moto.endpoint());
        Provisioning.createTable(dynamo);
        config = TestConfig.defaults();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        moto.close();
    }

    @Test
    void aPinSentJustAfterTheReportJoinsItsCaseWhileTheIndexStillLags() {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        DynamoCaseStore cases = new DynamoCaseStore(dynamo, config, json);
        DynamoReplyLedger ledger = new DynamoReplyLedger(dynamo, config, json);
        Clock clock = Clock.systemUTC();
        TriageService triage = new TriageService(CLASSIFIER, new Extractor(), cases, queued::add, new Acknowledgements(new ReplyTemplates()),
                new HeldReplies(ledger, queued::add, clock), AutoAnswers.off(), Services.fromClasspath(), photos::addAll, 0.5, clock);
        String resident = Messages.newResident();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InboundMessage report = Messages.messenger(resident, "Huge pothole on Mill Lane, Stone", now);
        InboundMessage pin = Messages.pin(resident, 52.9, -2.15, now.plusSeconds(20));

        triage.process(report);
        Reference opened = casesOf(cases, resident).getFirst().reference();
        assertFalse(inStatusIndex(opened), "the emulator's indexes have not caught up yet: none may be what finds the case");
        triage.process(pin);
        triage.process(pin);

        List<Case> theirs = casesOf(cases, resident);
        assertEquals(1, theirs.size(), "one case for the report and its pin: " + theirs);
        Case c = theirs.getFirst();
        assertEquals(CaseStatus.ACKNOWLEDGED, c.status());
        assertTrue(c.pin().isPresent(), "the pin joined the case");
        assertEquals(2, cases.detail(c.reference()).orElseThrow().messages().size());
        assertEquals(2, queued.stream().map(OutboundReply::replyId).distinct().count(), "one acknowledgement per message: " + queued);
    }

    private static boolean inStatusIndex(Reference ref) {
        return dynamo.queryPaginator(b -> b.tableName(config.table()).indexName("GSI1").keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STATUS#acknowledged"))))
                .items().stream().anyMatch(i -> i.get("reference").s().equals(ref.value()));
    }

    /** Read from the table itself (a consistent scan), not from the lagging index. */
    private static List<Case> casesOf(DynamoCaseStore cases, String resident) {
        return dynamo.scanPaginator(b -> b.tableName(config.table()).consistentRead(true)
                        .filterExpression("SK = :case AND residentId = :resident")
                        .expressionAttributeValues(Map.of(":case", AttributeValue.fromS("#CASE"), ":resident", AttributeValue.fromS(resident))))
                .items().stream().map(i -> cases.find(new Reference(i.get("reference").s())).orElseThrow()).toList();
    }
}
