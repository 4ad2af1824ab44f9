package uk.councilinbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.local.CountingProxy;
import uk.councilinbox.local.Provisioning;

/**
 * Issue 21's check on a bench run: no resident's platform id or phone number, and no platform message id, in any key
 * of the table (PK, SK, every index key), in any SQS group or deduplication id the functions sent, or in any line of
 * the functions' logs. The bench's ids are 16-digit numbers, unique to the run, inside most platform ids it sends
 * (a phone number, {@code m_bench<id>}, a comment or post id), so each 16-digit stretch of what is read is looked up
 * among them; and every platform message id, in and out, is looked for as it is, since a WhatsApp one (the fake
 * platform's, like the real one) is base64 of a record holding the phone number, with no digits to see.
 */
final class PrivacyCheck {

    private static final Pattern DIGITS = Pattern.compile("\\d{16,}");
    private static final Pattern QUEUE_IDS = Pattern.compile("\"Message(GroupId|DeduplicationId)\"\\s*:\\s*\"([^\"]*)\"");
    private static final List<String> KEYS = List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK");

    private final Set<String> ids = new HashSet<>();
    /** Platform message ids, looked for whole. */
    private final Set<String> messageIds = new HashSet<>();
    /** The bodies of the sends, read once the run is over, so the check adds nothing to what is measured. */
    private final ConcurrentLinkedQueue<byte[]> sends = new ConcurrentLinkedQueue<>();

    PrivacyCheck(Collection<Traffic.Delivery> deliveries) {
        // A number in more than one delivery is not a resident's or a message's (the page post every comment is on).
        Map<String, Integer> deliveriesWith = new HashMap<>();
        for (Traffic.Delivery d : deliveries) {
            messageIds.add(d.messageKey().substring(d.messageKey().indexOf(':') + 1));
            Set<String> numbers = numbers(d.residentId());
            numbers.addAll(numbers(d.messageKey()));
            numbers.forEach(n -> deliveriesWith.merge(n, 1, Integer::sum));
        }
        deliveriesWith.forEach((number, count) -> {
            if (count == 1) {
                ids.add(number);
            }
        });
    }

    /** Records the group and deduplication ids of every message sent through {@code sqs} from now on. */
    PrivacyCheck listen(CountingProxy sqs) {
        sqs.onRequest((operation, body) -> {
            if (operation.startsWith("SendMessage")) {
                sent(body);
            }
        });
        return this;
    }

    /** The platforms' ids of the replies sent: looked for whole too. */
    PrivacyCheck replies(Collection<String> platformMessageIds) {
        messageIds.addAll(platformMessageIds);
        return this;
    }

    /** A SendMessage or SendMessageBatch request's body (SQS's JSON protocol). */
    void sent(byte[] body) {
        sends.add(body);
    }

    record Found(String where, long looked, List<String> examples) {
        String line() {
            return String.format("  %-58s %,9d read, %d with an id%s", where, looked, examples.size(),
                    examples.isEmpty() ? "" : ": " + examples.subList(0, Math.min(3, examples.size())));
        }
    }

    List<Found> run(DynamoDbClient dynamo, Path logDir) {
        List<Found> found = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        long[] items = {0};
        dynamo.scanPaginator(b -> b.tableName(Provisioning.TABLE)).items().forEach(item -> {
            items[0]++;
            for (String name : KEYS) {
                AttributeValue v = item.get(name);
                if (v != null && v.s() != null && names(v.s())) {
                    keys.add(name + "=" + v.s());
                }
            }
        });
        found.add(new Found("table keys (PK, SK, index keys) of items", items[0], keys));
        List<String> sent = new ArrayList<>();
        for (byte[] body : sends) {
            Matcher m = QUEUE_IDS.matcher(new String(body, StandardCharsets.UTF_8));
            while (m.find()) {
                sent.add(m.group(2));
            }
        }
        found.add(new Found("SQS group and deduplication ids sent", sent.size(), sent.stream().filter(this::names).toList()));
        List<String> lines = new ArrayList<>();
        long[] read = {0};
        try (Stream<Path> logs = Files.list(logDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                try (Stream<String> text = Files.lines(log, StandardCharsets.UTF_8)) {
                    text.forEach(line -> {
                        read[0]++;
                        if (names(line)) {
                            lines.add(log.getFileName() + ": " + line);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.add(new Found("function log lines (" + logDir + ")", read[0], lines));
        return found;
    }

    private boolean names(String text) {
        return numbers(text).stream().anyMatch(ids::contains) || messageIds.stream().anyMatch(text::contains);
    }

    /** Every 16-digit stretch of the text's runs of digits. */
    private static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = DIGITS.matcher(text);
        while (m.find()) {
            String run = m.group();
            for (int i = 0; i + 16 <= run.length(); i++) {
                out.add(run.substring(i, i + 16));
            }
        }
        return out;
    }
}
