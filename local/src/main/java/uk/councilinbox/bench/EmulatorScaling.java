package uk.councilinbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.dynamo.DynamoCaseStore;
import uk.councilinbox.cases.dynamo.DynamoReplyLedger;
import uk.councilinbox.local.MotoServer;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.TestConfig;

/**
 * {@code bin/bench-emulators [sizes...]}: per-call latency of the DynamoDB calls on the message path,
 * made by the production adapters, against moto with and without the performance shim, on tables of
 * each size (default 1,000 and 50,000 items). One client, one call at a time. The table is filled with
 * copies of the items the adapters themselves write for a case (case, first message, event, guard), so
 * partitions and index entries look like ours.
 */
public final class EmulatorScaling {

    private static final Duration BUDGET_PER_CALL = Duration.ofSeconds(20);
    private static final int MAX_SAMPLES = 200;

    private EmulatorScaling() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 50_000);
        }
        System.out.printf("%-8s %-6s %-26s %-26s %-26s %-26s %-26s%n", "items", "moto", "open a case (transaction)", "find a case (GetItem)",
                "case detail (Query)", "the resident's item (GetItem)", "reply handled? (GetItem)");
        for (int size : sizes) {
            for (MotoServer.Flavour flavour : MotoServer.Flavour.values()) {
                try (MotoServer moto = MotoServer.start(flavour); DynamoDbClient dynamo = Provisioning.dynamo(moto.endpoint())) {
                    Provisioning.createTable(dynamo);
                    Map<String, Stats> calls = measure(dynamo, size);
                    System.out.printf("%-8s %-6s", String.format("%,d", size), flavour.name().toLowerCase());
                    calls.values().forEach(s -> System.out.printf(" %-26s", Stats.ms(s.p50Ms()) + " / " + Stats.ms(s.p99Ms()) + " (n=" + s.count() + ")"));
                    System.out.println();
                }
            }
        }
        System.out.println("each cell: p50 / p99 per call, one call at a time");
    }

    private static Map<String, Stats> measure(DynamoDbClient dynamo, int size) {
        InboxConfig config = TestConfig.defaults();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        DynamoCaseStore cases = new DynamoCaseStore(dynamo, config, json);
        DynamoReplyLedger ledger = new DynamoReplyLedger(dynamo, config, json);
        Case template = open(cases, "template");
        fill(dynamo, config.table(), template, size);

        Map<String, Stats> calls = new LinkedHashMap<>();
        calls.put("open", time(i -> open(cases, "timed-" + i)));
        calls.put("find", time(i -> cases.find(template.reference())));
        calls.put("detail", time(i -> cases.detail(template.reference())));
        calls.put("latest", time(i -> cases.resident(template.residentKey())));
        calls.put("handled", time(i -> ledger.handled(new OutboundReply("acknowledgement:timed-" + i, ReplyKind.ACKNOWLEDGEMENT,
                template.reference().value(), template.channel(), template.residentId(), template.visibility(), Optional.empty(), "", Instant.now(),
                Instant.now(), List.of()))));
        return calls;
    }

    private static Case open(DynamoCaseStore cases, String resident) {
        Instant now = Instant.now();
        Case c = new Case(Reference.random(), CaseStatus.RECEIVED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident, Visibility.PRIVATE,
                Optional.of("Stone Road, Stone"), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        InboundMessage message = new InboundMessage(Channel.MESSENGER, "mid-" + resident + "-" + System.nanoTime(), resident, Visibility.PRIVATE,
                "There is a deep pothole on Stone Road outside number 12", List.of(), Optional.empty(), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "pothole_report (0.90)"));
        return c;
    }

    /** Copies of the template case's own items under new keys, 25 to a BatchWriteItem, until the table holds {@code size}. */
    private static void fill(DynamoDbClient dynamo, String table, Case template, int size) {
        String ref = template.reference().value();
        List<Map<String, AttributeValue>> own = new ArrayList<>(dynamo.scan(b -> b.tableName(table)).items());
        List<WriteRequest> batch = new ArrayList<>();
        for (int copy = 0; own.size() * (copy + 1) < size; copy++) {
            String marker = String.format("COPY%06d", copy);
            for (Map<String, AttributeValue> item : own) {
                Map<String, AttributeValue> renamed = new LinkedHashMap<>();
                item.forEach((name, value) -> renamed.put(name, value.s() != null && value.s().contains(ref)
                        ? AttributeValue.fromS(value.s().replace(ref, marker)) : value));
                batch.add(WriteRequest.builder().putRequest(p -> p.item(renamed)).build());
                if (batch.size() == 25) {
                    List<WriteRequest> full = List.copyOf(batch);
                    dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, full)));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    private static Stats time(IntConsumer call) {
        List<Long> samples = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET_PER_CALL.toNanos();
        for (int i = 0; i < MAX_SAMPLES && (samples.size() < 3 || System.nanoTime() < deadline); i++) {
            long started = System.nanoTime();
            call.accept(i);
            samples.add(System.nanoTime() - started);
        }
        return Stats.of(samples.stream().mapToLong(Long::longValue).toArray());
    }
}
