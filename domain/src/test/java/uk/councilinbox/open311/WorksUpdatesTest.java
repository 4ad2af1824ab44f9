package uk.councilinbox.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;
import uk.councilinbox.testing.InMemoryWorksRecords;
import uk.councilinbox.testing.ScriptedWorksApi;

/** The works system's changes come back to the case and, where residents care, to the resident: once each. */
class WorksUpdatesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(730);

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final InMemoryWorksRecords records = new InMemoryWorksRecords();
    private final ScriptedWorksApi api = new ScriptedWorksApi();
    private final InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
    private final WorksUpdates works = new WorksUpdates(cases, Works.SYSTEMS, records, api, new ProgressUpdates(new ReplyTemplates()),
            new PendingReplies(cases, outbound), new WorksUpdates.Settings(Duration.ofMinutes(5), Duration.ofDays(1), RETENTION), clock);

    @Test
    void aRepairTellsTheResidentThePotholeWasRepairedOnceEvenFetchedTwice() {
        Case report = sentAs("101");
        api.changed(update("u-1", "101", "fixed", Optional.empty(), T0.plusSeconds(30)));
        clock.advance(Duration.ofMinutes(1));

        WorksUpdates.Run first = works.run();
        clock.advance(Duration.ofMinutes(1));
        WorksUpdates.Run second = works.run();

        assertEquals(new WorksUpdates.Run(1, 1, 1, 0, 0), first);
        assertEquals(new WorksUpdates.Run(1, 0, 0, 1, 0), second, "fetched again (the overlap), handled once");
        List<OutboundReply> told = outbound.enqueued();
        assertEquals(1, told.size());
        assertTrue(told.getFirst().text().contains("the pothole you reported"), told.getFirst().text());
        assertTrue(told.getFirst().text().contains("has been repaired"), told.getFirst().text());
        assertEquals(CaseStatus.RESOLVED, cases.find(report.reference()).orElseThrow().status());
        assertTrue(cases.events(report.reference()).stream().anyMatch(e -> e.actor().equals("works:highways")
                && e.detail().equals("acknowledged -> resolved: works system fixed: Filled and sealed")), cases.events(report.reference()).toString());
    }

    @Test
    void aChangeSavedButNotRecordedBeforeACrashDoesNotTellTheResidentAgain() {
        Case report = sentAs("101");
        WorksUpdate fixed = update("u-1", "101", "fixed", Optional.empty(), T0.plusSeconds(30));
        api.changed(fixed);
        clock.advance(Duration.ofMinutes(1));
        works.run();
        // As if the run had crashed after saving the change and before recording it:
        WorksRecords forgetful = new InMemoryWorksRecords();
        WorksSystem highways = Works.HIGHWAYS;
        forgetful.sent(report.reference(), highways.name(), null, "101", sentEvent("101"));

        new WorksUpdates(cases, Works.SYSTEMS, forgetful, api, new ProgressUpdates(new ReplyTemplates()), new PendingReplies(cases, outbound),
                new WorksUpdates.Settings(Duration.ofMinutes(5), Duration.ofDays(1), RETENTION), clock).run();

        assertEquals(1, outbound.enqueued().size());
    }

    @Test
    void aChangeResidentsDoNotHearOfIsRecordedForStaffOnly() {
        Case report = sentAs("101");
        api.changed(update("u-1", "101", "open", Optional.of("INSPECTED"), T0.plusSeconds(30)));
        clock.advance(Duration.ofMinutes(1));

        assertEquals(new WorksUpdates.Run(1, 1, 0, 0, 0), works.run());

        assertEquals(0, outbound.enqueued().size());
        assertEquals(CaseStatus.ACKNOWLEDGED, cases.find(report.reference()).orElseThrow().status());
        assertTrue(cases.events(report.reference()).stream().anyMatch(e -> e.type().equals("works_update")
                && e.detail().equals("service_request_id 101 open (INSPECTED): Filled and sealed")));
    }

    @Test
    void theExternalStatusCodeIsReadBeforeTheStatusAndEachRequestsChangesInOrder() {
        Case report = sentAs("101");
        api.changed(update("u-2", "101", "closed", Optional.of("CR_FIX"), T0.plusSeconds(40)));
        api.changed(update("u-1", "101", "in_progress", Optional.empty(), T0.plusSeconds(20)));
        clock.advance(Duration.ofMinutes(1));

        works.run();

        assertEquals(List.of("being worked on", "resolved"), outbound.enqueued().stream().map(r -> r.templateParameters().get(1)).toList());
        assertEquals(CaseStatus.RESOLVED, cases.find(report.reference()).orElseThrow().status());
    }

    @Test
    void aRequestNotOursIsCountedAndEachFetchStartsWhereTheLastEndedLessTheOverlap() {
        api.changed(update("u-1", "999", "fixed", Optional.empty(), T0.plusSeconds(30)));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(new WorksUpdates.Run(1, 0, 0, 0, 1), works.run());
        clock.advance(Duration.ofMinutes(1));
        works.run();

        assertEquals(T0.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)), api.fetches().get(0)[0]);
        assertEquals(T0.plus(Duration.ofMinutes(1)).minus(Duration.ofMinutes(5)), api.fetches().get(1)[0]);
    }

    @Test
    void aThousandRepairsReachAThousandResidentsOnce() {
        List<Case> reports = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            reports.add(sentAs("r" + i));
            api.changed(update("u" + i, "r" + i, "fixed", Optional.empty(), T0.plusSeconds(i % 50)));
        }
        clock.advance(Duration.ofMinutes(1));

        assertEquals(new WorksUpdates.Run(1_000, 1_000, 1_000, 0, 0), works.run());
        works.run();

        assertEquals(1_000, outbound.enqueued().stream().map(OutboundReply::residentKey).distinct().count());
        assertEquals(1_000, outbound.enqueued().size());
    }

    private Case sentAs(String serviceRequestId) {
        Case report = cases.add(Works.pothole("psid-" + serviceRequestId, "Mill Lane, Stone", Optional.of(new GeoPoint(52.9, -2.15)), T0));
        records.queue(report.reference(), "highways", T0);
        records.sent(report.reference(), "highways", null, serviceRequestId, sentEvent(serviceRequestId));
        return report;
    }

    private static uk.councilinbox.cases.CaseEvent sentEvent(String serviceRequestId) {
        return new uk.councilinbox.cases.CaseEvent(T0, "works:highways", "works_request_sent", "service_request_id " + serviceRequestId);
    }

    private static WorksUpdate update(String id, String request, String status, Optional<String> code, Instant at) {
        return new WorksUpdate(id, request, status, at, "Filled and sealed", code);
    }
}
