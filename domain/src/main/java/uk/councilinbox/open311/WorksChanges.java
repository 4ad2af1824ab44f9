package uk.councilinbox.open311;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.CaseStore.CaseChangedException;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.OutboundReply;

/**
 * Saves what the works system said on the case itself, through the case store's change (one transaction
 * with the history event and any progress update), re-reading the case when it moved meanwhile.
 */
final class WorksChanges {

    /** The actor of the events: "works:highways". */
    static String actor(WorksSystem system) {
        return "works:" + system.name();
    }

    /** What to save for the case as it now is; empty leaves it alone. */
    interface Change {
        Optional<Saved> of(Case current);
    }

    record Saved(Case changed, CaseEvent event, Optional<OutboundReply> update, Optional<Instant> expireAt) {
        static Saved event(Case current, CaseEvent event) {
            return new Saved(current.changed(event.at()), event, Optional.empty(), Optional.empty());
        }
    }

    private static final int ATTEMPTS = 5;

    private final CaseStore cases;

    WorksChanges(CaseStore cases) {
        this.cases = cases;
    }

    /** @return what was saved, if anything (the case may be gone, or the change have nothing to save) */
    Optional<Saved> save(Reference ref, Change change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Saved> saved = cases.find(ref).flatMap(change::of);
            if (saved.isEmpty()) {
                return saved;
            }
            Saved s = saved.get();
            try {
                cases.change(s.changed(), List.of(s.event()), s.update(), s.expireAt());
                return saved;
            } catch (CaseChangedException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
