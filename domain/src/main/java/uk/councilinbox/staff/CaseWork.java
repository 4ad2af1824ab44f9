package uk.councilinbox.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore.CaseChangedException;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.concurrent.Bounded;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;

/**
 * What staff do to cases: change status (allowed transitions only, the resident told where they care),
 * reassign the category, add internal notes, bulk status changes, and erase a resident's data. Every
 * action is recorded in the case history with who and when.
 */
public final class CaseWork {

    /** A bulk change touches this many cases at once: fast enough for 1,000 inside a Lambda invocation. */
    static final int BULK_PARALLELISM = 16;
    public static final int BULK_LIMIT = 5_000;
    private static final int ATTEMPTS = 4;

    private final CaseStore store;
    private final ProgressUpdates updates;
    private final PendingReplies pending;
    private final Duration retention;
    private final PhotoStore photos;
    private final Clock clock;

    public CaseWork(CaseStore store, ProgressUpdates updates, PendingReplies pending, Duration retention, Clock clock) {
        this(store, updates, pending, PhotoStore.NONE_KEPT, retention, clock);
    }

    public CaseWork(CaseStore store, ProgressUpdates updates, PendingReplies pending, PhotoStore photos, Duration retention, Clock clock) {
        this.photos = photos;
        this.store = store;
        this.updates = updates;
        this.pending = pending;
        this.retention = retention;
        this.clock = clock;
    }

