package uk.councilinbox.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.answers.Suggestion;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore.MessageAlreadyRecordedException;
import uk.councilinbox.cases.CaseStore.RecordedMessage;
import uk.councilinbox.cases.CaseStore.ReferenceTakenException;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.photos.PhotoQueue;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.OutboundQueue;

/**
 * Triage of one resident's message: classify it, find what it says, put it on the right case, and queue
 * the acknowledgement. Safe to run again for the same message: the case store records a message once,
 * and the acknowledgement's id is derived from the message so it is sent once.
 */
public final class TriageService {

    /** A message this soon after the resident's last one, adding to it, continues the same case. */
    static final Duration CONTINUATION_WINDOW = Duration.ofMinutes(30);
    private static final int REFERENCE_ATTEMPTS = 5;

    private final Classifier classifier;
    private final Extractor extractor;
    private final CaseStore cases;
    private final OutboundQueue outbound;
    private final Acknowledgements acknowledgements;
    private final HeldReplies heldReplies;
    private final AutoAnswers autoAnswers;
    private final ResidentIdChanges idChanges;
    private final Services services;
    private final PhotoQueue photos;
    private final double reviewBelow;
    private final Clock clock;

    public TriageService(Classifier classifier, Extractor extractor, CaseStore cases, OutboundQueue outbound,
            Acknowledgements acknowledgements, HeldReplies heldReplies, double reviewBelow, Clock clock) {
        this(classifier, extractor, cases, outbound, acknowledgements, heldReplies, AutoAnswers.off(), Services.fromClasspath(),
                PhotoQueue.none(), reviewBelow, clock);
    }

    public TriageService(Classifier classifier, Extractor extractor, CaseStore cases, OutboundQueue outbound,
            Acknowledgements acknowledgements, HeldReplies heldReplies, AutoAnswers autoAnswers, Services services, PhotoQueue photos,
            double reviewBelow, Clock clock) {
        this.services = services;
        this.photos = photos;
        this.autoAnswers = autoAnswers;
        this.classifier = classifier;
        this.extractor = extractor;
        this.cases = cases;
        this.outbound = outbound;
        this.acknowledgements = acknowledgements;
        this.heldReplies = heldReplies;
        this.idChanges = new ResidentIdChanges(cases, clock);
        this.reviewBelow = reviewBelow;
        this.clock = clock;
    }

    /** Reads the residents of a batch's messages at once ({@link CaseStore#readAhead}); close it when the batch is done. */
    public CaseStore.ReadAhead readAhead(java.util.Collection<InboundMessage> messages) {
        return cases.readAhead(messages.stream().map(InboundMessage::residentKey).distinct().toList());
    }

    public void process(InboundMessage message) {
        if (message.kind() == InboundMessage.Kind.RESIDENT_ID_CHANGED) {
            // Only the platform speaking: no case, no acknowledgement, and the reply window is not reopened.
            idChanges.adopt(message);
            return;
        }
        CaseStore.Resident resident = cases.resident(message.residentKey());
        acknowledge(message, resident);
        if (resident.repliesHeld()) {
            // Their message reopens the platform's reply window: anything held for them can go now.
            heldReplies.residentWrote(message);
        }
    }

    /**
     * A redelivered message is not looked up first: the write that records it is conditional on its never having been
     * recorded, and only when that condition fails is the earlier record read, to queue its acknowledgement again.
     */
    private void acknowledge(InboundMessage message, CaseStore.Resident resident) {
        Classification classification = classifier.classify(message.text());
        Extraction extraction = extractor.extract(message);
        try {
            Optional<Case> open = caseToContinue(message, resident, classification, extraction);
            if (open.isPresent()) {
                Case updated = withFollowUp(open.get(), message, extraction);
                cases.attach(updated, message, new CaseEvent(now(), CaseEvent.SYSTEM, "message_added",
                        "follow-up on " + message.channel().label()));
                outbound.enqueueWithMessage(acknowledgements.forMessage(message, updated, false, now()));
                photos.enqueue(PhotoJob.forMessage(updated.reference(), message));
            } else {
                Opened opened = openCase(message, classification, extraction);
                outbound.enqueueWithMessage(firstAcknowledgement(message, opened.c(), opened.answer()));
                photos.enqueue(PhotoJob.forMessage(opened.c().reference(), message));
            }
        } catch (MessageAlreadyRecordedException e) {
            // Another delivery of this message won the race; make sure its acknowledgement is queued.
            cases.recorded(message).ifPresent(earlier -> requeueAcknowledgement(message, earlier));
        }
    }

    private Optional<Case> caseToContinue(InboundMessage message, CaseStore.Resident resident, Classification classification,
            Extraction extraction) {
        Optional<Case> latest = resident.latestCase().flatMap(cases::find).filter(c -> c.status().isOpen());
        if (latest.isEmpty() && !message.previousResidentIds().isEmpty()) {
            // First seen under another id (their phone number, before the user id came too): their open cases are theirs.
            latest = idChanges.adopt(message).stream().findFirst();
        }
        Optional<Case> quoted = extraction.quotedReference().flatMap(cases::find)
                .filter(c -> c.residentKey().equals(message.residentKey()) && c.status().isOpen());
        if (quoted.isPresent()) {
            return quoted;
        }
        return latest.filter(c -> continues(c, message, classification));
    }

