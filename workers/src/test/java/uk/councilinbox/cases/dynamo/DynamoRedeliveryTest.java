package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * A redelivered message is refused by the condition on the resident's item, on moto: within the redelivery window,
 * including from the window before, and the digests of windows long gone are removed.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class DynamoRedeliveryTest {

    @Inject
    CaseStore cases;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    InboxConfig config;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String resident = "psid-" + UUID.randomUUID();

    @Test
    void aMessageRecordedSixDaysAgoIsStillRecognisedAndSaysWhichCaseItOpened() {
        InboundMessage report = message("pothole on Stone Road", t0);
        Case opened = open(report);

        Case sixDaysOn = opened.changed(t0.plus(Duration.ofDays(6)));
        assertThrows(CaseStore.MessageAlreadyRecordedException.class,
                () -> cases.attach(sixDaysOn, report, new CaseEvent(t0, CaseEvent.SYSTEM, "message_added", "again")));

        CaseStore.RecordedMessage recorded = cases.recorded(report).orElseThrow();
        assertEquals(opened.reference(), recorded.reference());
        assertTrue(recorded.opened());
        assertEquals(1, cases.find(opened.reference()).orElseThrow().version(), "nothing was written");
    }

    @Test
    void aFollowUpIsRecordedAsNotHavingOpenedItsCase() {
        Case opened = open(message("pothole on Stone Road", t0));
        InboundMessage pin = message("", t0.plusSeconds(30));
        cases.attach(opened.changed(t0.plusSeconds(30)), pin, new CaseEvent(t0, CaseEvent.SYSTEM, "message_added", "pin"));

        assertFalse(cases.recorded(pin).orElseThrow().opened());
        assertTrue(cases.recorded(message("never sent", t0)).isEmpty());
    }

    @Test
    void digestsOfWindowsLongGoneAreRemovedWhenTheResidentWritesAgain() {
        Case opened = open(message("pothole on Stone Road", t0));
        Instant sixWeeksOn = t0.plus(CaseStore.REDELIVERY_WINDOW.multipliedBy(6));
        cases.resident(opened.residentKey()); // as triage reads them before each message
        cases.attach(opened.changed(sixWeeksOn), message("any news?", sixWeeksOn),
                new CaseEvent(sixWeeksOn, CaseEvent.SYSTEM, "message_added", "later"));

        List<String> digestSets = residentItem().keySet().stream().filter(name -> name.startsWith("msgs")).toList();
        assertEquals(List.of("msgs" + sixWeeksOn.getEpochSecond() / CaseStore.REDELIVERY_WINDOW.toSeconds()), digestSets);
    }

    private Map<String, AttributeValue> residentItem() {
        return dynamo.getItem(b -> b.tableName(config.table()).consistentRead(true)
                .key(TableLayout.residentItemKey(uk.councilinbox.privacy.Pseudonyms.of(config).resident(Channel.MESSENGER + ":" + resident)))).item();
    }

    private Case open(InboundMessage message) {
        Case c = new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident,
                Visibility.PRIVATE, Optional.of("Stone Road, Stone"), Optional.empty(), 0, t0, t0, t0, 1, Optional.empty());
        cases.open(c, message, new CaseEvent(t0, CaseEvent.SYSTEM, CaseEvent.CASE_OPENED, "test"));
        return c;
    }

    private InboundMessage message(String text, Instant sentAt) {
        return new InboundMessage(Channel.MESSENGER, "mid-" + UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(),
                Optional.empty(), sentAt, Optional.empty());
    }
}
