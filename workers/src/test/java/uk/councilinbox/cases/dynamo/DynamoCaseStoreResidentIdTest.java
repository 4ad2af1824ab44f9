package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.triage.lambda.TriageFunction;

/**
 * A WhatsApp resident whose id changes stays one resident, on moto: their open cases move to the new key
 * (listed on their resident item), the new id continues them, and the inbound queue's JSON carries the previous ids and the kind.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class DynamoCaseStoreResidentIdTest {

    @Inject
    TriageFunction triage;

    @Inject
    CaseStore cases;

    @Inject
    ObjectMapper json;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String phone = "4477009" + (10000 + (int) (Math.random() * 89999));
    private final String userId = "GB." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    private final String newUserId = "GB." + Math.abs(UUID.randomUUID().getLeastSignificantBits());

    @Test
    void openCasesAreReadAgainAndOnlyTheOpenOnesUnderTheKey() throws Exception {
        deliver(message(userId, List.of(), "Pothole on Mill Lane, Stone", now));
        deliver(message(userId, List.of(), "And a complaint about the bins", now.plusSeconds(60)));
        Case closed = cases.openCases(key(userId)).getLast();
        cases.change(closed.withStatus(CaseStatus.CLOSED).changed(now), List.of(new CaseEvent(now, "agent-1", "status_changed", "closed")),
                Optional.empty(), Optional.empty());

        assertEquals(1, cases.openCases(key(userId)).size());
        assertEquals(List.of(), cases.openCases(key("GB.nobody")));
    }

    @Test
    void aResidentFirstKnownByPhoneKeepsTheirCaseWhenTheUserIdComesAndAnIdChangeMovesItAgain() throws Exception {
        deliver(message(phone, List.of(), "Huge pothole on Mill Lane, Stone ST15 8AA", now));
        Case opened = cases.openCases(key(phone)).getFirst();

        InboundMessage followUp = message(userId, List.of(phone), "The pothole is by the school gates, it is getting deeper", now.plusSeconds(60));
        deliver(followUp);
        deliver(followUp);

        assertEquals(List.of(), cases.openCases(key(phone)));
        Case moved = cases.openCases(key(userId)).getFirst();
        assertEquals(opened.reference(), moved.reference(), "one case, not a second resident");
        assertEquals(3, moved.version(), "opened, moved, continued; the redelivery changed nothing");
        assertEquals(opened.reference(), cases.resident(key(userId)).latestCase().orElseThrow(), "the resident's own item names it");

        InboundMessage notice = InboundMessage.residentIdChanged(Channel.WHATSAPP, "wamid.system-" + UUID.randomUUID(), newUserId,
                List.of(userId), now.plusSeconds(120));
        deliver(notice);
        deliver(notice);
        // A pin shared from the new id: only detail, so it joins the open case.
        deliver(new InboundMessage(Channel.WHATSAPP, "wamid." + UUID.randomUUID(), newUserId, Visibility.PRIVATE, "", List.of(),
                Optional.of(new GeoPoint(52.9, -2.15)), now.plusSeconds(180), Optional.empty()));

        Case current = cases.find(opened.reference()).orElseThrow();
        assertEquals(newUserId, current.residentId());
        assertEquals(5, current.version(), "moved once more and continued by the new id");
        assertEquals(List.of(opened.reference()), cases.openCases(key(newUserId)).stream().map(Case::reference).toList());
        List<String> history = cases.detail(opened.reference()).orElseThrow().history().stream().map(CaseEvent::type).toList();
        assertEquals(2, history.stream().filter("resident_id_changed"::equals).count(), history.toString());
        assertEquals(3, cases.detail(opened.reference()).orElseThrow().messages().size(), "the notice is not a message on the case");
    }

    private void deliver(InboundMessage message) throws Exception {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(UUID.randomUUID().toString());
        record.setBody(json.writeValueAsString(message));
        record.setEventSourceArn("arn:aws:sqs:eu-west-2:000000000000:council-inbox-inbound.fifo");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        SQSBatchResponse response = triage.handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty(), "the record failed");
    }

    private static InboundMessage message(String resident, List<String> previous, String text, Instant at) {
        return new InboundMessage(Channel.WHATSAPP, "wamid." + UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(),
                Optional.empty(), at, Optional.empty(), previous, InboundMessage.Kind.RESIDENT_WROTE);
    }

    private static String key(String resident) {
        return Channel.WHATSAPP + ":" + resident;
    }
}
