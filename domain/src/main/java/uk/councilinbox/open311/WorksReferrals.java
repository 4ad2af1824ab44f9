package uk.councilinbox.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;

/**
 * Sends reports to the council's works systems. A scheduled sweep finds the reports of a service that goes to a works
 * system, opened within the look-back and placed (by a pin, or by words once the wait for a pin is over), and queues each
 * once; the works queue's consumer sends it, retried with backoff until the configured attempts, and records on the case
 * what was sent and the id the works system gave it, or why it refused.
 *
 * <p>A sweep rather than a call from triage: triage stays as it is (one concern fewer on the message path), a report
 * re-filed by staff or given its pin later is picked up the same way, and the wait for a pin needs no delayed message.
 */
public final class WorksReferrals {

    private static final System.Logger LOG = System.getLogger(WorksReferrals.class.getName());
    /** Open reports, not one waiting for review (its category may be wrong) or closed. */
    static final Set<CaseStatus> SENDABLE = EnumSet.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS);
    static final int SWEEP_LIMIT = 5_000;

    /** What became of one queued report. */
    public enum Outcome { SENT, AWAITING_ID, REFUSED, ALREADY_SENT, NOT_SENDABLE }

    /**
     * @param lookBack how far back the sweep looks for reports opened (longer than any pin wait)
     * @param requeueAfter a report queued this long ago and still not settled is queued again (a crash between saving it as
     *     queued and queuing it); longer than all the queue's retries take
     */
    public record Settings(Duration lookBack, Duration requeueAfter) {}

    private final CaseStore cases;
    private final Services services;
    private final WorksSystems systems;
    private final WorksRecords records;
    private final WorksQueue queue;
    private final WorksApi api;
    private final Settings settings;
    private final Clock clock;

    public WorksReferrals(CaseStore cases, Services services, WorksSystems systems, WorksRecords records, WorksQueue queue, WorksApi api,
            Settings settings, Clock clock) {
        this.cases = cases;
        this.services = services;
        this.systems = systems;
        this.records = records;
        this.queue = queue;
        this.api = api;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return how many reports were queued */
    public int sweep() {
        if (systems.all().isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Case> ready = new ArrayList<>();
        for (Category category : List.of(Category.POTHOLE_REPORT, Category.FAULT_REPORT)) {
            cases.search(new CaseQuery(SENDABLE, Optional.of(category), Optional.empty(), Optional.of(now.minus(settings.lookBack())),
                    Optional.empty(), Optional.empty(), SWEEP_LIMIT)).stream()
                    .filter(c -> systems.forService(c.service()).filter(s -> ready(c, s, now)).isPresent())
                    .forEach(ready::add);
        }
        Map<Reference, WorksRecords.Request> saved = records.requests(ready.stream().map(Case::reference).toList());
        List<Reference> claimed = new ArrayList<>();
        List<Reference> again = new ArrayList<>();
        for (Case c : ready) {
            WorksRecords.Request request = saved.get(c.reference());
            if (request == null) {
                if (records.queue(c.reference(), systems.forService(c.service()).orElseThrow().name(), now)) {
                    claimed.add(c.reference());
                }
            } else if (request.state() == WorksRecords.State.QUEUED && request.at().isBefore(now.minus(settings.requeueAfter()))) {
                records.requeued(c.reference(), now);
                again.add(c.reference());
            }
        }
        return enqueue(claimed, again);
    }

    /** Queues them in as few requests as the queue takes; a new one the queue refused is forgotten, for the next sweep. */
    private int enqueue(List<Reference> claimed, List<Reference> again) {
        List<Reference> all = new ArrayList<>(claimed);
        all.addAll(again);
        if (all.isEmpty()) {
            return 0;
        }
        Set<Reference> refused;
        try {
            refused = queue.enqueue(all);
        } catch (RuntimeException e) {
            refused = Set.copyOf(all);
            LOG.log(System.Logger.Level.WARNING, "{0} report(s) not queued for their works system ({1}); the next sweep tries again",
                    all.size(), e.getClass().getSimpleName());
        }
        claimed.stream().filter(refused::contains).forEach(records::forget);
        return all.size() - refused.size();
    }

    /** Placed by a pin, or by words once the wait for the resident's pin is over. */
    static boolean ready(Case c, WorksSystem system, Instant now) {
        return c.pin().isPresent() || c.place().isPresent() && !c.createdAt().plus(system.pinWait()).isAfter(now);
    }

    /**
     * Sends one queued report (the works queue's consumer). A redelivery of a report already taken changes nothing.
     *
     * @param lastAttempt the queue gives up after this one: a failure is recorded on the case as well as thrown
     * @throws WorksApi.WorksUnavailableException to be retried later
     */
    public Outcome send(Reference ref, boolean lastAttempt) {
        Instant now = clock.instant();
        WorksRecords.Report saved = records.report(ref);
        Optional<WorksRecords.Request> sentBefore = saved.request();
        if (sentBefore.isPresent() && sentBefore.get().state().settled()) {
            return Outcome.ALREADY_SENT;
        }
        Optional<Case> found = saved.report().filter(c -> !c.residentErased());
        Optional<WorksSystem> system = found.flatMap(c -> systems.forService(c.service()));
        Optional<Service> service = found.flatMap(c -> services.forReport(c.category(), c.service()));
        if (found.isEmpty() || system.isEmpty() || service.isEmpty() || !found.get().hasLocation()) {
            return Outcome.NOT_SENDABLE;
        }
        Case report = found.get();
        WorksSystem works = system.get();
        WorksRequest request = WorksRequest.of(report, service.get(), works);
        String actor = WorksChanges.actor(works);
        try {
            if (sentBefore.isPresent() && sentBefore.get().state() == WorksRecords.State.AWAITING_ID) {
                return awaitId(report, works, request, sentBefore.get().token().orElseThrow());
            }
            return switch (api.submit(works, request)) {
                case WorksApi.Submission.Accepted accepted -> {
                    taken(report, works, request, accepted.serviceRequestId(), now);
                    yield Outcome.SENT;
                }
                case WorksApi.Submission.Pending pending -> {
                    records.awaitingId(ref, works.name(), pending.token(), new CaseEvent(now, actor, "works_request_pending",
                            request.summary() + "; token " + pending.token() + ", its id to follow"));
                    yield awaitId(report, works, request, pending.token());
                }
                case WorksApi.Submission.Refused refused -> {
                    String reason = "HTTP " + refused.httpStatus() + ": " + refused.reason();
                    records.refused(ref, works.name(), reason, new CaseEvent(now, actor, "works_request_refused", request.summary() + "; " + reason));
                    yield Outcome.REFUSED;
                }
            };
        } catch (WorksApi.WorksUnavailableException e) {
            if (lastAttempt) {
                records.failed(ref, works.name(), e.getMessage(), new CaseEvent(now, actor, "works_request_failed",
                        request.summary() + "; not taken after the last attempt: " + e.getMessage()));
            }
            throw e;
        }
    }

    private Outcome awaitId(Case report, WorksSystem works, WorksRequest request, String token) {
        Optional<String> id = api.serviceRequestIdFor(works, token);
        if (id.isEmpty()) {
            throw new WorksApi.WorksUnavailableException("token " + token + " has no service request id yet");
        }
        taken(report, works, request, id.get(), clock.instant());
        return Outcome.SENT;
    }

    private void taken(Case report, WorksSystem works, WorksRequest request, String serviceRequestId, Instant now) {
        records.sent(report.reference(), works.name(), request, serviceRequestId, new CaseEvent(now, WorksChanges.actor(works),
                "works_request_sent", request.summary() + "; service_request_id " + serviceRequestId));
    }
}
