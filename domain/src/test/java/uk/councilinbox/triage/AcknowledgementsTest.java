package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.Cases;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryOutboundQueue;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.Messages;

/** Which acknowledgement a resident's message gets, where it goes, and that public ones say nothing about the resident. */
class AcknowledgementsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant NOW = T0.plusSeconds(2);
    private static final String PLACE = "Mill Lane, Stafford";

    private final Acknowledgements acknowledgements = new Acknowledgements(new ReplyTemplates());
    private final String resident = Messages.newResident();

    @Test
    void aNewPotholeCaseIsAcknowledgedPrivatelyOnTheResidentsChannelWithItsReferenceAndPlace() {
        InboundMessage message = Messages.on(Channel.WHATSAPP, resident, "Pothole on Mill Lane", T0);
        Case c = placed(Cases.openedBy(message));

        OutboundReply ack = acknowledgements.forMessage(message, c, true, NOW);

        assertEquals(Acknowledgements.replyIdFor(message.messageKey()), ack.replyId());
        assertFalse(ack.replyId().contains(message.platformMessageId()), "no platform id in the reply id, which is part of keys");
        assertEquals(ReplyKind.ACKNOWLEDGEMENT, ack.kind());
        assertEquals(List.of(Channel.WHATSAPP, resident, Visibility.PRIVATE),
                List.of(ack.channel(), ack.residentId(), ack.visibility()));
        assertEquals(Optional.empty(), ack.replyTarget());
        assertTrue(ack.text().contains("pothole at " + PLACE + ". Your reference is " + c.reference().value() + "."), ack.text());
        assertEquals(c.reference().value(), ack.reference());
        assertEquals(List.of(c.reference().value()), ack.templateParameters(), "WhatsApp's template outside the window names the reference");
        assertEquals(T0, ack.lastResidentMessageAt(), "the reply window counts from the resident's message");
        assertEquals(NOW, ack.queuedAt());
    }

    @Test
    void aPotholeWithNoLocationIsAcknowledgedAskingWhereItIs() {
        InboundMessage message = Messages.messenger(resident, "There is a pothole", T0);
        Case c = Cases.openedBy(message);

        String text = acknowledgements.forMessage(message, c, true, NOW).text();

        assertTrue(text.contains("Your reference is " + c.reference().value()), text);
        assertTrue(text.contains("please send us the road and town, a postcode, or share a location pin"), text);
    }

    @Test
    void aPotholeLocatedOnlyByAPinIsAcknowledgedWithoutAskingWhereItIs() {
        InboundMessage message = Messages.pin(resident, 52.8, -2.1, T0);
        Case c = Cases.openedBy(message);

        String text = acknowledgements.forMessage(message, c, true, NOW).text();

        assertTrue(text.contains("pothole at the location you shared"), text);
        assertFalse(text.contains("please send us"), text);
    }

    @Test
    void complaintsQueriesAndOtherMessagesEachGetTheirOwnAcknowledgementWithTheReference() {
        InboundMessage message = Messages.messenger(resident, "About the bins", T0);
        Case c = Cases.openedBy(message);

        String complaint = acknowledgements.forMessage(message, c.withCategory(Category.COMPLAINT, Optional.empty()), true, NOW).text();
        String query = acknowledgements.forMessage(message, c.withCategory(Category.QUERY, Optional.empty()), true, NOW).text();
        String other = acknowledgements.forMessage(message, c.withCategory(Category.OTHER, Optional.empty()), true, NOW).text();

        assertTrue(complaint.contains("we are sorry to hear it"), complaint);
        assertTrue(query.contains("Thank you for your question"), query);
        assertTrue(other.contains("If you need anything else, just reply here"), other);
        for (String text : List.of(complaint, query, other)) {
            assertTrue(text.contains("Your reference is " + c.reference().value()), text);
        }
    }

    @Test
    void aCaseLeftForReviewIsAcknowledgedAsToBeReadByStaffWhateverItsCategory() {
        InboundMessage message = Messages.messenger(resident, "hmm", T0);
        Case c = placed(Cases.openedBy(message)).withStatus(CaseStatus.NEEDS_REVIEW);

        String text = acknowledgements.forMessage(message, c, true, NOW).text();

        assertTrue(text.contains("A member of our customer services team will read it"), text);
        assertFalse(text.contains("pothole"), text);
    }

    @Test
    void aFollowUpIsAcknowledgedAsAddedToTheCaseItJoined() {
        Case c = placed(Cases.openedBy(Messages.messenger(resident, "Pothole on Mill Lane", T0)));
        InboundMessage followUp = Messages.photo(resident, "https://cdn.example/p.jpg", T0.plus(Duration.ofMinutes(3)));

        OutboundReply ack = acknowledgements.forMessage(followUp, c.withStatus(CaseStatus.NEEDS_REVIEW), false, NOW);

        assertEquals("Thank you, we have added this to your case " + c.reference().value() + ".", ack.text());
        assertEquals(Acknowledgements.replyIdFor(followUp.messageKey()), ack.replyId());
        assertEquals(followUp.sentAt(), ack.lastResidentMessageAt());
    }

    @Test
    void aMessageAcknowledgedAgainKeepsItsReplyIdSoItIsSentOnce() {
        InboundMessage message = Messages.messenger(resident, "Pothole on Mill Lane", T0);
        InboundMessage another = Messages.messenger(resident, "Pothole on Mill Lane", T0);
        Case c = placed(Cases.openedBy(message));

        String first = acknowledgements.forMessage(message, c, true, NOW).replyId();
        String again = acknowledgements.forMessage(message, c, true, NOW.plusSeconds(60)).replyId();
        String forAnother = acknowledgements.forMessage(another, c, false, NOW).replyId();

        assertEquals(first, again);
        assertNotEquals(first, forAnother);
    }

    @Test
    void anXMentionGetsAGenericPublicReplyToThePostWithNoReferencePlaceOrResident() {
        InboundMessage mention = Messages.xMention("x-user-42", "@council pothole on Mill Lane, Stafford", "1790000000000000001", T0);
        Case c = placed(Cases.openedBy(mention));

        OutboundReply opened = acknowledgements.forMessage(mention, c, true, NOW);
        OutboundReply followUp = acknowledgements.forMessage(mention, c, false, NOW);

        for (OutboundReply ack : List.of(opened, followUp)) {
            assertEquals(Visibility.PUBLIC, ack.visibility());
            assertEquals(Optional.of("1790000000000000001"), ack.replyTarget());
            assertEquals(new DeliveryPlan.PublicReply("1790000000000000001"), new DeliveryRules("case_update", false, Optional.empty()).plan(ack, NOW));
            assertTrue(ack.text().contains("please send us a private message"), ack.text());
            for (String personal : List.of(c.reference().value(), "Mill Lane", "Stafford", "x-user-42", "pothole")) {
                assertFalse(ack.text().contains(personal), personal + " in public: " + ack.text());
            }
        }
    }

    @Test
    void aFacebookCommentIsAcknowledgedByItsPrivateReplyWithTheReference() {
        InboundMessage comment = Messages.facebookComment("fb-user-7", "Pothole on Mill Lane!", "post_1_comment_2", T0);
        Case c = placed(Cases.openedBy(comment));

        OutboundReply ack = acknowledgements.forMessage(comment, c, true, NOW);

        assertEquals(new DeliveryPlan.PrivateReplyToComment("post_1_comment_2"), new DeliveryRules("case_update", false, Optional.empty()).plan(ack, NOW));
        assertTrue(ack.text().contains("Your reference is " + c.reference().value()), ack.text());
    }

    @Test
    void aMessageQuotingAClosedCasesReferenceIsAcknowledgedAsANewCaseWithTheNewReference() {
        FixedClock clock = new FixedClock(T0);
        InMemoryCaseStore cases = new InMemoryCaseStore();
        InMemoryOutboundQueue outbound = new InMemoryOutboundQueue();
        TriageService triage = new TriageService(text -> new Classification(Category.POTHOLE_REPORT, 0.9, "pothole"), new Extractor(),
                cases, outbound, acknowledgements, new HeldReplies(new InMemoryReplyLedger(), outbound, clock), 0.5, clock);
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        Case closed = cases.all().getFirst();
        cases.change(closed.withStatus(CaseStatus.CLOSED).changed(T0), List.of(), Optional.empty(), Optional.empty());

        triage.process(Messages.messenger(resident, "It is back, " + closed.reference().value(), T0.plus(Duration.ofDays(2))));

        Case reopened = cases.all().stream().filter(c -> !c.reference().equals(closed.reference())).findFirst().orElseThrow();
        String text = outbound.toSend().getLast().text();
        assertTrue(text.contains("Your reference is " + reopened.reference().value()), text);
        assertFalse(text.contains(closed.reference().value()), text);
        assertFalse(text.contains("added this to your case"), text);
    }

    private static Case placed(Case c) {
        return c.withLocation(Optional.of(PLACE), c.pin().or(() -> Optional.of(new GeoPoint(52.8, -2.1))));
    }
}
