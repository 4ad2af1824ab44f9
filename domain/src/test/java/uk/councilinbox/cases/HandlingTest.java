package uk.councilinbox.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a resident waits for a person, and when that wait ends. */
class HandlingTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void queriesAndComplaintsWaitForAPersonFromTheirFirstMessageAndReportsDoNot() {
        assertEquals(Optional.of(T0), Handling.opened(Category.QUERY, T0).awaitingAnswerSince());
        assertEquals(Optional.of(T0), Handling.opened(Category.COMPLAINT, T0).awaitingAnswerSince());
        assertFalse(Handling.opened(Category.POTHOLE_REPORT, T0).awaitingAnswer());
        assertFalse(Handling.opened(Category.OTHER, T0).awaitingAnswer());
    }

    @Test
    void aPinAfterAPotholeReportIsNoQuestionButAReplyIntoAConversationWithStaffIs() {
        Handling report = Handling.opened(Category.POTHOLE_REPORT, T0);
        assertFalse(report.residentWrote(Category.POTHOLE_REPORT, T0.plusSeconds(60)).awaitingAnswer());

        Handling answered = report.answered(T0.plus(Duration.ofHours(1)));
        Instant reply = T0.plus(Duration.ofHours(2));
        assertEquals(Optional.of(reply), answered.residentWrote(Category.POTHOLE_REPORT, reply).awaitingAnswerSince());
    }

    @Test
    void theWaitCountsFromTheOldestUnansweredMessageAndAPersonsAnswerEndsIt() {
        Handling waiting = Handling.opened(Category.QUERY, T0).residentWrote(Category.QUERY, T0.plus(Duration.ofMinutes(5)));
        assertEquals(Optional.of(T0), waiting.awaitingAnswerSince(), "a second message does not restart the clock");

        Handling answered = waiting.answered(T0.plus(Duration.ofHours(1))).answered(T0.plus(Duration.ofHours(3)));
        assertFalse(answered.awaitingAnswer());
        assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), answered.firstHumanAnswerAt(), "the first answer is the one measured");
    }

    @Test
    void waitingOnTheResidentTakesTheCaseOutOfTheInboxUntilTheyWrite() {
        Instant asked = T0.plus(Duration.ofHours(1));
        Handling waitingOnThem = Handling.opened(Category.QUERY, T0).waitingOnResident(asked);
        assertFalse(waitingOnThem.awaitingAnswer());
        assertEquals(Optional.of(asked), waitingOnThem.waitingOnResidentSince());

        Instant wrote = T0.plus(Duration.ofHours(5));
        Handling back = waitingOnThem.residentWrote(Category.POTHOLE_REPORT, wrote);
        assertEquals(Optional.empty(), back.waitingOnResidentSince());
        assertEquals(Optional.of(wrote), back.awaitingAnswerSince(), "they answered staff's question: a person should read it");
    }

    @Test
    void aResolvedOrClosedCaseWaitsForNobodyAndAnInProgressOneStillDoes() {
        Handling waiting = Handling.opened(Category.COMPLAINT, T0).assignedTo(Optional.of("agent-1"));
        assertTrue(waiting.statusChanged(CaseStatus.IN_PROGRESS).awaitingAnswer());
        for (CaseStatus finished : new CaseStatus[] {CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED}) {
            Handling done = waiting.statusChanged(finished);
            assertFalse(done.awaitingAnswer(), finished.label());
            assertEquals(Optional.of("agent-1"), done.assignee(), "who handled it stays on the record");
        }
    }

    @Test
    void aReportRecategorisedAsAQueryWaitsFromTheResidentsLastMessageUnlessSomeoneAnswered() {
        Instant last = T0.plus(Duration.ofMinutes(10));
        assertEquals(Optional.of(last), Handling.opened(Category.POTHOLE_REPORT, T0).recategorised(Category.QUERY, last).awaitingAnswerSince());
        assertFalse(Handling.opened(Category.POTHOLE_REPORT, T0).answered(last).recategorised(Category.QUERY, last).awaitingAnswer());
        assertFalse(Handling.opened(Category.POTHOLE_REPORT, T0).recategorised(Category.OTHER, last).awaitingAnswer());
    }
}
