package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore.Waiting;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.testing.FixedClock;
import uk.councilinbox.testing.InMemoryCaseStore;

/** The inbox on in-memory ports: who waits longest comes first, with what is left of the platform's window. */
class InboxTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final StaffUser AGENT = new StaffUser("agent-1@council.example", Set.of(StaffUser.Role.AGENT));

    private final InMemoryCaseStore store = new InMemoryCaseStore();
    private final Inbox inbox = new Inbox(store, new DeliveryRules("case_update", true, Optional.empty()), new FixedClock(NOW));

    @Test
    void theLongestWaitingComesFirstWithHowLongAndTheWindowLeft() {
        Case recent = store.add(query(Channel.WHATSAPP, Duration.ofMinutes(20), Optional.empty()));
        Case oldest = store.add(query(Channel.MESSENGER, Duration.ofHours(30), Optional.empty()));
        store.add(query(Channel.X, Duration.ofHours(2), Optional.empty()).withStatus(CaseStatus.CLOSED));
        Case report = store.add(query(Channel.MESSENGER, Duration.ofHours(1), Optional.empty()).withCategory(Category.POTHOLE_REPORT, Optional.empty())
                .withHandling(Handling.NONE));

        List<Inbox.Entry> waiting = inbox.waiting(AGENT, Waiting.FOR_ANSWER, Inbox.Filter.ALL, 10);

        assertEquals(List.of(oldest.reference(), recent.reference()), waiting.stream().map(e -> e.c().reference()).toList(),
                "a closed case and a report nobody asked about are not waiting");
        Inbox.Entry messenger = waiting.getFirst();
        assertEquals(Duration.ofHours(30), messenger.waited());
        assertEquals(Optional.of(Duration.ofHours(7 * 24 - 30)), messenger.replyLeft(), "30 hours in: the HUMAN_AGENT week is what is left");
        Inbox.Entry whatsApp = waiting.get(1);
        assertEquals(Optional.of(NOW.minus(Duration.ofMinutes(20)).plus(Duration.ofHours(24))), whatsApp.window().freeFormUntil());
        assertEquals(Optional.empty(), whatsApp.replyLeft(), "WhatsApp's template carries a reply at any time");
        assertEquals(List.of(), inbox.waiting(AGENT, Waiting.ON_RESIDENT, Inbox.Filter.ALL, 10));
        assertEquals(Optional.of(report), store.find(report.reference()));
    }

    @Test
    void mineAndUnassignedFilterByWhoIsAnsweringIt() {
        Case mine = store.add(query(Channel.MESSENGER, Duration.ofHours(3), Optional.of(AGENT.id())));
        Case colleagues = store.add(query(Channel.MESSENGER, Duration.ofHours(2), Optional.of("agent-2@council.example")));
        Case nobodys = store.add(query(Channel.MESSENGER, Duration.ofHours(1), Optional.empty()));

        assertEquals(List.of(mine.reference()), references(Inbox.Filter.MINE));
        assertEquals(List.of(nobodys.reference()), references(Inbox.Filter.UNASSIGNED));
        assertEquals(List.of(mine.reference(), colleagues.reference(), nobodys.reference()), references(Inbox.Filter.ALL));
    }

    @Test
    void withoutHumanAgentApprovalAMessengerReplyHasOnlyTheDayAndThenNothingLeft() {
        Inbox unapproved = new Inbox(store, new DeliveryRules("case_update", false, Optional.empty()), new FixedClock(NOW));
        store.add(query(Channel.MESSENGER, Duration.ofHours(30), Optional.empty()));

        Inbox.Entry entry = unapproved.waiting(AGENT, Waiting.FOR_ANSWER, Inbox.Filter.ALL, 10).getFirst();

        assertEquals(Optional.of(Duration.ZERO), entry.replyLeft());
        assertEquals("then held until they write", entry.window().afterwards());
    }

    private List<Reference> references(Inbox.Filter filter) {
        return inbox.waiting(AGENT, Waiting.FOR_ANSWER, filter, 10).stream().map(e -> e.c().reference()).toList();
    }

    private static Case query(Channel channel, Duration waited, Optional<String> assignee) {
        Instant wrote = NOW.minus(waited);
        return new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.QUERY, 0.9, channel, channel.label() + "-resident",
                Visibility.PRIVATE, Optional.empty(), Optional.empty(), 0, wrote, wrote, wrote, 1, Optional.empty(),
                Handling.opened(Category.QUERY, wrote).assignedTo(assignee));
    }
}
