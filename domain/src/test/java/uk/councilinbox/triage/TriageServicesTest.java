package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.Messages;

/** Reports go to the service that fixes them; another body's problem is redirected; an unsure call goes to a person. */
class TriageServicesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    /** "light": street lighting; "bin": bins (the district's); "unsure": a bin report below the review threshold; else a pothole. */
    private static final Classifier CLASSIFIER = text -> text.contains("unsure")
            ? new Classification(Category.FAULT_REPORT, 0.3, "words: bin", Optional.of("waste_collection"))
            : text.contains("light") ? new Classification(Category.FAULT_REPORT, 0.9, "words: light", Optional.of("street_lighting"))
            : text.contains("bin") ? new Classification(Category.FAULT_REPORT, 0.9, "words: bin", Optional.of("waste_collection"))
            : new Classification(Category.POTHOLE_REPORT, 0.9, "words: pothole");

    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final List<OutboundReply> queued = new ArrayList<>();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final TriageService triage = new TriageService(CLASSIFIER, new Extractor(), cases, queued::add,
            new Acknowledgements(new ReplyTemplates()), new HeldReplies(new InMemoryReplyLedger(), queued::add, clock), 0.5, clock);

    @Test
    void aStreetLightReportGoesToStreetLightingAndIsThankedForAsOne() {
        triage.process(Messages.messenger(Messages.newResident(), "Street light out on Oak Avenue, Stone", T0));

        Case c = only();
        assertEquals(Category.FAULT_REPORT, c.category());
        assertEquals(Optional.of("street_lighting"), c.service());
        assertEquals(CaseStatus.ACKNOWLEDGED, c.status(), "acknowledged as it opens: its acknowledgement is queued with it");
        String ack = queued.getFirst().text();
        assertTrue(ack.startsWith("Thank you for reporting this street light at Oak Avenue, Stone."), ack);
        assertTrue(ack.contains("Our street lighting team will look at it"), ack);
        assertTrue(cases.history(c.reference()).getFirst().detail().startsWith("fault_report/street_lighting 0.90: words: light"));
    }

    @Test
    void aReportWithNoPlaceIsAskedForOneInItsServicesWords() {
        triage.process(Messages.messenger(Messages.newResident(), "the light by the school is flickering", T0));

        String ack = queued.getFirst().text();
        assertTrue(ack.startsWith("Thank you for reporting this street light. Your reference is " + only().reference().value()), ack);
        assertTrue(ack.contains("So our street lighting team can find it, please send us the road and town"), ack);
    }

    @Test
    void aPotholeWithNoServiceNamedGoesToPotholes() {
        triage.process(Messages.messenger(Messages.newResident(), "Pothole on Mill Lane", T0));

        assertEquals(Optional.of("potholes"), only().service());
        assertTrue(queued.getFirst().text().startsWith("Thank you for reporting this pothole at Mill Lane."));
    }

    @Test
    void aBinReportInATwoTierAreaIsRedirectedToTheDistrictAndTheCaseRejectedWithThatReason() {
        var message = Messages.messenger(Messages.newResident(), "my bin was not emptied on Birch Avenue", T0);
        triage.process(message);

        Case c = only();
        assertEquals(CaseStatus.REJECTED, c.status());
        assertEquals(Optional.of("waste_collection"), c.service());
        assertEquals(Handling.NONE, c.handling(), "nobody here waits to act on it");
        String ack = queued.getFirst().text();
        assertTrue(ack.contains("This is dealt with by your district or borough council, not by the county council"), ack);
        assertTrue(ack.contains("https://www.gov.uk/find-local-council"), ack);
        assertTrue(ack.contains(c.reference().value()), ack);
        List<CaseEvent> history = cases.history(c.reference());
        assertEquals("status_changed", history.get(1).type());
        assertEquals("received -> rejected: Bin collections is dealt with by your district or borough council (https://www.gov.uk/find-local-council)",
                history.get(1).detail());

        triage.process(message);
        assertEquals(1, cases.all().size(), "a redelivery opens nothing more");
        assertEquals(queued.get(0), queued.get(1), "and queues the same redirect again, under the same id");
    }

    @Test
    void anUnsureCallIsNotRedirectedButGoesToAPerson() {
        triage.process(Messages.messenger(Messages.newResident(), "unsure about the bins on Birch Avenue", T0));

        Case c = only();
        assertEquals(CaseStatus.NEEDS_REVIEW, c.status());
        assertTrue(queued.getFirst().text().contains("A member of our customer services team will read it"), queued.getFirst().text());
    }

    private Case only() {
        assertEquals(1, cases.all().size());
        return cases.all().getFirst();
    }
}
