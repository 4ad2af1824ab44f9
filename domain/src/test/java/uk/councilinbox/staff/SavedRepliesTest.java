package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.testing.Cases;

/** The council's saved replies: every one filled in for the case and the agent, nothing left unfilled. */
class SavedRepliesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    private final SavedReplies saved = new SavedReplies();

    @Test
    void everySavedReplyIsFilledInWithTheReferencePlaceAndTheAgentsFirstName() {
        Case pothole = Cases.pothole("7001", CaseStatus.ACKNOWLEDGED, "Stone Road, Stone", T0);
        StaffUser jo = new StaffUser("jo.bloggs@council.example", Set.of(StaffUser.Role.AGENT));

        List<SavedReplies.SavedReply> replies = saved.forCase(pothole, jo);

        assertTrue(replies.size() >= 5, "the council's set: " + replies);
        for (SavedReplies.SavedReply reply : replies) {
            assertFalse(reply.title().isBlank(), reply.id());
            assertFalse(reply.text().matches("(?s).*\\{[a-z_]+\\}.*"), "a placeholder left unfilled (a typo in the file?): " + reply);
        }
        SavedReplies.SavedReply photo = replies.stream().filter(r -> r.id().equals("need-photo")).findFirst().orElseThrow();
        assertTrue(photo.text().contains("Stone Road, Stone"), photo.text());
        assertTrue(photo.text().contains(pothole.reference().value()), photo.text());
        assertTrue(photo.text().contains("Jo, Customer Services"), photo.text());
    }

    @Test
    void aCaseWithoutAPlaceSaysSoAndAGivenNameFromTheIdentityProviderWins() {
        Case noPlace = Cases.pothole("7001", CaseStatus.ACKNOWLEDGED, "x", T0).withLocation(Optional.empty(), Optional.empty());
        StaffUser named = new StaffUser("u-1234", Set.of(StaffUser.Role.AGENT), Optional.of("Priya"));

        SavedReplies.SavedReply photo = saved.forCase(noPlace, named).stream().filter(r -> r.id().equals("need-photo")).findFirst().orElseThrow();

        assertTrue(photo.text().contains(SavedReplies.NO_PLACE), photo.text());
        assertTrue(photo.text().contains("Priya, Customer Services"), photo.text());
        assertEquals("Jo", new StaffUser("jo-b@x", Set.of()).firstName());
    }
}
