package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.photos.PhotoRecords;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.DifferentialProxy;
import uk.councilinbox.local.MotoServer;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.SendBudget;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.replies.SendingLimit;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.TestConfig;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;
import uk.councilinbox.trends.dynamo.DynamoTrendReports;

/**
 * The performance shim ({@code src/test/python/moto_fast_dynamodb.py}) answers every call our DynamoDB
 * adapters make exactly as plain moto does. Both run as their own processes behind a
 * {@link DifferentialProxy}; the production adapters, wrapped so that every method of their ports is
 * seen to be called, work through a table of some hundreds of items (so partitions, index maps built
 * late and kept up since, and pagination all take part), including their failure paths.
 */
class MotoShimDifferentialTest {

    private static final int RESIDENTS = 10;
    private static final int CASES_PER_RESIDENT = 12;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Set<String> called = new ConcurrentSkipListSet<>();

    @Test
    void theShimAnswersEveryAdapterCallAsPlainMotoDoes() throws Exception {
        assumeFalse("localstack".equals(System.getProperty("emulators")), "compares moto with moto");
        try (MotoServer plain = MotoServer.start(MotoServer.Flavour.PLAIN);
                MotoServer fast = MotoServer.start(MotoServer.Flavour.FAST);
                DifferentialProxy tee = new DifferentialProxy(plain.endpoint(), fast.endpoint());
                DynamoDbClient dynamo = Provisioning.dynamo(tee.endpoint())) {
            Provisioning.createTable(dynamo);
            InboxConfig config = TestConfig.defaults();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            CaseStore cases = watched(CaseStore.class, new DynamoCaseStore(dynamo, config, json));
            ReplyLedger ledger = watched(ReplyLedger.class, new DynamoReplyLedger(dynamo, config, json));
            TrendReports trends = watched(TrendReports.class, new DynamoTrendReports(dynamo, config, json));
            SendBudget budget = watched(SendBudget.class, new DynamoSendBudget(dynamo, config));
            PhotoRecords photos = watched(PhotoRecords.class, new DynamoPhotoRecords(dynamo, config));

            List<Case> opened = fill(cases);
            workPhotos(photos, cases, opened);
            workCases(cases, opened);
            workReplies(ledger, cases, opened);
            workTrends(trends);
            workBudget(budget);

            assertEquals(List.of(), tee.differences(), "calls answered differently by the shim");
            assertEquals(Set.of(), missing(CaseStore.class, ReplyLedger.class, TrendReports.class, SendBudget.class, PhotoRecords.class), "port methods never called");
            Set<String> operations = tee.calls().keySet();
            for (String expected : List.of("GetItem", "PutItem", "PutItem (ConditionalCheckFailedException)", "UpdateItem", "DeleteItem",
                    "Query", "TransactWriteItems", "TransactWriteItems (TransactionCanceledException)")) {
                assertTrue(operations.contains(expected), expected + " not compared: " + tee.calls());
            }
            System.out.println("[differential] plain moto and the shim agreed on " + tee.calls());
        }
    }

    /** Cases for many residents, a few continued by a second message, so partitions and indexes fill up. */
    private List<Case> fill(CaseStore cases) {
        List<Case> opened = new java.util.ArrayList<>();
        for (int r = 0; r < RESIDENTS; r++) {
            for (int c = 0; c < CASES_PER_RESIDENT; c++) {
                Instant at = now.minus(Duration.ofMinutes((long) r * CASES_PER_RESIDENT + c));
                Category category = Category.values()[(r + c) % Category.values().length];
                Case newCase = new Case(Reference.random(), c % 3 == 0 ? CaseStatus.NEEDS_REVIEW : CaseStatus.RECEIVED, category, 0.8,
                        Channel.MESSENGER, "psid-" + r, Visibility.PRIVATE, Optional.of("Stone Road, Stone"), Optional.empty(), 0, at, at, at, 1, Optional.empty());
                InboundMessage message = message("psid-" + r, "m-" + r + "-" + c, at);
                cases.open(newCase, message, new CaseEvent(at, CaseEvent.SYSTEM, "case_opened", "test"));
                opened.add(newCase);
            }
        }
        return opened;
    }

