package uk.councilinbox.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseStatusTest {

    private static Set<CaseStatus> reachableFrom(CaseStatus start) {
        Set<CaseStatus> reached = EnumSet.of(start);
        Deque<CaseStatus> toVisit = new ArrayDeque<>(reached);
        while (!toVisit.isEmpty()) {
            for (CaseStatus next : toVisit.pop().next()) {
                if (reached.add(next)) {
                    toVisit.push(next);
                }
            }
        }
        return reached;
    }

    @Test
    void closedAndRejectedAreFinal() {
        for (CaseStatus last : EnumSet.of(CaseStatus.CLOSED, CaseStatus.REJECTED)) {
            assertTrue(last.next().isEmpty(), last.name());
            for (CaseStatus target : CaseStatus.values()) {
                assertFalse(last.canMoveTo(target), last + " -> " + target);
            }
        }
    }

    @Test
    void everyOtherStatusCanMoveOn() {
        for (CaseStatus status : EnumSet.complementOf(EnumSet.of(CaseStatus.CLOSED, CaseStatus.REJECTED))) {
            assertFalse(status.next().isEmpty(), status.name());
        }
    }

    @Test
    void onlyClosedAndRejectedCasesAreNotOpen() {
        for (CaseStatus status : CaseStatus.values()) {
            assertEquals(status != CaseStatus.CLOSED && status != CaseStatus.REJECTED, status.isOpen(), status.name());
        }
    }

    @Test
    void aStatusCannotMoveToItself() {
        for (CaseStatus status : CaseStatus.values()) {
            assertFalse(status.canMoveTo(status), status.name());
        }
    }

    @Test
    void onlyResolvedCasesCanBeClosed() {
        for (CaseStatus status : CaseStatus.values()) {
            assertEquals(status == CaseStatus.RESOLVED, status.canMoveTo(CaseStatus.CLOSED), status.name());
        }
    }

    @Test
    void resolvedCasesCanBeReopened() {
        assertTrue(CaseStatus.RESOLVED.canMoveTo(CaseStatus.IN_PROGRESS));
    }

    @Test
    void nothingGoesBackToReceived() {
        for (CaseStatus status : CaseStatus.values()) {
            assertFalse(status.canMoveTo(CaseStatus.RECEIVED), status.name());
        }
    }

    @Test
    void resolvedCasesCannotBeRejected() {
        assertFalse(CaseStatus.RESOLVED.canMoveTo(CaseStatus.REJECTED));
    }

    @Test
    void openCasesCanBeRejectedUntilResolved() {
        for (CaseStatus status : EnumSet.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
                CaseStatus.NEEDS_REVIEW)) {
            assertTrue(status.canMoveTo(CaseStatus.REJECTED), status.name());
        }
    }

    @Test
    void everyStatusIsReachableFromReceived() {
        assertEquals(EnumSet.allOf(CaseStatus.class), reachableFrom(CaseStatus.RECEIVED));
    }

    @Test
    void everyOpenStatusCanReachAFinalOne() {
        for (CaseStatus start : CaseStatus.values()) {
            assertTrue(reachableFrom(start).stream().anyMatch(s -> !s.isOpen()), start.name());
        }
    }

    @Test
    void changingTheReturnedSetDoesNotChangeTheRules() {
        CaseStatus.RECEIVED.next().clear();
        assertTrue(CaseStatus.RECEIVED.canMoveTo(CaseStatus.ACKNOWLEDGED));
    }

    @Test
    void labelIsTheLowerCaseName() {
        assertEquals("received", CaseStatus.RECEIVED.label());
        assertEquals("in_progress", CaseStatus.IN_PROGRESS.label());
        assertEquals("needs_review", CaseStatus.NEEDS_REVIEW.label());
    }
}
