package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.n;
import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.PACE_SK;
import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;
import static uk.councilinbox.cases.dynamo.TableLayout.TTL;
import static uk.councilinbox.cases.dynamo.TableLayout.pacePk;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.councilinbox.replies.SendBudget;
import uk.councilinbox.replies.SendCount;
import uk.councilinbox.replies.SendingLimit;
import uk.councilinbox.settings.InboxConfig;

/**
 * One item per limit ({@code PACE#<limit>}) holding its {@link SendCount}: read consistently, counted, and
 * written back only if no other sender wrote it meanwhile (a version number), so concurrent senders
 * never count the same place twice. A sender that loses the race pauses a little and reads again.
 */
@ApplicationScoped
public class DynamoSendBudget implements SendBudget {

    private static final int ATTEMPTS = 20;
    private static final long MAX_PAUSE_MS = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSendBudget(DynamoDbClient dynamo, InboxConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public Optional<Instant> take(SendingLimit limit, Instant now) {
        Map<String, AttributeValue> key = Map.of(PK, s(pacePk(limit.name())), SK, s(PACE_SK));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            long version = item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
            SendCount.Taken taken = countOf(item).take(limit, now);
            try {
                dynamo.putItem(b -> b.tableName(table).item(itemOf(key, taken.after(), version + 1, now.plus(limit.window())))
                        .conditionExpression("attribute_not_exists(PK) OR version = :seen")
                        .expressionAttributeValues(Map.of(":seen", n(Long.toString(version)))));
                return taken.turn();
            } catch (ConditionalCheckFailedException e) {
                // Another sender counted first: after a jittered pause, so racers spread out, read its count again.
                pause(attempt);
            }
        }
        throw new IllegalStateException("sending limit " + limit.name() + " too contended to count");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(MAX_PAUSE_MS, 5L << Math.min(attempt, 6)) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting a send", e);
        }
    }

    private static SendCount countOf(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return SendCount.none();
        }
        List<Instant> sends = item.containsKey("sends")
                ? item.get("sends").l().stream().map(v -> Instant.ofEpochMilli(Long.parseLong(v.n()))).toList()
                : List.of();
        Optional<Instant> nextTurn = Optional.ofNullable(item.get("nextTurn")).map(v -> Instant.ofEpochMilli(Long.parseLong(v.n())));
        return new SendCount(sends, nextTurn);
    }

    private static Map<String, AttributeValue> itemOf(Map<String, AttributeValue> key, SendCount count, long version, Instant idleUntil) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("sends", AttributeValue.fromL(count.sends().stream().map(at -> n(Long.toString(at.toEpochMilli()))).toList()));
        count.nextTurn().ifPresent(at -> item.put("nextTurn", n(Long.toString(at.toEpochMilli()))));
        item.put("version", n(Long.toString(version)));
        // A counter nobody has used for a day is of no use: let it expire.
        Instant expires = count.nextTurn().filter(idleUntil::isBefore).orElse(idleUntil).plus(Duration.ofDays(1));
        item.put(TTL, n(Long.toString(expires.getEpochSecond())));
        return item;
    }
}
