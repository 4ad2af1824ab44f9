package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.TTL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Digests;

/**
 * The resident's own item ({@code RESIDENT#<pseudonym>} / {@code #RESIDENT}, {@link ResidentKeys}), written in the same transaction as each of
 * their messages and read strongly consistently before one is triaged:
 * <ul>
 *   <li>{@code latestCase}: the case their latest message went on;</li>
 *   <li>{@code cases}: every case opened for them under this key (a string set), for erasure and id changes;</li>
 *   <li>{@code heldReplies}: how many replies are held until they write ({@code DynamoReplyLedger});</li>
 *   <li>{@code msgs<week>}: a short digest of each message recorded in that week ({@link CaseStore#REDELIVERY_WINDOW}
 *       long, counted from the epoch), so a redelivery is refused by the write's condition with no item of its own. The
 *       write checks this window and the one before, so a message is recognised for at least one whole window; it removes
 *       the older sets, keeping the item small: those the last read of the item saw, or when it saw none, the four
 *       windows before.</li>
 * </ul>
 */
final class ResidentItem {

    static final String LATEST_CASE = "latestCase";
    static final String CASES = "cases";
    static final String HELD_REPLIES = "heldReplies";
    private static final String MESSAGES_PREFIX = "msgs";
    private static final long WINDOW_SECONDS = CaseStore.REDELIVERY_WINDOW.toSeconds();
    private static final int WINDOWS_REMOVED = 4;

    private ResidentItem() {}

    static CaseStore.Resident toResident(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return CaseStore.Resident.UNKNOWN;
        }
        return new CaseStore.Resident(Optional.ofNullable(item.get(LATEST_CASE)).map(v -> new Reference(v.s())),
                item.containsKey(HELD_REPLIES) && Long.parseLong(item.get(HELD_REPLIES).n()) > 0);
    }

    /** The cases opened under the resident's key (or moved to it), their latest first. */
    static List<Reference> cases(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(CASES)) {
            return List.of();
        }
        List<Reference> refs = new ArrayList<>(item.get(CASES).ss().stream().map(Reference::new).toList());
        Optional.ofNullable(item.get(LATEST_CASE)).map(v -> new Reference(v.s())).ifPresent(latest -> {
            refs.remove(latest);
            refs.addFirst(latest);
        });
        return refs;
    }

    /**
     * Records a message on {@code c} in the resident's item: the case becomes their latest (and, when it opened it, one of
     * theirs), and the message's digest joins this window's set, on condition that neither this window's set nor the last
     * one's holds it yet.
     *
     * @param at when the message is recorded (the case's {@code updatedAt}), which picks the window
     * @param seen the digest sets the item held when last read, if it was read
     */
    static TransactWriteItem messageRecorded(String table, ResidentKeys keys, Case c, String messageKey, boolean opened, Instant at,
            Optional<Set<String>> seen) {
        long window = at.getEpochSecond() / WINDOW_SECONDS;
        Map<String, String> names = new HashMap<>(Map.of("#now", MESSAGES_PREFIX + window, "#before", MESSAGES_PREFIX + (window - 1)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":ref", s(c.reference().value()),
                ":digest", s(digest(messageKey)), ":digests", AttributeValue.fromSs(List.of(digest(messageKey))), ":keyId", keys.keyId()));
        StringBuilder update = new StringBuilder("SET " + LATEST_CASE + " = :ref, " + ResidentKeys.KEY_ID + " = :keyId ADD #now :digests");
        if (opened) {
            update.append(", " + CASES + " :refs");
            values.put(":refs", AttributeValue.fromSs(List.of(c.reference().value())));
        }
        List<String> older = seen.map(sets -> sets.stream().filter(name -> windowOf(name) < window - 1).toList())
                .orElseGet(() -> LongStream.rangeClosed(1, WINDOWS_REMOVED).mapToObj(i -> MESSAGES_PREFIX + (window - 1 - i)).toList());
        // They wrote: a case of theirs is open again, so the item lives until it closes (CaseRetention sets its expiry).
        names.put("#ttl", TTL);
        List<String> removed = new ArrayList<>(List.of("#ttl"));
        for (String name : older) {
            names.put("#old" + removed.size(), name);
            removed.add("#old" + removed.size());
        }
        update.append(" REMOVE ").append(String.join(", ", removed));
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(keys.itemKey(c.residentKey()))
                .updateExpression(update.toString())
                .conditionExpression("NOT contains(#now, :digest) AND NOT contains(#before, :digest)")
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /** The names of the digest sets the item holds. */
    static Set<String> digestSets(Map<String, AttributeValue> item) {
        return item == null ? Set.of() : item.keySet().stream().filter(name -> name.startsWith(MESSAGES_PREFIX)).collect(Collectors.toSet());
    }

    private static long windowOf(String digestSet) {
        return Long.parseLong(digestSet.substring(MESSAGES_PREFIX.length()));
    }

    /** A case moved here from the resident's other id: one of theirs, and their latest unless one already is. */
    static TransactWriteItem caseMovedIn(String table, ResidentKeys keys, Case moved) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(keys.itemKey(moved.residentKey()))
                .updateExpression("SET " + LATEST_CASE + " = if_not_exists(" + LATEST_CASE + ", :ref), " + ResidentKeys.KEY_ID
                        + " = :keyId ADD " + CASES + " :refs REMOVE #ttl")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":ref", s(moved.reference().value()), ":keyId", keys.keyId(),
                        ":refs", AttributeValue.fromSs(List.of(moved.reference().value()))))).build();
    }

    /** 22 characters of the message key's SHA-256: platform message keys run to 80 characters, and a set holds many. */
    private static String digest(String messageKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(messageKey)).substring(0, 22);
    }
}