    /** A photo recorded (pinning its case), recorded again (a no-op), and one pinning a case that moved on (a conflict). */
    private void workPhotos(PhotoRecords photos, CaseStore cases, List<Case> opened) {
        Case c = cases.find(opened.get(2).reference()).orElseThrow();
        CasePhoto kept = CasePhoto.kept(c.reference(), "p1", "MESSENGER:m-2", "image/jpeg", "cases/" + c.reference().value() + "/p1.jpg",
                Optional.empty(), "photo 10x10", now);
        Case pinned = c.withLocation(c.place(), Optional.of(new uk.councilinbox.messages.GeoPoint(52.8, -2.1))).changed(now);
        CaseEvent event = new CaseEvent(now, CaseEvent.SYSTEM, "photo_kept", "kept");
        assertTrue(photos.record(kept, event, Optional.of(pinned)));
        assertFalse(photos.record(kept, event, Optional.empty()));
        CasePhoto another = CasePhoto.notKept(c.reference(), "p2", "MESSENGER:m-2", CasePhoto.Outcome.REFUSED, "a PDF", now);
        assertThrows(CaseStore.CaseChangedException.class, () -> photos.record(another, event, Optional.of(pinned)));
        CasePhoto onNoCase = CasePhoto.notKept(Reference.random(), "p3", "MESSENGER:m-none", CasePhoto.Outcome.UNAVAILABLE, "gone", now);
        assertThrows(CaseStore.CaseChangedException.class, () -> photos.record(onNoCase, event, Optional.empty()));
        photos.find(c.reference(), "p1");
        photos.find(c.reference(), "p2");
        cases.residentCases(c.residentKey());
    }

    private void workCases(CaseStore cases, List<Case> opened) {
        Case first = opened.getFirst();
        InboundMessage again = message(first.residentId(), "m-0-0", first.createdAt());
        assertThrows(CaseStore.MessageAlreadyRecordedException.class,
                () -> cases.open(first, again, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "again")));
        Case sameReference = new Case(first.reference(), CaseStatus.RECEIVED, first.category(), 0.8, Channel.MESSENGER, "psid-x",
                Visibility.PRIVATE, Optional.empty(), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        assertThrows(CaseStore.ReferenceTakenException.class, () -> cases.open(sameReference, message("psid-x", "m-x", now),
                new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "clash")));
        assertEquals(first.reference(), cases.recorded(again).orElseThrow().reference());
        assertTrue(cases.recorded(message("psid-x", "never", now)).isEmpty());
        try (CaseStore.ReadAhead ahead = cases.readAhead(List.of(first.residentKey(), message("nobody-yet", "m-z", now).residentKey()))) {
            cases.resident(first.residentKey());
        }
        cases.find(new Reference(Reference.random().value()));

        Case latest = cases.find(cases.resident(first.residentKey()).latestCase().orElseThrow()).orElseThrow();
        cases.resident(message("nobody", "m-y", now).residentKey());
        cases.openCases(first.residentKey());
        Case other = cases.find(opened.get(5).reference()).orElseThrow();
        Case moved = other.withResidentId("psid-moved").changed(other.updatedAt().plusSeconds(1));
        cases.moveToResident(moved, new CaseEvent(now, CaseEvent.SYSTEM, "resident_id_changed", "moved"));
        assertThrows(CaseStore.CaseChangedException.class,
                () -> cases.moveToResident(moved, new CaseEvent(now, CaseEvent.SYSTEM, "resident_id_changed", "stale")));
        Case continued = latest.withHandling(Handling.opened(Category.QUERY, now)).changed(latest.updatedAt().plusSeconds(1));
        cases.attach(continued, message(first.residentId(), "m-0-more", now), new CaseEvent(now, CaseEvent.SYSTEM, "message_added", "pin"));
        assertThrows(CaseStore.CaseChangedException.class, () -> cases.attach(continued, message(first.residentId(), "m-0-late", now),
                new CaseEvent(now, CaseEvent.SYSTEM, "message_added", "stale")));

