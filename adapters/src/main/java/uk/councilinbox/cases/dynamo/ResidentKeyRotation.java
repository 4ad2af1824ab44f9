package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.CASE_SK;
import static uk.councilinbox.cases.dynamo.TableLayout.HELD_PREFIX;
import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.RESIDENT_PREFIX;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;
import static uk.councilinbox.cases.dynamo.TableLayout.casePk;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import uk.councilinbox.cases.Case;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.settings.InboxConfig;

/**
 * Finishes a rotation of the resident key secret (docs/privacy.md): moves every resident item and held reply still under
 * a previous pseudonym to the current one. Residents who write are moved as they are read ({@link ResidentKeys}); this
 * moves the rest, so the previous secret can then be dropped.
 *
 * <p>Run by the scheduled sweep while a previous secret is configured. It waits {@link #SETTLE} after it first sees the
 * new secret, longer than any function instance started before the change keeps writing, then scans the table a page at
 * a time, keeping where it got to in {@code ROTATION#RESIDENT_KEY} / {@code #ROTATION}: a crash or timeout resumes there,
 * and each move is conditional, so a page done twice moves nothing twice. Its raw id is not on the item, so a resident
 * item's owner is found from the cases it lists (each case keeps its resident's id, to reply) or else its held replies;
 * an item neither names (its cases moved to a new id, erased, expired) is deleted. The state names the keys it moves
 * between, so a rotation after a finished one (or a migration from raw keys) starts afresh.
 */
@ApplicationScoped
public class ResidentKeyRotation {

    private static final Logger LOG = Logger.getLogger(ResidentKeyRotation.class);
    static final Map<String, AttributeValue> STATE_KEY = Map.of(PK, s("ROTATION#RESIDENT_KEY"), SK, s("#ROTATION"));
    /** Longer than a function's longest run (15 minutes): no instance with the old settings writes after it. */
    static final Duration SETTLE = Duration.ofMinutes(20);
    private static final Duration KEEP_FINISHED = Duration.ofDays(90);
    /** Items read a page: even a page of nothing but residents to move stays well inside a run's budget. */
    private static final int PAGE = 500;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ResidentKeys residents;

    public ResidentKeyRotation(DynamoDbClient dynamo, InboxConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.json = json;
        this.residents = new ResidentKeys(dynamo, table, Pseudonyms.of(config));
    }

    /** What one run did: items moved to the current key, stale ones deleted, and whether the rotation is finished. */
    public record Progress(int moved, int deleted, boolean finished) {
        static final Progress NONE = new Progress(0, 0, false);
    }

