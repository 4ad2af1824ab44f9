package uk.councilinbox.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Services;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryWorksRecords;
import uk.councilinbox.testing.ScriptedWorksApi;

/** Which reports go to the works system, what is sent, and that each goes once however often it is queued or delivered. */
class WorksReferralsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final GeoPoint PIN = new GeoPoint(52.9, -2.15);

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final InMemoryWorksRecords records = new InMemoryWorksRecords(cases);
    private final ScriptedWorksApi api = new ScriptedWorksApi();
    private final List<Reference> queued = new ArrayList<>();
    private final List<Integer> enqueueCalls = new ArrayList<>();
    private boolean queueDown;
    private Set<Reference> queueRefuses = Set.of();
    private final WorksQueue queue = refs -> {
        if (queueDown) {
            throw new IllegalStateException("queue down");
        }
        enqueueCalls.add(refs.size());
        refs.stream().filter(r -> !queueRefuses.contains(r)).forEach(queued::add);
        return refs.stream().filter(queueRefuses::contains).collect(java.util.stream.Collectors.toSet());
    };
    private final WorksReferrals referrals = new WorksReferrals(cases, Services.fromClasspath(), Works.SYSTEMS, records, queue, api,
            new WorksReferrals.Settings(Duration.ofHours(2), Duration.ofMinutes(30)), clock);

    @Test
    void aPinnedPotholeIsQueuedOnceAndSentWithItsServiceCodeLocationAndReferenceButNothingOfTheResident() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane, Stone", Optional.of(PIN), T0));

        assertEquals(1, referrals.sweep());
        assertEquals(0, referrals.sweep(), "queued once");
        assertEquals(WorksReferrals.Outcome.SENT, referrals.send(report.reference(), false));

        WorksRequest sent = api.received().getFirst();
        assertEquals("HW_POTHOLE", sent.serviceCode());
        assertEquals(Optional.of(PIN), sent.location());
        assertEquals(Optional.of("Mill Lane, Stone"), sent.address());
        assertEquals(Map.of("source", "social", "case", report.reference().value()), sent.attributes());
        assertTrue(sent.description().contains(report.reference().value()), sent.description());
        assertFalse(sent.toString().contains("psid-1"), "the resident's id is not sent: " + sent);
        assertFalse(sent.withPhoto(), "no photo, no link to one");
        assertEquals(Optional.of("1"), records.request(report.reference()).flatMap(WorksRecords.Request::serviceRequestId));
        assertEquals(Optional.of(report.reference()), records.caseOf("highways", "1"));
        assertTrue(events(report).stream().anyMatch(e -> e.type().equals("works_request_sent") && e.detail().contains("service_request_id 1")
                && e.actor().equals("works:highways")), events(report).toString());
    }

    @Test
    void aReportWithPhotosIsSentWithItsPhotosLinkAndStaffSeeThatItWent() {
        Case report = cases.add(Works.pothole("psid-1", null, Optional.of(PIN), T0).withPhotos(2));
        referrals.sweep();

        referrals.send(report.reference(), false);

        assertTrue(api.received().getFirst().withPhoto());
        assertTrue(events(report).stream().anyMatch(e -> e.type().equals("works_request_sent") && e.detail().contains("with a link to the photo")),
                events(report).toString());
    }

    @Test
    void aRedeliveredReportIsNotSentAgain() {
        Case report = cases.add(Works.pothole("psid-1", null, Optional.of(PIN), T0));
        referrals.sweep();

        referrals.send(report.reference(), false);
        assertEquals(WorksReferrals.Outcome.ALREADY_SENT, referrals.send(report.reference(), false));

        assertEquals(1, api.received().size());
    }

    @Test
    void aReportPlacedOnlyByWordsWaitsForThePinThenGoesAsAnAddress() {
        Case report = cases.add(Works.pothole("psid-1", "12 Mill Lane, Stone", Optional.empty(), T0));

        assertEquals(0, referrals.sweep(), "waiting for a pin");
        clock.advance(Works.PIN_WAIT);
        assertEquals(1, referrals.sweep());
        referrals.send(report.reference(), false);

        assertEquals(Optional.empty(), api.received().getFirst().location());
        assertEquals(Optional.of("12 Mill Lane, Stone"), api.received().getFirst().address());
    }

    @Test
    void onlyReportsOfAServiceTheWorksSystemTakesAndNotAwaitingReviewAreQueued() {
        cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0).withCategory(Category.FAULT_REPORT, Optional.of("street_lighting")));
        cases.add(Works.pothole("psid-2", "Mill Lane", Optional.of(PIN), T0).withStatus(CaseStatus.NEEDS_REVIEW));
        cases.add(Works.pothole("psid-3", "Mill Lane", Optional.of(PIN), T0).withCategory(Category.QUERY, Optional.empty()));

        assertEquals(0, referrals.sweep());
    }

    @Test
    void aRefusalIsShownToStaffWithTheReasonAndNotRetried() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        referrals.sweep();
        api.then(new WorksApi.Submission.Refused(400, "service_code HW_POTHOLE: location outside the county"));

        assertEquals(WorksReferrals.Outcome.REFUSED, referrals.send(report.reference(), false));
        assertEquals(WorksReferrals.Outcome.ALREADY_SENT, referrals.send(report.reference(), false));

        CaseEvent refused = events(report).stream().filter(e -> e.type().equals("works_request_refused")).findFirst().orElseThrow();
        assertTrue(refused.detail().contains("HTTP 400: service_code HW_POTHOLE: location outside the county"), refused.detail());
    }

    @Test
    void anOutageIsRetriedAndOnTheLastAttemptRecordedAsFailed() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        referrals.sweep();
        api.then(new WorksApi.WorksUnavailableException("HTTP 503")).then(new WorksApi.WorksUnavailableException("HTTP 503"));

        assertThrows(WorksApi.WorksUnavailableException.class, () -> referrals.send(report.reference(), false));
        assertTrue(events(report).isEmpty(), "a retry is not news for staff");
        assertThrows(WorksApi.WorksUnavailableException.class, () -> referrals.send(report.reference(), true));

        assertEquals(WorksRecords.State.FAILED, records.request(report.reference()).orElseThrow().state());
        assertTrue(events(report).stream().anyMatch(e -> e.type().equals("works_request_failed")));
        assertEquals(0, referrals.sweep(), "not queued again after the dead-letter queue");
    }

    @Test
    void aTokenIsTurnedIntoTheServiceRequestId() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        referrals.sweep();
        api.then(new WorksApi.Submission.Pending("tok-9"));

        assertEquals(WorksReferrals.Outcome.SENT, referrals.send(report.reference(), false));

        assertEquals(Optional.of(report.reference()), records.caseOf("highways", "id-for-tok-9"));
    }

    @Test
    void aReportTheQueueDidNotTakeIsQueuedByTheNextSweepAndOneLostByACrashAfterTheRequeueTime() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        queueDown = true;
        assertEquals(0, referrals.sweep());
        queueDown = false;
        assertEquals(1, referrals.sweep());
        queued.clear();

        clock.advance(Duration.ofMinutes(31));
        assertEquals(1, referrals.sweep(), "still only queued after the requeue time: queued again");
        assertEquals(List.of(report.reference()), queued);
    }

    @Test
    void oneSweepQueuesItsReportsInOneGoAndARefusedOneIsQueuedByTheNext() {
        List<Case> reports = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            reports.add(cases.add(Works.pothole("psid-" + i, "Mill Lane", Optional.of(PIN), T0)));
        }
        queueRefuses = Set.of(reports.get(3).reference());

        assertEquals(11, referrals.sweep());
        assertEquals(List.of(12), enqueueCalls, "one call to the queue for the sweep's reports");
        queueRefuses = Set.of();
        assertEquals(1, referrals.sweep(), "the refused one is forgotten, so the next sweep queues it");
        assertEquals(reports.get(3).reference(), queued.getLast());
    }

    @Test
    void theStateAndItsEventAreWrittenWithoutChangingTheCase() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        referrals.sweep();

        referrals.send(report.reference(), false);

        assertEquals(report, cases.find(report.reference()).orElseThrow(), "the case item is left as it was");
        assertEquals(1, events(report).size(), events(report).toString());
    }

    @Test
    void aReportWhoseResidentWasErasedIsNotSent() {
        Case report = cases.add(Works.pothole("psid-1", "Mill Lane", Optional.of(PIN), T0));
        referrals.sweep();
        cases.eraseResident(report.residentKey(), new CaseEvent(T0, CaseEvent.SYSTEM, "resident_erased", "erased"));

        assertEquals(WorksReferrals.Outcome.NOT_SENDABLE, referrals.send(report.reference(), false));
        assertTrue(api.received().isEmpty(), "nothing of theirs goes to the works system");
    }

    private List<CaseEvent> events(Case report) {
        return cases.events(report.reference());
    }
}
