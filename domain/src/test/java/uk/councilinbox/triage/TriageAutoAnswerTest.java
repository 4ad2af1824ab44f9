package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Services;
import uk.councilinbox.answers.Answer;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.answers.Suggestion;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryReplyLedger;
import uk.councilinbox.testing.Messages;

/** A query answered automatically through the acknowledgement's exactly-once path, when (and only when) configured. */
class TriageAutoAnswerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Classifier QUERIES = text -> new Classification(Category.QUERY, 0.9, "asks");
    private static final Answer TIP = new Answer("tip-opening-times", List.of("When is the tip open?"),
            "Our recycling centres are open every day.", "https://www.example.gov.uk/recycling-centres");

    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final List<OutboundReply> queued = new ArrayList<>();
    private final String resident = Messages.newResident();

    @Test
    void withTheThresholdSetAMatchingQueryGetsTheAnswerOnceAndItIsOnTheHistory() {
        TriageService triage = triage(0.7);
        InboundMessage asked = Messages.messenger(resident, "is the tip open on sunday", T0);

        triage.process(asked);
        triage.process(asked);

        assertEquals(1, cases.all().size());
        assertEquals(2, queued.size(), "queued again on redelivery, under the same id so the sender sends it once");
        OutboundReply answer = queued.getFirst();
        assertEquals(queued.get(0), queued.get(1));
        assertEquals(Acknowledgements.replyIdFor(asked.messageKey()), answer.replyId());
        assertEquals(ReplyKind.ACKNOWLEDGEMENT, answer.kind());
        String reference = cases.all().getFirst().reference().value();
        assertTrue(answer.text().contains(reference) && answer.text().contains(TIP.text()) && answer.text().contains(TIP.link()), answer.text());
        assertTrue(answer.text().contains("automatic answer") && answer.text().contains("follow up"), answer.text());
        List<CaseEvent> answered = history().stream().filter(e -> e.type().equals(CaseEvent.ANSWERED_AUTOMATICALLY)).toList();
        assertEquals(1, answered.size(), "one event however often it is redelivered");
        assertEquals(TIP.id(), answered.getFirst().detail());
        assertFalse(cases.all().getFirst().handling().awaitingAnswer(), "answered: not in the inbox");

        triage.process(Messages.messenger(resident, "thanks but is it open on bank holidays too", T0.plusSeconds(120)));
        assertTrue(cases.all().stream().anyMatch(c -> c.handling().awaitingAnswer()), "they wrote again: a person follows up");
    }

    @Test
    void withTheThresholdUnsetTheQueryGetsTheUsualAcknowledgement() {
        triage(0).process(Messages.messenger(resident, "is the tip open on sunday", T0));

        assertEquals(1, queued.size());
        assertFalse(queued.getFirst().text().contains(TIP.text()), queued.getFirst().text());
        assertTrue(history().stream().noneMatch(e -> e.type().equals(CaseEvent.ANSWERED_AUTOMATICALLY)));
    }

    @Test
    void aPublicPostGetsTheUsualReplyNotTheAnswer() {
        triage(0.7).process(Messages.xMention(resident, "@council is the tip open on sunday", "post_9", T0));
        triage(0.7).process(Messages.facebookComment(Messages.newResident(), "is the tip open on sunday", "c_9", T0));

        assertEquals(2, queued.size());
        assertEquals(new ReplyTemplates().render("acknowledgement.public", java.util.Map.of()), queued.getFirst().text());
        assertTrue(queued.stream().noneMatch(r -> r.text().contains(TIP.text())), queued.toString());
    }

    private TriageService triage(double threshold) {
        AutoAnswers auto = new AutoAnswers((text, limit) -> text.contains("tip") ? List.of(new Suggestion(TIP, "When is the tip open?", 0.8))
                : List.of(), threshold);
        return new TriageService(QUERIES, new Extractor(), cases, queued::add, new Acknowledgements(new ReplyTemplates()),
                new HeldReplies(new InMemoryReplyLedger(), queued::add, CLOCK), auto, Services.fromClasspath(), uk.councilinbox.photos.PhotoQueue.none(), 0.5, CLOCK);
    }

    private List<CaseEvent> history() {
        return cases.history(cases.all().getFirst().reference());
    }
}