    /** "Plainly continues": soon after, and either only adds detail or is about the same thing. */
    private static boolean continues(Case open, InboundMessage message, Classification classification) {
        boolean soon = !message.sentAt().isAfter(open.lastResidentMessageAt().plus(CONTINUATION_WINDOW));
        boolean detailOnly = message.text().isBlank() && (message.location().isPresent() || !message.attachments().isEmpty());
        boolean sameMatter = classification.category() == open.category() || classification.category() == Category.OTHER;
        return soon && (detailOnly || sameMatter);
    }

    private Case withFollowUp(Case open, InboundMessage message, Extraction extraction) {
        Instant now = now();
        return open.withLocation(open.place().or(extraction::place), open.pin().or(extraction::pin))
                .withPhotos(open.photos() + extraction.photos())
                .withLastResidentMessageAt(latest(open.lastResidentMessageAt(), message.sentAt()))
                .withHandling(open.handling().residentWrote(open.category(), message.sentAt()))
                .changed(now);
    }

    /** A case just opened, and the self-serve answer recorded as sent with its acknowledgement, if one may go. */
    private record Opened(Case c, Optional<Suggestion> answer) {}

    private Opened openCase(InboundMessage message, Classification classification, Extraction extraction) {
        Category category = classification.category();
        Optional<Service> service = services.forReport(category, classification.service());
        boolean confident = classification.confidence() >= reviewBelow;
        // Another body's problem (bins, in a two-tier area): the resident is told where to go, and nobody here waits to act.
        Optional<Service> elsewhere = service.filter(s -> confident && !s.handledHere());
        // Acknowledged as it opens: the acknowledgement is queued with the write that opens it, and the queue sends it once.
        CaseStatus status = !confident ? CaseStatus.NEEDS_REVIEW : elsewhere.isPresent() ? CaseStatus.REJECTED : CaseStatus.ACKNOWLEDGED;
        Instant now = now();
        for (int attempt = 1; ; attempt++) {
            Case c = new Case(Reference.random(), status, category, classification.confidence(),
                    message.channel(), message.residentId(), message.visibility(), extraction.place(), extraction.pin(),
                    extraction.photos(), now, now, message.sentAt(), 1, message.replyTarget(),
                    Handling.opened(category, message.sentAt()), service.map(Service::code));
            Optional<Suggestion> answer = autoAnswers.answerFor(c, message);
            if (answer.isPresent()) {
                c = c.withHandling(Handling.NONE); // answered by self-serve: nobody waits unless the resident writes again
            }
            List<CaseEvent> events = new ArrayList<>(List.of(new CaseEvent(now, CaseEvent.SYSTEM, CaseEvent.CASE_OPENED,
                    category.label() + service.map(s -> "/" + s.code()).orElse("") + " "
                            + String.format(java.util.Locale.ROOT, "%.2f", classification.confidence()) + ": " + classification.reason())));
            elsewhere.ifPresent(s -> events.add(new CaseEvent(now, CaseEvent.SYSTEM, "status_changed", CaseStatus.RECEIVED.label() + " -> "
                    + CaseStatus.REJECTED.label() + ": " + s.name() + " is dealt with by " + s.elsewhere().orElseThrow().body() + " ("
                    + s.elsewhere().orElseThrow().link() + ")")));
            if (status == CaseStatus.ACKNOWLEDGED) {
                events.add(new CaseEvent(now, CaseEvent.SYSTEM, "status_changed", CaseStatus.RECEIVED.label() + " -> "
                        + CaseStatus.ACKNOWLEDGED.label() + ": acknowledgement queued"));
            }
            answer.ifPresent(a -> events.add(new CaseEvent(now, CaseEvent.SYSTEM, CaseEvent.ANSWERED_AUTOMATICALLY, a.answer().id())));
            try {
                cases.open(c, message, events);
                return new Opened(c, answer);
            } catch (ReferenceTakenException e) {
                if (attempt == REFERENCE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A redelivery of a message already on its case: whatever was to be queued for it is queued again (queues keep one copy). */
    private void requeueAcknowledgement(InboundMessage message, RecordedMessage earlier) {
        cases.find(earlier.reference()).ifPresent(c -> {
            outbound.enqueue(earlier.opened()
                    ? firstAcknowledgement(message, c, autoAnswers.answerFor(c, message))
                    : acknowledgements.forMessage(message, c, false, now()));
            photos.enqueue(PhotoJob.forMessage(c.reference(), message));
        });
    }

    /**
     * The acknowledgement of the message that opened {@code c}, with the self-serve answer when one went. A redelivery
     * decides again on the same words and answers, so its re-queued acknowledgement matches (and has the same id).
     */
    private OutboundReply firstAcknowledgement(InboundMessage message, Case c, Optional<Suggestion> answer) {
        return answer.map(a -> acknowledgements.withAnswer(message, c, a.answer(), now()))
                .orElseGet(() -> acknowledgements.forMessage(message, c, true, now()));
    }

    private Instant now() {
        return clock.instant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
