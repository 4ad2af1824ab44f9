package uk.councilinbox.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import uk.councilinbox.open311.WorksApi;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.WorksSystem;
import uk.councilinbox.open311.WorksUpdate;

/** A works system that answers as scripted (accepted with ids 1, 2, ... unless told otherwise) and records what it was sent. */
public final class ScriptedWorksApi implements WorksApi {

    private final List<WorksRequest> received = new CopyOnWriteArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<WorksUpdate> changes = new CopyOnWriteArrayList<>();
    private final List<Instant[]> fetches = new CopyOnWriteArrayList<>();

    /** The next submissions answer so: a {@link Submission}, or a {@link WorksUnavailableException} to throw. */
    public synchronized ScriptedWorksApi then(Object answer) {
        answers.add(answer);
        return this;
    }

    @Override
    public synchronized Submission submit(WorksSystem system, WorksRequest request) {
        Object answer = answers.isEmpty() ? new Submission.Accepted(Integer.toString(received.size() + 1)) : answers.poll();
        if (answer instanceof WorksUnavailableException e) {
            throw e;
        }
        received.add(request);
        return (Submission) answer;
    }

    @Override
    public Optional<String> serviceRequestIdFor(WorksSystem system, String token) {
        return Optional.of("id-for-" + token);
    }

    public void changed(WorksUpdate update) {
        changes.add(update);
    }

    @Override
    public List<WorksUpdate> changes(WorksSystem system, Instant from, Instant to) {
        fetches.add(new Instant[] {from, to});
        return changes.stream().filter(u -> !u.updatedAt().isBefore(from) && u.updatedAt().isBefore(to)).toList();
    }

    public List<WorksRequest> received() {
        return new ArrayList<>(received);
    }

    public List<Instant[]> fetches() {
        return List.copyOf(fetches);
    }
}