    /** Moves items for at most {@code budget} of time, from where the last run stopped. */
    public Progress advance(Instant now, Duration budget) {
        Pseudonyms pseudonyms = residents.pseudonyms();
        if (!pseudonyms.rotating()) {
            return Progress.NONE;
        }
        Map<String, AttributeValue> state = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(STATE_KEY)).item();
        String source = pseudonyms.previousKeyId().orElseThrow();
        if (state == null || state.isEmpty() || !pseudonyms.keyId().equals(state.get(ResidentKeys.KEY_ID).s())
                || !state.containsKey("fromKeyId") || !source.equals(state.get("fromKeyId").s())) {
            Map<String, AttributeValue> started = new HashMap<>(STATE_KEY);
            started.put(ResidentKeys.KEY_ID, residents.keyId());
            started.put("fromKeyId", s(source));
            started.put("startedAt", s(now.toString()));
            dynamo.putItem(b -> b.tableName(table).item(started));
            LOG.infof("Resident key rotation to key %s: starts moving residents after %s", pseudonyms.keyId(), now.plus(SETTLE));
            return Progress.NONE;
        }
        if (state.containsKey("finishedAt")) {
            return new Progress(0, 0, true);
        }
        if (now.isBefore(Instant.parse(state.get("startedAt").s()).plus(SETTLE))) {
            return Progress.NONE;
        }
        Map<String, AttributeValue> resumeAt = state.containsKey("fromPk")
                ? Map.of(PK, state.get("fromPk"), SK, state.get("fromSk")) : null;
        int moved = 0;
        int deleted = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            Map<String, AttributeValue> start = resumeAt;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(start).limit(PAGE)
                    .filterExpression("(begins_with(PK, :resident) OR begins_with(PK, :held)) AND "
                            + "(attribute_not_exists(keyId) OR keyId <> :current)")
                    .expressionAttributeValues(Map.of(":resident", s(RESIDENT_PREFIX), ":held", s(HELD_PREFIX),
                            ":current", residents.keyId())));
            for (Map<String, AttributeValue> item : page.items()) {
                if (move(item)) {
                    moved++;
                } else {
                    deleted++;
                }
            }
            resumeAt = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            saveProgress(resumeAt, now);
            if (resumeAt == null) {
                LOG.infof("Resident key rotation to key %s finished (%d moved, %d stale deleted this run): every resident is "
                        + "under the current secret, and RESIDENT_KEY_PREVIOUS_SECRET (or MigrateRawResidentKeys) can be dropped",
                        pseudonyms.keyId(), moved, deleted);
                return new Progress(moved, deleted, true);
            }
            if (System.nanoTime() > deadline) {
                LOG.infof("Resident key rotation to key %s: %d moved, %d stale deleted this run; continues next run",
                        pseudonyms.keyId(), moved, deleted);
                return new Progress(moved, deleted, false);
            }
        }
    }

    private void saveProgress(Map<String, AttributeValue> from, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        String update;
        if (from == null) {
            // Kept a while for operators to see, then gone like everything else (no personal data in it).
            update = "SET finishedAt = :now, " + TableLayout.TTL + " = :expires REMOVE fromPk, fromSk";
            values.put(":now", s(now.toString()));
            values.put(":expires", CaseItems.n(Long.toString(now.plus(KEEP_FINISHED).getEpochSecond())));
        } else {
            update = "SET fromPk = :pk, fromSk = :sk";
            values.put(":pk", from.get(PK));
            values.put(":sk", from.get(SK));
        }
        dynamo.updateItem(b -> b.tableName(table).key(STATE_KEY).updateExpression(update).expressionAttributeValues(values));
    }

    /** True when the item is now under its owner's current pseudonym; false when it had no owner left and was deleted. */
    private boolean move(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        boolean residentItem = pk.startsWith(RESIDENT_PREFIX);
        String pseudonym = pk.substring((residentItem ? RESIDENT_PREFIX : HELD_PREFIX).length());
        Optional<String> owner = residentItem ? ownerOfResidentItem(item, pseudonym)
                : Optional.of(CaseItems.reply(json, item.get("reply").s()).residentKey()).filter(key -> isTheirs(key, pseudonym));
        if (owner.isEmpty()) {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK))));
            return false;
        }
        if (residents.pseudonyms().resident(owner.get()).equals(pseudonym)) {
            // Already under the current key, but not marked so: only the mark is missing.
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK)))
                        .updateExpression("SET " + ResidentKeys.KEY_ID + " = :keyId").conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":keyId", residents.keyId())));
            } catch (ConditionalCheckFailedException gone) {
                // Released or erased meanwhile.
            }
        } else if (residentItem) {
            residents.moveItem(item, residents.itemPk(owner.get()));
        } else {
            residents.moveHeld(item, residents.heldPk(owner.get()));
        }
        return true;
    }

    private Optional<String> ownerOfResidentItem(Map<String, AttributeValue> item, String pseudonym) {
        Set<String> refs = new LinkedHashSet<>();
        Optional.ofNullable(item.get(ResidentItem.LATEST_CASE)).ifPresent(v -> refs.add(v.s()));
        refs.addAll(ResidentItem.cases(item).stream().map(r -> r.value()).toList());
        for (String ref : refs) {
            Map<String, AttributeValue> caseItem = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(PK, s(casePk(ref)), SK, s(CASE_SK)))).item();
            if (caseItem != null && !caseItem.isEmpty()) {
                Case c = CaseItems.toCase(caseItem);
                if (isTheirs(c.residentKey(), pseudonym)) {
                    return Optional.of(c.residentKey());
                }
            }
        }
        // No case of theirs (a count written by a function still on the old settings): their held replies name them.
        return CaseItems.partition(dynamo, table, TableLayout.heldPk(pseudonym)).findFirst()
                .map(held -> CaseItems.reply(json, held.get("reply").s()).residentKey()).filter(key -> isTheirs(key, pseudonym));
    }

    /** Whether the pseudonym is the resident's, under the previous secret or the current one. */
    private boolean isTheirs(String residentKey, String pseudonym) {
        Pseudonyms pseudonyms = residents.pseudonyms();
        return pseudonyms.resident(residentKey).equals(pseudonym) || pseudonyms.previousResident(residentKey).filter(pseudonym::equals).isPresent();
    }
}