        cases.search(new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50));
        cases.search(new CaseQuery(EnumSet.of(CaseStatus.RECEIVED), Optional.of(Category.POTHOLE_REPORT), Optional.of(Channel.MESSENGER),
                Optional.of(now.minus(Duration.ofHours(2))), Optional.of(now), Optional.of("stone"), 20));
        cases.detail(first.reference());
        cases.detail(Reference.random());
        assertEquals(List.of(continued.reference()), cases.waiting(CaseStore.Waiting.FOR_ANSWER, 10).stream().map(Case::reference).toList());
        cases.waiting(CaseStore.Waiting.ON_RESIDENT, 10);

        Case resolved = cases.find(opened.get(1).reference()).orElseThrow();
        Case nowResolved = resolved.withStatus(CaseStatus.RESOLVED).changed(resolved.updatedAt().plusSeconds(1));
        cases.change(nowResolved, List.of(new CaseEvent(now, "agent-1", "status_changed", "received -> resolved")),
                Optional.of(update(nowResolved)), Optional.of(now.plus(Duration.ofDays(730))));
        assertThrows(CaseStore.CaseChangedException.class, () -> cases.change(nowResolved, List.of(), Optional.empty(), Optional.empty()));
        cases.finishRetention(now.plus(Duration.ofMinutes(10)), 10);
        cases.deferReply(update(nowResolved).deferred(), now.minusSeconds(30));
        for (OutboundReply pending : cases.pendingReplies(now.plusSeconds(1), 25)) {
            cases.replyQueued(pending.attemptKey());
        }
        cases.eraseResident(opened.get(CASES_PER_RESIDENT).residentKey(), new CaseEvent(now, "supervisor-1", "personal_data_erased", "asked"));
    }

    private void workReplies(ReplyLedger ledger, CaseStore cases, List<Case> opened) {
        Case c = cases.find(opened.get(2 * CASES_PER_RESIDENT + 1).reference()).orElseThrow();
        OutboundReply ack = update(c);
        assertFalse(ledger.handled(ack));
        assertTrue(ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_1"), now));
        assertFalse(ledger.record(ack, new DeliveryPlan.FreeForm(), new SendOutcome.Sent("m_1"), now));
        assertTrue(ledger.handled(ack));

        OutboundReply refused = update(c);
        ledger.record(refused, new DeliveryPlan.FreeForm(), new SendOutcome.Refused("blocked", false), now);

        OutboundReply held = update(c);
        ledger.record(held, new DeliveryPlan.Held("outside the window", true), new SendOutcome.Held("outside the window"), now);
        ledger.record(update(c), new DeliveryPlan.Held("one private reply per comment", false), new SendOutcome.Held("one private reply"), now);
        ledger.heldUntilResidentWrites(c.residentKey(), now);
        ledger.released(held);
        ledger.heldUntilResidentWrites(c.residentKey(), now);
        DeliveryReport failed = new DeliveryReport(Channel.WHATSAPP, "wamid.differential", Optional.of("WHATSAPP:447700900123"),
                Optional.of(c.reference().value()), "code 131047 (Re-engagement message)", now);
        ledger.reportedOn(failed);
        DeliveryReport delivered = DeliveryReport.of(Channel.MESSENGER, DeliveryState.DELIVERED, "m_1", Optional.of(ack.residentKey()),
                Optional.empty(), "", now);
        for (ReplyLedger.Tracked sent : ledger.reportedOn(delivered)) {
            ledger.advance(sent, delivered);
            ledger.advance(sent, delivered);
        }
        DeliveryReport read = DeliveryReport.upTo(Channel.MESSENGER, DeliveryState.READ, now, ack.residentKey(), now);
        DeliveryReport failedLate = DeliveryReport.of(Channel.MESSENGER, DeliveryState.FAILED, "m_1", Optional.of(ack.residentKey()),
                Optional.of(c.reference().value()), "code 551", now);
        for (ReplyLedger.Tracked sent : ledger.reportedOn(read)) {
            ledger.advance(sent, read);
            ledger.advance(sent, failedLate);
        }
    }

    private void workTrends(TrendReports trends) {
        trends.latest(28);
        trends.save(28, new TrendReport(now, LocalDate.of(2026, 11, 4), LocalDate.of(2026, 12, 1),
                List.of(new TrendReport.Day(LocalDate.of(2026, 12, 1), 3, Map.of("pothole_report", 3), Map.of("messenger", 3), Map.of("stone", 3))),
                List.of(), new TrendReport.ResponseTimes(5.0, null, 3, 0, null, 0), List.of(),
                new TrendReport.SelfServe(0, 0), new TrendReport.ChannelShift(3, 3, 2.83, 0.15, 8.04, 0.02, 8.02)));
        trends.latest(28);
    }

    /** X's 15 direct messages in 15 minutes counted past the limit, the backlog's turns booked after. */
    private void workBudget(SendBudget budget) {
        SendingLimit limit = new SendingLimit("x-direct-messages", 15, Duration.ofMinutes(15));
        for (int i = 0; i < 18; i++) {
            budget.take(limit, now.plusSeconds(i));
        }
    }

    private InboundMessage message(String resident, String id, Instant at) {
        return new InboundMessage(Channel.MESSENGER, id, resident, Visibility.PRIVATE, "pothole on Stone Road", List.of(), Optional.empty(),
                at, Optional.empty());
    }

    private OutboundReply update(Case c) {
        return new OutboundReply("update:" + java.util.UUID.randomUUID(), ReplyKind.PROGRESS_UPDATE, c.reference().value(), c.channel(),
                c.residentId(), c.visibility(), Optional.empty(), "Your report " + c.reference().value() + " has news", now, now,
                List.of(c.reference().value()));
    }

    /** The adapter behind its port, with each method name noted as it is called. */
    @SuppressWarnings("unchecked")
    private <T> T watched(Class<T> port, T adapter) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            called.add(port.getSimpleName() + "." + method.getName());
            try {
                return method.invoke(adapter, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private Set<String> missing(Class<?>... ports) {
        Set<String> all = Arrays.stream(ports).flatMap(p -> Arrays.stream(p.getDeclaredMethods())
                        .filter(m -> !m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                        .map(m -> p.getSimpleName() + "." + m.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        all.removeAll(called);
        return all;
    }
}
