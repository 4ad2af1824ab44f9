package uk.councilinbox.open311.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.dynamo.DynamoCaseStore;
import uk.councilinbox.local.MotoTable;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.open311.WorksRecords;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;

/**
 * The works sender's reads and writes on moto, counted as the SDK makes them: the case and its request in one read; a
 * request's new state, its history event and the id's lookup in one transaction that leaves the case alone; nothing
 * written back for a case erased meanwhile; and erasure of the events kept on the request and on a photo's record.
 */
class DynamoWorksRecordsTest {

    @RegisterExtension
    static final MotoTable TABLE = new MotoTable(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(context.request().getClass().getSimpleName().replace("Request", ""));
            if (context.request() instanceof UpdateItemRequest u && u.updateExpression().equals("SET #erased = :true")) {
                Optional.ofNullable(beforeErasureMarks.getAndSet(null)).ifPresent(Runnable::run);
            }
        }
    });
    private static DynamoDbClient dynamo;
    private static final List<String> calls = new CopyOnWriteArrayList<>();
    /** Run once, just before erasure marks a works request: a sender writing between erasure's read and its mark. */
    private static final AtomicReference<Runnable> beforeErasureMarks = new AtomicReference<>();
    private static DynamoCaseStore cases;
    private static DynamoWorksRecords records;

    @BeforeAll
    static void start() {
        dynamo = TABLE.dynamo();
        cases = new DynamoCaseStore(dynamo, TestConfig.defaults(), new ObjectMapper().findAndRegisterModules());
        records = new DynamoWorksRecords(dynamo, TestConfig.defaults());
    }

    @BeforeEach
    void forget() {
        calls.clear();
    }

    @Test
    void theCaseAndItsRequestAreOneRead() {
        Case report = opened("psid-" + UUID.randomUUID());
        records.queue(report.reference(), "highways", report.createdAt());
        calls.clear();

        WorksRecords.Report found = records.report(report.reference());

        assertEquals(List.of("BatchGetItem"), calls);
        assertEquals(Optional.of(report), found.report());
        assertEquals(WorksRecords.State.QUEUED, found.request().orElseThrow().state());
        assertEquals(new WorksRecords.Report(Optional.empty(), Optional.empty()), records.report(Reference.random()));
    }

    @Test
    void sentIsOneTransactionOfStateEventAndLookupThatLeavesTheCaseAsItWas() {
        Case report = opened("psid-" + UUID.randomUUID());
        records.queue(report.reference(), "highways", report.createdAt());
        calls.clear();
        Instant at = report.createdAt().plusSeconds(60);

        records.sent(report.reference(), "highways", request(report), "WX-1-" + report.reference().value(),
                new CaseEvent(at, "works:highways", "works_request_sent", "service_request_id WX-1"));

        assertEquals(List.of("TransactWriteItems"), calls);
        WorksRecords.Request saved = records.request(report.reference()).orElseThrow();
        assertEquals(WorksRecords.State.SENT, saved.state());
        assertEquals(at, saved.at());
        assertEquals(Optional.of(report.reference()), records.caseOf("highways", "WX-1-" + report.reference().value()));
        assertTrue(history(report).stream().anyMatch(e -> e.type().equals("works_request_sent") && e.at().equals(at)),
                history(report).toString());
        assertEquals(report, cases.find(report.reference()).orElseThrow(), "the case item is not written");
    }

    @Test
    void aCaseErasedBeforeItsSenderWritesGetsNothingWrittenBack() {
        String resident = "psid-" + UUID.randomUUID();
        Case report = opened(resident);
        records.queue(report.reference(), "highways", report.createdAt());
        Instant at = report.createdAt().plusSeconds(60);
        cases.eraseResident(report.residentKey(), new CaseEvent(at, CaseEvent.SYSTEM, "resident_erased", "subject's request"));

        records.sent(report.reference(), "highways", request(report), "WX-2-" + report.reference().value(),
                new CaseEvent(at.plusSeconds(1), "works:highways", "works_request_sent", "Mill Lane, Stone; service_request_id WX-2"));
        records.refused(report.reference(), "highways", "HTTP 400", new CaseEvent(at.plusSeconds(2), "works:highways", "works_request_refused",
                "Mill Lane, Stone"));

        assertEquals(WorksRecords.State.QUEUED, records.request(report.reference()).orElseThrow().state());
        assertEquals(Optional.empty(), records.caseOf("highways", "WX-2-" + report.reference().value()));
        assertFalse(history(report).stream().anyMatch(e -> e.type().startsWith("works_request")),
                history(report).toString());
    }

    @Test
    void erasureKeepsTheRequestsEventsButNotTheirDetailAndAPhotosEventStaysWithoutItsRecord() {
        String resident = "psid-" + UUID.randomUUID();
        Case report = opened(resident);
        Instant at = report.createdAt().plusSeconds(60);
        records.queue(report.reference(), "highways", report.createdAt());
        records.sent(report.reference(), "highways", request(report), "WX-3-" + report.reference().value(),
                new CaseEvent(at, "works:highways", "works_request_sent", "at Mill Lane, Stone; service_request_id WX-3"));
        uk.councilinbox.cases.dynamo.DynamoPhotoRecords photos = new uk.councilinbox.cases.dynamo.DynamoPhotoRecords(dynamo, TestConfig.defaults());
        calls.clear();
        photos.record(uk.councilinbox.cases.CasePhoto.kept(report.reference(), "p1", "MESSENGER:m-1", "image/jpeg", "cases/x/p1.jpg",
                Optional.empty(), "photo 640x480", at), new CaseEvent(at, CaseEvent.SYSTEM, "photo_kept", "kept: photo 640x480"), Optional.empty());
        assertEquals(List.of("TransactWriteItems"), calls, "the photo's record carries its event");
        assertTrue(history(report).stream().anyMatch(e -> e.type().equals("photo_kept") && e.detail().startsWith("kept")), history(report).toString());

        cases.eraseResident(report.residentKey(), new CaseEvent(at.plusSeconds(5), CaseEvent.SYSTEM, CaseEvent.PERSONAL_DATA_ERASED, "request"));

        List<CaseEvent> after = history(report);
        for (String type : List.of("works_request_sent", "photo_kept")) {
            assertTrue(after.stream().anyMatch(e -> e.type().equals(type) && e.detail().equals(CaseEvent.ERASED_TEXT)), type + ": " + after);
        }
        assertFalse(after.toString().contains("Mill Lane"), after.toString());
        assertTrue(cases.detail(report.reference()).orElseThrow().messages().stream().allMatch(m -> m.media().isEmpty()));
    }

    @Test
    void aSenderThatWritesBetweenErasuresReadAndItsMarkIsErasedToo() {
        Case report = opened("psid-" + UUID.randomUUID());
        Instant at = report.createdAt().plusSeconds(60);
        records.queue(report.reference(), "highways", report.createdAt());
        beforeErasureMarks.set(() -> records.sent(report.reference(), "highways", request(report), "WX-4-" + report.reference().value(),
                new CaseEvent(at, "works:highways", "works_request_sent", "at Mill Lane, Stone; service_request_id WX-4")));

        cases.eraseResident(report.residentKey(), new CaseEvent(at.plusSeconds(5), CaseEvent.SYSTEM, CaseEvent.PERSONAL_DATA_ERASED, "request"));

        assertEquals(null, beforeErasureMarks.get(), "the sender wrote in between");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = dynamo.getItem(b -> b.tableName(TestConfig.defaults().table())
                .key(Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE#" + report.reference().value()),
                        "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("WORKS#REQUEST")))).item();
        assertEquals(WorksRecords.State.SENT.name(), item.get("state").s(), "the sender's write went in");
        assertFalse(item.toString().contains("Mill Lane") || item.toString().contains("Pothole"), item.toString());
        assertFalse(history(report).toString().contains("Mill Lane"), history(report).toString());
    }

    @Test
    void aRetriedStateWriteAddsItsEventOnceAndAForgottenRequestIsWrittenWhole() {
        Case report = opened("psid-" + UUID.randomUUID());
        Instant at = report.createdAt().plusSeconds(60);
        CaseEvent refused = new CaseEvent(at, "works:highways", "works_request_refused", "HTTP 400");

        records.refused(report.reference(), "highways", "HTTP 400", refused);
        records.refused(report.reference(), "highways", "HTTP 400", refused);

        assertEquals(1, history(report).stream().filter(e -> e.type().equals("works_request_refused")).count(), history(report).toString());
        WorksRecords.Request saved = records.request(report.reference()).orElseThrow();
        assertEquals(new WorksRecords.Request(report.reference(), "highways", WorksRecords.State.REFUSED, at, Optional.empty(), Optional.empty()), saved);
    }

    private static Case opened(String resident) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Case c = new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident,
                Visibility.PRIVATE, Optional.of("Mill Lane, Stone"), Optional.of(new GeoPoint(52.9, -2.15)), 0, at, at, at, 1, Optional.empty())
                .withCategory(Category.POTHOLE_REPORT, Optional.of("potholes"));
        cases.open(c, Messages.messenger(resident, "Pothole on Mill Lane", at), new CaseEvent(at, CaseEvent.SYSTEM, CaseEvent.CASE_OPENED,
                "pothole_report"));
        return cases.find(c.reference()).orElseThrow();
    }

    private static List<CaseEvent> history(Case report) {
        return cases.detail(report.reference()).orElseThrow().history();
    }

    private static WorksRequest request(Case report) {
        return new WorksRequest(report.reference().value(), "POTHOLE", report.pin(), report.place(), "Pothole", Map.of(), false);
    }
}
