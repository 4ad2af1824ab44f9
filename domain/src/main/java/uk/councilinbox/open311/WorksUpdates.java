package uk.councilinbox.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import uk.councilinbox.cases.Case;
import uk.councilinbox.concurrent.Bounded;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;

/**
 * Brings the works systems' changes back to the cases (the scheduled updates function): fetches each system's changes
 * since the last run, records each on its case, and where it moves the case to a status residents hear of, saves the
 * progress update with it and queues it, the same path as a change staff make (so the sender's platform rules and pacing
 * apply). A change is handled once: its id is recorded after it is handled and looked for first, and a change saved but
 * not yet recorded (a crash between the two) finds its case at its status already, so the resident is not told twice.
 */
public final class WorksUpdates {

    /** Changes handled at once: a crew's afternoon of closures in one run inside a Lambda invocation. */
    static final int PARALLELISM = 16;

    /**
     * @param overlap each fetch starts this long before the previous one ended, for changes the works system dates a
     *     little late (its clock, its own commit delay); the guard makes a change fetched twice count once
     * @param firstFetch how far back the very first fetch goes
     * @param retention how long a case's items are kept after it is closed (as staff changes set it)
     */
    public record Settings(Duration overlap, Duration firstFetch, Duration retention) {}

    /** What one run did, over every system. */
    public record Run(int fetched, int applied, int told, int duplicates, int unknown) {}

    private final WorksSystems systems;
    private final WorksRecords records;
    private final WorksApi api;
    private final ProgressUpdates updates;
    private final PendingReplies pending;
    private final WorksChanges changes;
    private final Settings settings;
    private final Clock clock;

    public WorksUpdates(CaseStore cases, WorksSystems systems, WorksRecords records, WorksApi api, ProgressUpdates updates,
            PendingReplies pending, Settings settings, Clock clock) {
        this.systems = systems;
        this.records = records;
        this.api = api;
        this.updates = updates;
        this.pending = pending;
        this.changes = new WorksChanges(cases);
        this.settings = settings;
        this.clock = clock;
    }

    public Run run() {
        AtomicInteger fetched = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger told = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        for (WorksSystem system : systems.all()) {
            if (system.feed() == WorksSystem.Feed.NONE) {
                continue;
            }
            Instant to = clock.instant();
            Instant from = records.fetchedUntil(system.name()).map(until -> until.minus(settings.overlap()))
                    .orElse(to.minus(settings.firstFetch()));
            List<WorksUpdate> changed = api.changes(system, from, to);
            fetched.addAndGet(changed.size());
            Map<String, Reference> cases = records.casesOf(system.name(), changed.stream().map(WorksUpdate::serviceRequestId).distinct().toList());
            List<WorksRecords.Change> ours = changed.stream().filter(u -> cases.containsKey(u.serviceRequestId()))
                    .map(u -> new WorksRecords.Change(cases.get(u.serviceRequestId()), u)).toList();
            unknown.addAndGet(changed.size() - ours.size());
            Set<String> handled = records.handled(system.name(), ours);
            duplicates.addAndGet((int) ours.stream().filter(c -> handled.contains(c.update().updateId())).count());
            Guards guards = new Guards(system);
            // Requests at once; each request's own changes in the order they happened.
            try {
                Bounded.forEach(byRequest(ours.stream().filter(c -> !handled.contains(c.update().updateId())).toList()), PARALLELISM,
                        ofOne -> ofOne.forEach(change -> {
                            applied.incrementAndGet();
                            if (handle(system, change, guards)) {
                                told.incrementAndGet();
                            }
                        }));
            } finally {
                guards.flush();
            }
            // Only once every change is handled: a run that fails part-way fetches them again, and the guard skips those done.
            records.fetchedUntil(system.name(), to);
        }
        return new Run(fetched.get(), applied.get(), told.get(), duplicates.get(), unknown.get());
    }

    private static java.util.Collection<List<WorksRecords.Change>> byRequest(List<WorksRecords.Change> changes) {
        return changes.stream().sorted(java.util.Comparator.comparing(c -> c.update().updatedAt()))
                .collect(java.util.stream.Collectors.groupingBy(c -> c.update().serviceRequestId(), java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.toList())).values();
    }

    /**
     * The changes handled, recorded a batch at a time (the store's batch write): a crash loses at most a batch of records,
     * and those changes find their cases at their new status when fetched again, so nobody is told twice.
     */
    private final class Guards {
        static final int BATCH = 25;
        private final WorksSystem system;
        private final List<WorksRecords.Change> done = new ArrayList<>();

        Guards(WorksSystem system) {
            this.system = system;
        }

        synchronized void add(WorksRecords.Change change) {
            done.add(change);
            if (done.size() >= BATCH) {
                flush();
            }
        }

        synchronized void flush() {
            if (!done.isEmpty()) {
                records.handledNow(system.name(), List.copyOf(done), clock.instant());
                done.clear();
            }
        }
    }

    /** @return whether the resident is told */
    boolean handle(WorksSystem system, WorksRecords.Change change, Guards guards) {
        Instant now = clock.instant();
        WorksUpdate update = change.update();
        Optional<WorksChanges.Saved> saved = changes.save(change.report(), current -> Optional.of(change(system, update, current, now)));
        Optional<OutboundReply> reply = saved.flatMap(WorksChanges.Saved::update);
        guards.add(change);
        reply.ifPresent(pending::queue);
        return reply.isPresent();
    }

    /** The case moved to the status the change maps to, where it may go there from where it is; else the change only recorded. */
    private WorksChanges.Saved change(WorksSystem system, WorksUpdate update, Case current, Instant now) {
        Optional<CaseStatus> target = system.statusOf(update).filter(s -> s != current.status() && current.status().canMoveTo(s));
        String said = update.status() + update.externalStatusCode().map(c -> " (" + c + ")").orElse("")
                + (update.description().isBlank() ? "" : ": " + update.description().trim());
        if (target.isEmpty()) {
            return WorksChanges.Saved.event(current, new CaseEvent(now, WorksChanges.actor(system), "works_update",
                    "service_request_id " + update.serviceRequestId() + " " + said));
        }
        Case changed = current.withStatus(target.get()).withHandling(current.handling().statusChanged(target.get())).changed(now);
        CaseEvent event = new CaseEvent(now, WorksChanges.actor(system), "status_changed",
                current.status().label() + " -> " + changed.status().label() + ": works system " + said);
        return new WorksChanges.Saved(changed, event, updates.forStatusChange(changed, update.description(), now),
                changed.status().isOpen() ? Optional.empty() : Optional.of(now.plus(settings.retention())));
    }
}