    public Case changeStatus(StaffUser user, Reference ref, CaseStatus target, String note) {
        Instant now = clock.instant();
        return save(ref, current -> {
            if (current.status() == target) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is already " + target.label());
            }
            if (!current.status().canMoveTo(target)) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " cannot go from "
                        + current.status().label() + " to " + target.label() + "; allowed: " + labels(current.status().next()));
            }
            return current.withStatus(target, now).withHandling(current.handling().statusChanged(target)).changed(now);
        }, (before, after) -> new CaseEvent(now, user.id(), "status_changed", before.status().label() + " -> " + after.status().label()
                + (note.isBlank() ? "" : ": " + note.trim())), after -> updates.forStatusChange(after, note, now),
                after -> after.status().isOpen() ? Optional.empty() : Optional.of(now.plus(retention)));
    }

    /** Files the case under {@code category}, and for a report under {@code service} (a code the caller checked against the services). */
    public Case recategorise(StaffUser user, Reference ref, Category category, Optional<String> service, String note) {
        Instant now = clock.instant();
        return save(ref, current -> {
            if (current.category() == category && current.service().equals(service)) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is already " + filed(category, service));
            }
            return current.withCategory(category, service)
                    .withHandling(current.handling().recategorised(category, current.lastResidentMessageAt())).changed(now);
        }, (before, after) -> new CaseEvent(now, user.id(), "category_changed", filed(before.category(), before.service()) + " -> "
                + filed(after.category(), after.service()) + (note.isBlank() ? "" : ": " + note.trim())), after -> Optional.empty(),
                after -> Optional.empty());
    }

    private static String filed(Category category, Optional<String> service) {
        return category.label() + service.map(s -> "/" + s).orElse("");
    }

    public Case addNote(StaffUser user, Reference ref, String note) {
        Instant now = clock.instant();
        return save(ref, current -> current.changed(now), (before, after) -> new CaseEvent(now, user.id(), "note", note.trim()),
                after -> Optional.empty(), after -> Optional.empty());
    }

    /** Gives the case to a member of staff to answer ({@code staffId} empty: to nobody); the history says who moved it. */
    public Case assign(StaffUser user, Reference ref, Optional<String> staffId) {
        Instant now = clock.instant();
        Optional<String> to = staffId.map(String::strip).filter(id -> !id.isEmpty());
        return save(ref, current -> {
            if (current.handling().assignee().equals(to)) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is already "
                        + to.map(id -> "assigned to " + id).orElse("unassigned"));
            }
            return current.withHandling(current.handling().assignedTo(to)).changed(now);
        }, (before, after) -> new CaseEvent(now, user.id(), "assigned", before.handling().assignee().orElse("nobody") + " -> "
                + to.orElse("nobody")), after -> Optional.empty(), after -> Optional.empty());
    }

    /** Staff asked the resident for something: the case leaves the inbox until they write. */
    public Case waitOnResident(StaffUser user, Reference ref, String note) {
        Instant now = clock.instant();
        return save(ref, current -> {
            if (Handling.finished(current.status())) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is " + current.status().label());
            }
            if (current.handling().waitingOnResidentSince().isPresent()) {
                throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is already waiting on the resident");
            }
            return current.withHandling(current.handling().waitingOnResident(now)).changed(now);
        }, (before, after) -> new CaseEvent(now, user.id(), "waiting_on_resident", note.strip()), after -> Optional.empty(),
                after -> Optional.empty());
    }

    /** The outcome of a bulk change: every matching case is changed or listed with why not. */
    public record BulkResult(int matched, int changed, List<Skipped> skipped) {
        public record Skipped(String reference, String reason) {}
    }

    public BulkResult bulkChangeStatus(StaffUser user, CaseQuery query, CaseStatus target, String note) {
        List<Case> matching = store.search(query.withLimit(BULK_LIMIT));
        List<BulkResult.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
        Bounded.forEach(matching, BULK_PARALLELISM, c -> {
            try {
                changeStatus(user, c.reference(), target, note);
            } catch (StaffActionException e) {
                skipped.add(new BulkResult.Skipped(c.reference().value(), e.getMessage()));
            }
        });
        return new BulkResult(matching.size(), matching.size() - skipped.size(), List.copyOf(skipped));
    }

    /** GDPR erasure: the resident's cases stay (for the council's records and trends) without their personal data. */
    public int eraseResident(StaffUser user, String residentKey, String reason) {
        if (!user.may(StaffUser.Role.SUPERVISOR)) {
            throw new StaffActionException(StaffActionException.Reason.NOT_ALLOWED, "only a supervisor may erase a resident's data");
        }
        // The stored photos go first: once the cases no longer name the resident, nothing would lead back to them. And again
        // after: a photo stored meanwhile by the photos function (which records nothing on an erased case) goes too.
        List<Reference> theirs = store.residentCases(residentKey);
        theirs.forEach(photos::deleteCase);
        int erased = store.eraseResident(residentKey, new CaseEvent(clock.instant(), user.id(), CaseEvent.PERSONAL_DATA_ERASED, reason.trim()));
        theirs.forEach(photos::deleteCase);
        return erased;
    }

    /**
     * Subject access: everything held about the resident, case by case (the case, its messages, photos' records and whole
     * history), for a supervisor; each case's history records who exported it and why, before it is read, so the export
     * itself is in what it returns.
     */
    public List<CaseDetail> exportResident(StaffUser user, String residentKey, String reason) {
        if (!user.may(StaffUser.Role.SUPERVISOR)) {
            throw new StaffActionException(StaffActionException.Reason.NOT_ALLOWED, "only a supervisor may export a resident's data");
        }
        Instant now = clock.instant();
        List<Reference> theirs = store.residentCases(residentKey);
        theirs.forEach(ref -> save(ref, current -> current.changed(now),
                (before, after) -> new CaseEvent(now, user.id(), CaseEvent.PERSONAL_DATA_EXPORTED, reason.trim()),
                after -> Optional.empty(), after -> Optional.empty()));
        return theirs.stream().flatMap(ref -> store.detail(ref).stream()).toList();
    }

    private interface EventFor {
        CaseEvent describe(Case before, Case after);
    }

    /** Read, change, save with the history event (and update) in one transaction; re-read and retry if the case moved meanwhile. */
    private Case save(Reference ref, UnaryOperator<Case> change, EventFor event, Function<Case, Optional<OutboundReply>> update,
            Function<Case, Optional<Instant>> expiry) {
        for (int attempt = 1; ; attempt++) {
            Case current = store.find(ref)
                    .orElseThrow(() -> new StaffActionException(StaffActionException.Reason.NOT_FOUND, "no case " + ref));
            Case changed = change.apply(current);
            Optional<OutboundReply> reply = update.apply(changed);
            try {
                store.change(changed, List.of(event.describe(current, changed)), reply, expiry.apply(changed));
            } catch (CaseChangedException e) {
                if (attempt == ATTEMPTS) {
                    throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is changing; try again");
                }
                continue;
            }
            reply.ifPresent(pending::queue);
            return changed;
        }
    }

    private static String labels(Set<CaseStatus> statuses) {
        return statuses.isEmpty() ? "none (final)" : String.join(", ", statuses.stream().map(CaseStatus::label).sorted().toList());
    }
}
