package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.staff.CaseWork.BulkResult;
import uk.councilinbox.staff.StaffActionException.Reason;
import uk.councilinbox.testing.Cases;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;
import uk.councilinbox.testing.Messages;

/** Staff's changes to cases: what is refused and why, and that a refused or racing change loses nothing. */
class CaseWorkTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(730);
    private static final StaffUser AGENT = new StaffUser("agent-1", Set.of(StaffUser.Role.AGENT));
    private static final StaffUser OTHER_AGENT = new StaffUser("agent-2", Set.of(StaffUser.Role.AGENT));
    private static final StaffUser SUPERVISOR = new StaffUser("supervisor-1", Set.of(StaffUser.Role.SUPERVISOR));

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryCaseStore store = new InMemoryCaseStore();
    private final InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
    private final PendingReplies pending = new PendingReplies(store, outbound);
    private final CaseWork work = new CaseWork(store, new ProgressUpdates(new ReplyTemplates()), pending, RETENTION, clock);

    @Test
    void aDisallowedTransitionIsAConflictNamingTheAllowedOnesAndChangesNothing() {
        Case resolved = given(CaseStatus.RESOLVED, "Mill Lane, Stafford");

        StaffActionException e = refused(() -> work.changeStatus(AGENT, resolved.reference(), CaseStatus.REJECTED, "not ours"));

        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals("case " + resolved.reference() + " cannot go from resolved to rejected; allowed: closed, in_progress", e.getMessage());
        assertUnchanged(resolved);
    }

    @Test
    void aClosedCaseAllowsNoTransitionAtAll() {
        Case closed = given(CaseStatus.CLOSED, "Mill Lane, Stafford");

        StaffActionException e = refused(() -> work.changeStatus(AGENT, closed.reference(), CaseStatus.IN_PROGRESS, ""));

        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals("case " + closed.reference() + " cannot go from closed to in_progress; allowed: none (final)", e.getMessage());
        assertUnchanged(closed);
    }

    @Test
    void movingACaseToTheStatusOrCategoryItHasIsAConflict() {
        Case inProgress = given(CaseStatus.IN_PROGRESS, "Mill Lane, Stafford");

        StaffActionException status = refused(() -> work.changeStatus(AGENT, inProgress.reference(), CaseStatus.IN_PROGRESS, ""));
        StaffActionException category = refused(() -> work.recategorise(AGENT, inProgress.reference(), Category.POTHOLE_REPORT, Optional.empty(), ""));

        assertEquals(List.of(Reason.CONFLICT, Reason.CONFLICT), List.of(status.reason(), category.reason()));
        assertEquals("case " + inProgress.reference() + " is already in_progress", status.getMessage());
        assertEquals("case " + inProgress.reference() + " is already pothole_report", category.getMessage());
        assertUnchanged(inProgress);
    }

    @Test
    void anUnknownCaseIsNotFoundWhateverIsDoneToIt() {
        Reference unknown = Reference.random();

        for (Executable action : List.<Executable>of(
                () -> work.changeStatus(AGENT, unknown, CaseStatus.IN_PROGRESS, ""),
                () -> work.recategorise(AGENT, unknown, Category.COMPLAINT, Optional.empty(), ""),
                () -> work.addNote(AGENT, unknown, "called back"))) {
            StaffActionException e = refused(action);
            assertEquals(Reason.NOT_FOUND, e.reason());
            assertEquals("no case " + unknown, e.getMessage());
        }
        assertEquals(List.of(), store.all());
    }

    @Test
    void anAllowedChangeIsSavedWithWhoAndWhyAndTheResidentIsToldOnce() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        clock.advance(Duration.ofHours(1));

        Case changed = work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, " crew booked ");

        assertEquals(changed, store.find(acknowledged.reference()).orElseThrow());
        assertEquals(List.of(CaseStatus.IN_PROGRESS, 2L, clock.instant()),
                List.of(changed.status(), changed.version(), changed.updatedAt()));
        assertEquals(List.of(new CaseEvent(clock.instant(), "agent-1", "status_changed", "acknowledged -> in_progress: crew booked")),
                store.events(acknowledged.reference()));
        OutboundReply update = outbound.toSend().getFirst();
        assertEquals(List.of("update:" + acknowledged.reference() + ":2"), outbound.toSend().stream().map(OutboundReply::replyId).toList());
        assertTrue(update.text().contains(acknowledged.reference().value()), update.text());
        assertEquals(List.of(), store.pending(), "queued, so no longer pending");
    }

    @Test
    void assigningSavesWhoMovedItToWhomAndAssigningTwiceToTheSamePersonIsAConflict() {
        Case query = store.add(Cases.pothole(Messages.newResident(), CaseStatus.ACKNOWLEDGED, "Stone", T0).withCategory(Category.QUERY, Optional.empty())
                .withHandling(Handling.opened(Category.QUERY, T0)));

        Case mine = work.assign(AGENT, query.reference(), Optional.of(" agent-1 "));
        Case theirs = work.assign(AGENT, query.reference(), Optional.of("agent-2"));

        assertEquals(Optional.of("agent-1"), mine.handling().assignee());
        assertEquals(Optional.of("agent-2"), theirs.handling().assignee());
        assertEquals(List.of("nobody -> agent-1", "agent-1 -> agent-2"), store.events(query.reference()).stream().map(CaseEvent::detail).toList());
        assertEquals(Reason.CONFLICT, refused(() -> work.assign(OTHER_AGENT, query.reference(), Optional.of("agent-2"))).reason());
        assertEquals(Optional.empty(), work.assign(OTHER_AGENT, query.reference(), Optional.of("  ")).handling().assignee(), "blank: nobody");
        assertTrue(theirs.handling().awaitingAnswer(), "assigning answers nobody");
        assertEquals(List.of(), outbound.enqueued(), "the resident hears nothing of it");
    }

    @Test
    void waitingOnTheResidentTakesItOutOfTheInboxAndResolvingEndsAnyWait() {
        Case query = store.add(Cases.pothole(Messages.newResident(), CaseStatus.ACKNOWLEDGED, "Stone", T0).withCategory(Category.QUERY, Optional.empty())
                .withHandling(Handling.opened(Category.QUERY, T0)));

        Case waiting = work.waitOnResident(AGENT, query.reference(), "asked for the house number");

        assertEquals(List.of(false, Optional.of(T0)), List.of(waiting.handling().awaitingAnswer(), waiting.handling().waitingOnResidentSince()));
        assertEquals(new CaseEvent(T0, "agent-1", "waiting_on_resident", "asked for the house number"), store.events(query.reference()).getLast());
        assertEquals(Reason.CONFLICT, refused(() -> work.waitOnResident(AGENT, query.reference(), "")).reason(), "already waiting");
        Case resolved = work.changeStatus(AGENT, query.reference(), CaseStatus.RESOLVED, "");
        assertEquals(Handling.NONE, resolved.handling(), "a resolved case waits for nobody");
        assertEquals(Reason.CONFLICT, refused(() -> work.waitOnResident(AGENT, query.reference(), "")).reason(), "resolved: nothing to wait for");
    }

    @Test
    void anXMentionsCaseHearsOfProgressByAGenericPublicReplyToThePostThatMentionedTheCouncil() {
        String post = "1790000000000000042";
        Case mention = store.add(Cases.openedBy(Messages.xMention(Messages.newResident(), "@council pothole on Mill Lane", post,
                T0.minus(Duration.ofDays(2)))).withStatus(CaseStatus.ACKNOWLEDGED));

        work.changeStatus(AGENT, mention.reference(), CaseStatus.RESOLVED, "filled");

        OutboundReply update = outbound.toSend().getFirst();
        assertEquals(Optional.of(post), update.replyTarget());
        assertFalse(update.text().contains(mention.reference().value()), "nothing about the case in public: " + update.text());
        assertEquals(new DeliveryPlan.PublicReply(post), new DeliveryRules("case_update", false, Optional.empty()).plan(update, clock.instant()));
    }

    @Test
    void aChangeMadeWhileTheQueueIsDownIsSavedAndItsUpdateLeftForTheSweep() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        outbound.down(true);

        work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, "");

        assertEquals(CaseStatus.IN_PROGRESS, store.find(acknowledged.reference()).orElseThrow().status());
        assertEquals(List.of("update:" + acknowledged.reference() + ":2"), store.pending().stream().map(OutboundReply::replyId).toList());
        outbound.down(false);
        assertEquals(1, pending.sweep(clock.instant().plus(Duration.ofMinutes(1)), 10));
        assertEquals(1, outbound.toSend().size());
        assertEquals(List.of(), store.pending());
    }

    @Test
    void closingACaseSetsItToBeDeletedAfterTheRetentionPeriodButResolvingDoesNot() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");

        work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.RESOLVED, "");
        assertEquals(Optional.empty(), store.expiry(acknowledged.reference()));
        clock.advance(Duration.ofDays(14));
        work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.CLOSED, "");

        assertEquals(Optional.of(clock.instant().plus(RETENTION)), store.expiry(acknowledged.reference()));
    }

    @Test
    void theFirstResolutionIsKeptOnTheCaseThroughAReopeningAndTheClose() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        assertEquals(Optional.empty(), acknowledged.resolvedAt());

        assertEquals(Optional.empty(), work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, "").resolvedAt());
        clock.advance(Duration.ofHours(30));
        Instant resolved = clock.instant();
        assertEquals(Optional.of(resolved), work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.RESOLVED, "").resolvedAt());
        clock.advance(Duration.ofDays(2));
        work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, "still there");
        clock.advance(Duration.ofDays(2));
        work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.RESOLVED, "");
        Case closed = work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.CLOSED, "");

        assertEquals(Optional.of(resolved), closed.resolvedAt(), "the first resolution is the one trends measure");
        assertEquals(closed, store.find(acknowledged.reference()).orElseThrow());
    }

    @Test
    void aChangeThatLostARaceIsMadeAgainOnTheNewerCaseAndBothAreKept() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        store.beforeNextChanges(1, () -> work.addNote(OTHER_AGENT, acknowledged.reference(), "resident phoned"));

        Case changed = work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, "");

        assertEquals(List.of(CaseStatus.IN_PROGRESS, 3L), List.of(changed.status(), changed.version()));
        assertEquals(List.of("note", "status_changed"), store.events(acknowledged.reference()).stream().map(CaseEvent::type).toList());
        assertEquals(List.of("update:" + acknowledged.reference() + ":3"),
                outbound.enqueued().stream().map(OutboundReply::replyId).toList(), "the update is for the version saved");
    }

    @Test
    void aChangeThatARacingChangeMadeDisallowedIsAConflictAndTheOtherChangeStands() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        store.beforeNextChanges(1, () -> work.changeStatus(OTHER_AGENT, acknowledged.reference(), CaseStatus.REJECTED, "private road"));

        StaffActionException e = refused(() -> work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.RESOLVED, "filled"));

        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals("case " + acknowledged.reference() + " cannot go from rejected to resolved; allowed: none (final)", e.getMessage());
        Case now = store.find(acknowledged.reference()).orElseThrow();
        assertEquals(List.of(CaseStatus.REJECTED, 2L), List.of(now.status(), now.version()));
        assertEquals(List.of(new CaseEvent(T0, "agent-2", "status_changed", "acknowledged -> rejected: private road")),
                store.events(acknowledged.reference()));
    }

    @Test
    void aCaseThatKeepsChangingIsReportedAsAConflictWithoutOverwritingTheOtherChanges() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        store.beforeNextChanges(100, () -> work.addNote(OTHER_AGENT, acknowledged.reference(), "busy"));

        StaffActionException e = refused(() -> work.changeStatus(AGENT, acknowledged.reference(), CaseStatus.IN_PROGRESS, ""));

        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals("case " + acknowledged.reference() + " is changing; try again", e.getMessage());
        Case now = store.find(acknowledged.reference()).orElseThrow();
        List<CaseEvent> events = store.events(acknowledged.reference());
        assertEquals(CaseStatus.ACKNOWLEDGED, now.status());
        assertEquals(1 + events.size(), now.version(), "every racing note was saved");
        assertTrue(events.stream().allMatch(event -> event.type().equals("note")), events.toString());
        assertEquals(List.of(), outbound.enqueued());
    }

    @Test
    void aBulkChangeSkipsCasesInTheWrongStateAndSaysWhy() {
        Case acknowledged = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");
        Case inProgress = given(CaseStatus.IN_PROGRESS, "12 Mill Lane");
        Case resolved = given(CaseStatus.RESOLVED, "mill lane, Eccleshall");
        Case closed = given(CaseStatus.CLOSED, "Mill Lane, Stafford");
        Case elsewhere = given(CaseStatus.ACKNOWLEDGED, "Church Street, Stone");

        BulkResult result = work.bulkChangeStatus(AGENT, inArea("Mill Lane"), CaseStatus.RESOLVED, "resurfaced");

        assertEquals(List.of(4, 2), List.of(result.matched(), result.changed()));
        assertEquals(Set.of(
                        new BulkResult.Skipped(resolved.reference().value(), "case " + resolved.reference() + " is already resolved"),
                        new BulkResult.Skipped(closed.reference().value(),
                                "case " + closed.reference() + " cannot go from closed to resolved; allowed: none (final)")),
                Set.copyOf(result.skipped()));
        for (Case c : List.of(acknowledged, inProgress)) {
            assertEquals(CaseStatus.RESOLVED, store.find(c.reference()).orElseThrow().status(), c.reference().value());
        }
        assertUnchanged(resolved);
        assertUnchanged(closed);
        assertUnchanged(elsewhere);
        assertEquals(2, outbound.toSend().size(), "the residents whose cases changed are told");
    }

    @Test
    void onlyASupervisorMayEraseAResidentsData() {
        String resident = Messages.newResident();
        Case first = store.add(Cases.pothole(resident, CaseStatus.RESOLVED, "Mill Lane, Stafford", T0)
                .withLocation(Optional.of("Mill Lane, Stafford"), Optional.of(new GeoPoint(52.8, -2.1))));
        Case second = given(resident, CaseStatus.ACKNOWLEDGED, "Church Street, Stone");
        Case neighbours = given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");

        StaffActionException e = refused(() -> work.eraseResident(AGENT, first.residentKey(), "subject access erasure request"));
        assertEquals(Reason.NOT_ALLOWED, e.reason());
        assertEquals("only a supervisor may erase a resident's data", e.getMessage());
        assertUnchanged(first);
        assertUnchanged(second);

        assertEquals(2, work.eraseResident(SUPERVISOR, first.residentKey(), " subject access erasure request "));
        for (Case c : List.of(first, second)) {
            Case erased = store.find(c.reference()).orElseThrow();
            assertEquals(List.of(Case.ERASED_RESIDENT, Optional.empty()), List.of(erased.residentId(), erased.pin()));
            assertEquals(List.of(new CaseEvent(T0, "supervisor-1", "personal_data_erased", "subject access erasure request")),
                    store.events(c.reference()));
        }
        assertUnchanged(neighbours);
    }

    @Test
    void aSupervisorExportsEveryCaseOfOneResidentAndEachRecordsTheExport() {
        String resident = Messages.newResident();
        Case first = given(resident, CaseStatus.ACKNOWLEDGED, "Stone Road, Stone");
        Case second = given(resident, CaseStatus.RESOLVED, "Church Street, Stone");
        given(CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford");

        StaffActionException e = refused(() -> work.exportResident(AGENT, first.residentKey(), "subject access request"));
        assertEquals(Reason.NOT_ALLOWED, e.reason());
        assertUnchanged(first);

        List<CaseDetail> exported = work.exportResident(SUPERVISOR, first.residentKey(), " subject access request ");
        assertEquals(Set.of(first.reference(), second.reference()), exported.stream().map(d -> d.c().reference()).collect(Collectors.toSet()));
        for (CaseDetail d : exported) {
            assertEquals(List.of(new CaseEvent(T0, "supervisor-1", CaseEvent.PERSONAL_DATA_EXPORTED, "subject access request")), d.history(),
                    "the export is in what it returns");
        }
    }

    private Case given(CaseStatus status, String place) {
        return given(Messages.newResident(), status, place);
    }

    private Case given(String resident, CaseStatus status, String place) {
        return store.add(Cases.pothole(resident, status, place, T0.minus(Duration.ofDays(3))));
    }

    private void assertUnchanged(Case c) {
        assertEquals(c, store.find(c.reference()).orElseThrow());
        assertEquals(List.of(), store.events(c.reference()));
        assertEquals(Optional.empty(), store.expiry(c.reference()));
        String ref = c.reference().value();
        assertTrue(outbound.enqueued().stream().noneMatch(r -> r.reference().equals(ref)), "no update for " + ref);
        assertTrue(store.pending().stream().noneMatch(r -> r.reference().equals(ref)), "no pending update for " + ref);
    }

    private static StaffActionException refused(Executable action) {
        return assertThrows(StaffActionException.class, action);
    }

    private static CaseQuery inArea(String area) {
        return new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(area), 100);
    }
}
