package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.testing.Cases;
import uk.councilinbox.testing.Messages;

class ProgressUpdatesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final ProgressUpdates updates = new ProgressUpdates(new ReplyTemplates());

    @Test
    void aResolvedReportIsToldInItsServicesWordsAndAPotholeThatItWasRepaired() {
        Case pothole = Cases.pothole(Messages.newResident(), CaseStatus.RESOLVED, "Mill Lane", NOW);
        assertEquals("Good news: the pothole you reported at Mill Lane (reference " + pothole.reference().value()
                + ") has been repaired. Thank you for reporting it.", text(pothole));

        Case light = pothole.withCategory(Category.FAULT_REPORT, Optional.of("street_lighting"));
        assertEquals("Good news: the street light you reported at Mill Lane (reference " + light.reference().value()
                + ") has been dealt with. Thank you for reporting it.", text(light));

        Case complaint = pothole.withCategory(Category.COMPLAINT, Optional.empty());
        assertEquals("Update on " + complaint.reference().value() + ": this has now been resolved. Thank you for getting in touch.",
                text(complaint));
    }

    private String text(Case c) {
        return updates.forStatusChange(c, "", NOW).orElseThrow().text();
    }
}
