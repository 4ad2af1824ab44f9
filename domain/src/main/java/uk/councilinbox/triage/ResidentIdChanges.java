package uk.councilinbox.triage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.messages.InboundMessage;

/**
 * A resident known by another id before (a WhatsApp phone number, then a business-scoped user id; an old
 * user id after a number change): their open cases move to the id they use now, so they stay one resident
 * with one thread. Safe to repeat: a case already moved is no longer under the old key.
 */
final class ResidentIdChanges {

    private final CaseStore cases;
    private final Clock clock;

    ResidentIdChanges(CaseStore cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * Moves the open cases under the message's previous ids to its resident; returns them as saved, the one
     * the resident wrote about last first (they all have the same update time once moved).
     */
    List<Case> adopt(InboundMessage message) {
        List<Case> open = message.previousResidentKeys().stream().flatMap(key -> cases.openCases(key).stream())
                .sorted(Comparator.comparing(Case::updatedAt).reversed()).toList();
        List<Case> moved = new ArrayList<>();
        for (Case c : open) {
            Case rekeyed = c.withResidentId(message.residentId()).changed(clock.instant());
            // No ids in the history: staff see the case's resident, and the event says only that it changed.
            cases.moveToResident(rekeyed, new CaseEvent(clock.instant(), CaseEvent.SYSTEM, "resident_id_changed",
                    "the resident's " + message.channel().label() + " id changed; the case follows them"));
            moved.add(rekeyed);
        }
        return moved;
    }
}
