package uk.councilinbox.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.open311.WorksRecords;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.WorksUpdate;

/** {@link WorksRecords} in memory, with what was sent kept for the tests to read; the events go to the case store given. */
public final class InMemoryWorksRecords implements WorksRecords {

    private final InMemoryCaseStore cases;
    private final Map<Reference, Request> requests = new HashMap<>();
    private final Map<Reference, WorksRequest> sent = new HashMap<>();
    private final Map<String, Reference> ids = new HashMap<>();
    private final Map<String, WorksUpdate> handled = new LinkedHashMap<>();
    private final Map<String, Instant> cursors = new HashMap<>();
    private final List<String> reasons = new CopyOnWriteArrayList<>();

    public InMemoryWorksRecords(InMemoryCaseStore cases) {
        this.cases = cases;
    }

    /** With a case store of its own, for tests that read no events. */
    public InMemoryWorksRecords() {
        this(new InMemoryCaseStore());
    }

    @Override
    public synchronized Map<Reference, Request> requests(Collection<Reference> cases) {
        Map<Reference, Request> found = new HashMap<>();
        cases.stream().filter(requests::containsKey).forEach(r -> found.put(r, requests.get(r)));
        return found;
    }

    @Override
    public synchronized Report report(Reference report) {
        return new Report(cases.find(report), Optional.ofNullable(requests.get(report)));
    }

    @Override
    public synchronized boolean queue(Reference report, String system, Instant at) {
        return requests.putIfAbsent(report, new Request(report, system, State.QUEUED, at, Optional.empty(), Optional.empty())) == null;
    }

    @Override
    public synchronized void requeued(Reference report, Instant at) {
        Request r = requests.get(report);
        requests.put(report, new Request(report, r.system(), r.state(), at, r.serviceRequestId(), r.token()));
    }

    @Override
    public synchronized void forget(Reference report) {
        requests.remove(report);
    }

    @Override
    public synchronized void sent(Reference report, String system, WorksRequest request, String serviceRequestId, CaseEvent event) {
        if (erased(report)) {
            return;
        }
        requests.put(report, new Request(report, system, State.SENT, event.at(), Optional.of(serviceRequestId), Optional.empty()));
        sent.put(report, request);
        ids.put(system + "#" + serviceRequestId, report);
        cases.addEvent(report, event);
    }

    @Override
    public synchronized void awaitingId(Reference report, String system, String token, CaseEvent event) {
        if (erased(report)) {
            return;
        }
        requests.put(report, new Request(report, system, State.AWAITING_ID, event.at(), Optional.empty(), Optional.of(token)));
        cases.addEvent(report, event);
    }

    @Override
    public synchronized void refused(Reference report, String system, String reason, CaseEvent event) {
        settle(report, system, State.REFUSED, reason, event);
    }

    @Override
    public synchronized void failed(Reference report, String system, String reason, CaseEvent event) {
        settle(report, system, State.FAILED, reason, event);
    }

    /** As the table refuses them once erasure marked the request: nothing is written for an erased resident's case. */
    private boolean erased(Reference report) {
        return cases.find(report).map(Case::residentErased).orElse(false);
    }

    private void settle(Reference report, String system, State state, String reason, CaseEvent event) {
        if (erased(report)) {
            return;
        }
        Optional<String> token = Optional.ofNullable(requests.get(report)).flatMap(Request::token);
        requests.put(report, new Request(report, system, state, event.at(), Optional.empty(), token));
        reasons.add(report.value() + ": " + reason);
        cases.addEvent(report, event);
    }

    @Override
    public synchronized Map<String, Reference> casesOf(String system, Collection<String> serviceRequestIds) {
        Map<String, Reference> found = new HashMap<>();
        serviceRequestIds.stream().filter(id -> ids.containsKey(system + "#" + id)).forEach(id -> found.put(id, ids.get(system + "#" + id)));
        return found;
    }

    @Override
    public synchronized Set<String> handled(String system, Collection<Change> changes) {
        return changes.stream().map(c -> c.update().updateId()).filter(id -> handled.containsKey(system + "#" + id)).collect(Collectors.toSet());
    }

    @Override
    public synchronized void handledNow(String system, Collection<Change> changes, Instant at) {
        changes.forEach(c -> handled.put(system + "#" + c.update().updateId(), c.update()));
    }

    @Override
    public synchronized Optional<Instant> fetchedUntil(String system) {
        return Optional.ofNullable(cursors.get(system));
    }

    @Override
    public synchronized void fetchedUntil(String system, Instant to) {
        cursors.put(system, to);
    }

    public synchronized Optional<WorksRequest> sentFor(Reference report) {
        return Optional.ofNullable(sent.get(report));
    }

    public synchronized int handledCount() {
        return handled.size();
    }
}
