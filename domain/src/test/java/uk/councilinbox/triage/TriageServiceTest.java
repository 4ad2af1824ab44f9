package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
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
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.cases.Services;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.Messages;

/** Triage's case rules (continuation window, quoted references, redelivery) on in-memory ports: no emulator, no framework. */
class TriageServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    /** Potholes unless the text says "complaint"; empty text (a pin or a photo) is "other". */
    private static final Classifier CLASSIFIER = text -> text.isBlank() ? new Classification(Category.OTHER, 0.9, "no words")
            : text.contains("complaint") ? new Classification(Category.COMPLAINT, 0.9, "complaint")
            : new Classification(Category.POTHOLE_REPORT, 0.9, "pothole");

    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final List<OutboundReply> queued = new ArrayList<>();
    private final List<PhotoJob> photoJobs = new ArrayList<>();
    private final TriageService triage = new TriageService(CLASSIFIER, new Extractor(), cases, queued::add,
            new Acknowledgements(new ReplyTemplates()),
            new HeldReplies(new InMemoryReplyLedger(), queued::add, Clock.fixed(T0, ZoneOffset.UTC)), AutoAnswers.off(),
            Services.fromClasspath(), photoJobs::addAll, 0.5, Clock.fixed(T0, ZoneOffset.UTC));
    private final String resident = Messages.newResident();

    @Test
    void photosAreQueuedForTheCaseTheyJoinedAndQueuedAgainOnARedelivery() {
        InboundMessage report = new InboundMessage(Channel.MESSENGER, "m_photos", resident, Visibility.PRIVATE, "Pothole on Mill Lane",
                List.of(new Attachment(Attachment.Kind.IMAGE, "https://scontent.test/1.jpg"),
                        new Attachment(Attachment.Kind.OTHER, "sticker:369239263222822"),
                        new Attachment(Attachment.Kind.VIDEO, "https://scontent.test/2.mp4")),
                Optional.empty(), T0, Optional.empty());
        triage.process(report);
        InboundMessage followUp = Messages.photo(resident, "https://scontent.test/3.jpg", T0.plusSeconds(60));
        triage.process(followUp);
        triage.process(report);

        Case c = cases.all().getFirst();
        assertEquals(1, cases.all().size());
        assertEquals(List.of(0, 2, 0, 0, 2), photoJobs.stream().map(PhotoJob::index).toList(),
                "the photo and video, not the sticker; the follow-up's; the report's again on its redelivery");
        assertTrue(photoJobs.stream().allMatch(j -> j.reference().equals(c.reference())));
        assertEquals(photoJobs.get(0).photoId(), photoJobs.get(3).photoId(), "a redelivered photo is the same photo");
        assertEquals(3, java.util.Set.copyOf(photoJobs.stream().map(PhotoJob::photoId).toList()).size());
    }

    @Test
    void aPinSentAtTheEndOfTheWindowJoinsTheOpenCase() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        triage.process(Messages.pin(resident, 52.9, -2.15, T0.plus(TriageService.CONTINUATION_WINDOW)));

        assertEquals(1, cases.all().size());
        Case c = cases.all().getFirst();
        assertTrue(c.pin().isPresent(), "the pin is the case's location");
        assertEquals(2, c.version());
    }

    @Test
    void aStickerOnlyMessageSoonAfterAReportJoinsTheCaseAndCountsNoPhoto() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        InboundMessage sticker = new InboundMessage(Channel.MESSENGER, "m_sticker", resident, Visibility.PRIVATE, "",
                List.of(new Attachment(Attachment.Kind.OTHER, "https://scontent.test/sticker.png")), Optional.empty(), T0.plusSeconds(30),
                Optional.empty());
        triage.process(sticker);

        assertEquals(1, cases.all().size(), "a thumbs-up after the report is the same matter");
        assertEquals(0, cases.all().getFirst().photos());
        assertEquals(2, queued.size(), "the sticker is heard and answered like any follow-up");
    }

    @Test
    void aPinSentAfterTheWindowOpensACaseOfItsOwn() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        triage.process(Messages.pin(resident, 52.9, -2.15, T0.plus(TriageService.CONTINUATION_WINDOW).plusSeconds(1)));

        assertEquals(2, cases.all().size());
    }

    @Test
    void anotherMatterSoonAfterOpensACaseOfItsOwn() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        triage.process(Messages.messenger(resident, "And a complaint about the bins", T0.plus(Duration.ofMinutes(5))));

        assertEquals(List.of(Category.POTHOLE_REPORT, Category.COMPLAINT), cases.all().stream().map(Case::category).sorted().toList());
    }

    @Test
    void quotingTheReferenceJoinsTheCaseDaysLaterButNeverAnotherResidentsCase() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        Case first = cases.all().getFirst();
        String stranger = Messages.newResident();

        triage.process(Messages.messenger(stranger, "Is " + first.reference().value() + " fixed yet?", T0.plus(Duration.ofDays(1))));
        triage.process(Messages.messenger(resident, "Still there, " + first.reference().value(), T0.plus(Duration.ofDays(3))));

        assertEquals(2, cases.all().size(), "the stranger has a case of their own");
        assertEquals(2, cases.find(first.reference()).orElseThrow().version(), "the resident's message joined their case");
    }

    @Test
    void aComplaintWaitsForAPersonFromItsFirstMessageAndAPinAfterAReportDoesNotPutItInTheInbox() {
        triage.process(Messages.messenger(resident, "A complaint about the bins", T0));
        String reporter = Messages.newResident();
        triage.process(Messages.messenger(reporter, "Pothole on Mill Lane", T0));
        triage.process(Messages.pin(reporter, 52.9, -2.15, T0.plusSeconds(60)));

        Case complaint = cases.all().stream().filter(c -> c.category() == Category.COMPLAINT).findFirst().orElseThrow();
        Case report = cases.all().stream().filter(c -> c.category() == Category.POTHOLE_REPORT).findFirst().orElseThrow();
        assertEquals(Optional.of(T0), complaint.handling().awaitingAnswerSince());
        assertTrue(report.pin().isPresent());
        assertFalse(report.handling().awaitingAnswer(), "a pin is detail, not a question");
    }

    @Test
    void aClosedCaseIsNotContinued() {
        triage.process(Messages.messenger(resident, "Pothole on Mill Lane", T0));
        Case first = cases.all().getFirst();
        cases.change(first.withStatus(CaseStatus.CLOSED).changed(T0), List.of(new CaseEvent(T0, "agent-1", "status_changed", "closed")),
                Optional.empty(), Optional.empty());

        triage.process(Messages.pin(resident, 52.9, -2.15, T0.plus(Duration.ofMinutes(1))));

        assertEquals(2, cases.all().size());
    }

    @Test
    void aRedeliveredMessageOpensNothingMoreAndItsAcknowledgementIsQueuedAgainUnderTheSameId() {
        InboundMessage report = Messages.messenger(resident, "Pothole on Mill Lane", T0);
        triage.process(report);
        triage.process(report);

        assertEquals(1, cases.all().size());
        assertEquals(2, queued.size());
        assertEquals(queued.get(0).replyId(), queued.get(1).replyId(), "the outbound queue keeps one reply per id");
        assertTrue(queued.get(0).text().contains(cases.all().getFirst().reference().value()));
    }

    // ---- WhatsApp residents whose id changes (business-scoped user ids) ----

    private static final String PHONE = "447700900123";
    private static final String USER_ID = "GB.1502576394655843";
    private static final String NEW_USER_ID = "GB.2718281828459045";

    private static InboundMessage whatsApp(String resident, List<String> previous, String text, Instant at) {
        return new InboundMessage(Channel.WHATSAPP, "wamid." + java.util.UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(),
                Optional.empty(), at, Optional.empty(), previous, InboundMessage.Kind.RESIDENT_WROTE);
    }

    private static InboundMessage idChanged(String newId, List<String> previous, Instant at) {
        return InboundMessage.residentIdChanged(Channel.WHATSAPP, "wamid.system-" + java.util.UUID.randomUUID(), newId, previous, at);
    }

    @Test
    void aResidentFirstKnownByPhoneWhoArrivesWithAUserIdContinuesTheSameCase() {
        triage.process(whatsApp(PHONE, List.of(), "Pothole on Mill Lane", T0));
        triage.process(whatsApp(USER_ID, List.of(PHONE), "It is by the school gates", T0.plus(Duration.ofMinutes(5))));

        assertEquals(1, cases.all().size(), "one case, not a second resident");
        Case c = cases.all().getFirst();
        assertEquals(USER_ID, c.residentId(), "the case follows the resident to their user id");
        assertEquals(List.of("case_opened", "status_changed", "resident_id_changed", "message_added"),
                cases.events(c.reference()).stream().map(CaseEvent::type).toList());
        assertEquals(2, queued.size(), "both messages acknowledged");
        assertEquals(USER_ID, queued.get(1).residentId(), "the reply goes to the id they wrote from");
    }

    @Test
    void aUserIdChangeMovesTheOpenCasesAndTheNewIdContinuesThemWithNoReplyToTheNoticeItself() {
        triage.process(whatsApp(USER_ID, List.of(PHONE), "Pothole on Mill Lane", T0));
        Case opened = cases.all().getFirst();
        int replies = queued.size();

        triage.process(idChanged(NEW_USER_ID, List.of(USER_ID), T0.plus(Duration.ofMinutes(2))));

        assertEquals(replies, queued.size(), "a system notice is not acknowledged");
        assertEquals(1, cases.all().size(), "a system notice opens no case");
        assertEquals(NEW_USER_ID, cases.find(opened.reference()).orElseThrow().residentId());

        triage.process(whatsApp(NEW_USER_ID, List.of(), "Any news on it?", T0.plus(Duration.ofMinutes(10))));

        assertEquals(1, cases.all().size(), "the new id continues the old case");
        assertEquals(3, cases.find(opened.reference()).orElseThrow().version(), "opened, moved, continued");
    }

    @Test
    void aRedeliveredIdChangeChangesNothingMore() {
        triage.process(whatsApp(USER_ID, List.of(), "Pothole on Mill Lane", T0));
        InboundMessage notice = idChanged(NEW_USER_ID, List.of(USER_ID), T0.plus(Duration.ofMinutes(2)));
        triage.process(notice);
        triage.process(notice);

        Case c = cases.all().getFirst();
        assertEquals(2, c.version());
        assertEquals(1, cases.events(c.reference()).stream().filter(e -> e.type().equals("resident_id_changed")).count());
    }

    @Test
    void closedCasesStayWhereTheyAreAndAnotherResidentsCasesAreNeverMoved() {
        triage.process(whatsApp(USER_ID, List.of(), "Pothole on Mill Lane", T0));
        Case closed = cases.all().getFirst();
        cases.change(closed.withStatus(CaseStatus.CLOSED).changed(T0), List.of(new CaseEvent(T0, "agent-1", "status_changed", "closed")),
                Optional.empty(), Optional.empty());
        triage.process(whatsApp("GB.999", List.of(), "Street light out on Mill Lane", T0));

        triage.process(idChanged(NEW_USER_ID, List.of(USER_ID), T0.plus(Duration.ofMinutes(2))));

        assertEquals(USER_ID, cases.find(closed.reference()).orElseThrow().residentId());
        assertEquals(1, cases.all().stream().filter(c -> c.residentId().equals("GB.999")).count());
        assertTrue(cases.all().stream().noneMatch(c -> c.residentId().equals(NEW_USER_ID)));
    }

    @Test
    void aMessageRedeliveredAfterItsCaseMovedIsNotRecordedTwice() {
        triage.process(whatsApp(PHONE, List.of(), "Pothole on Mill Lane", T0));
        InboundMessage followUp = whatsApp(USER_ID, List.of(PHONE), "By the school", T0.plus(Duration.ofMinutes(1)));
        triage.process(followUp);
        triage.process(followUp);

        assertEquals(1, cases.all().size());
        assertEquals(3, cases.all().getFirst().version());
        assertEquals(queued.get(1).replyId(), queued.get(2).replyId(), "the redelivery's acknowledgement has the same id");
    }
}
