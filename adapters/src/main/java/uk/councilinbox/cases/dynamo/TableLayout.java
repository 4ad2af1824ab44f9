package uk.councilinbox.cases.dynamo;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.cases.CaseStore;

/**
 * The single-table design (README, "Data model"). Every item has {@code PK} and {@code SK}:
 * <ul>
 *   <li>case: {@code CASE#<ref>} / {@code #CASE}; in GSI1 by status, then category and date;
 *       in GSI3 (sparse) under {@code INBOX#AWAITING} while it waits for a person's answer, or
 *       {@code INBOX#WAITING_ON_RESIDENT} while staff wait on the resident, by since when</li>
 *   <li>message: {@code CASE#<ref>} / {@code MSG#<sent at>#<message key>}, with the history events recorded with it
 *       in {@code events}</li>
 *   <li>event: {@code CASE#<ref>} / {@code EVENT#<at>#<n>}: any other history event (a reply's outcome is kept on its
 *       outbound message item, as {@code event})</li>
 *   <li>photo: {@code CASE#<ref>} / {@code PHOTO#<photo id>}: what became of a photo the resident sent (kept, with where
 *       its copy is stored, refused or unavailable), written once, with its history event as {@code event}</li>
 *   <li>works request: {@code CASE#<ref>} / {@code WORKS#REQUEST}: the report's request to its works system
 *       (open311.dynamo.DynamoWorksRecords), with the history event of each change in {@code events}; works id:
 *       {@code WORKSID#<system>#<id>} / {@code #WORKSID}, the case a works system's id was given for</li>
 *   <li>resident: {@code RESIDENT#<pseudonym>} / {@code #RESIDENT} ({@link ResidentItem}; the pseudonym is a keyed hash
 *       of the resident's id, {@link ResidentKeys}), written with each of their
 *       messages: the case their latest message went on, so a follow-up finds it with a strongly consistent read, never
 *       through an index that may lag; their cases; how many replies are held for them until they write; and digests of
 *       their recent messages, which make a redelivered message a no-op</li>
 *   <li>held reply: {@code HELD#<pseudonym>} / {@code <reply id>}: a reply kept until the resident writes again</li>
 *   <li>pending reply: {@code PENDING#<attempt key>} / {@code #PENDING}: a progress update saved with the change it
 *       reports, or a reply deferred by pacing, in GSI1 under {@code PENDING_REPLIES} until it is on the outbound queue</li>
 *   <li>sending limit: {@code PACE#<limit>} / {@code #PACE}: the sends counted in the limit's window and the
 *       backlog's next turn ({@code SendCount})</li>
 *   <li>outbound message: {@code CASE#<ref>} / {@code OUT#<reply id>}: a reply in the case's thread and its state (queued,
 *       deferred, held, sent, delivered, read, failed), moved forward by the platforms' status reports; its outcome, written
 *       once, is what sends each reply once ({@code DynamoReplyLedger})</li>
 * </ul>
 * {@code expiresAt} (epoch seconds) is the TTL attribute.
 */
public final class TableLayout {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    public static final String GSI3 = "GSI3";
    public static final String GSI3_PK = "GSI3PK";
    public static final String GSI3_SK = "GSI3SK";
    public static final String TTL = "expiresAt";

    public static final String CASE_SK = "#CASE";
    static final String PENDING_REPLY_SK = "#PENDING";
    static final String PENDING_REPLIES = "PENDING_REPLIES";
    static final String PACE_SK = "#PACE";
    static final String RESIDENT_SK = "#RESIDENT";
    static final String RESIDENT_PREFIX = "RESIDENT#";
    static final String HELD_PREFIX = "HELD#";
    static final String INBOX_AWAITING = "INBOX#AWAITING";
    static final String INBOX_WAITING_ON_RESIDENT = "INBOX#WAITING_ON_RESIDENT";
    static final String OUTBOUND_PREFIX = "OUT#";
    static final String PHOTO_PREFIX = "PHOTO#";
    /** A case's works request (open311.dynamo.DynamoWorksRecords), under the case's key. */
    public static final String WORKS_REQUEST_SK = "WORKS#REQUEST";
    /** Set on a works request by erasure: nothing is written to it after. */
    public static final String WORKS_ERASED = "erased";

    private TableLayout() {}

    /** The lookup from a works system's id to its case. */
    public static Map<String, AttributeValue> worksIdKey(String system, String serviceRequestId) {
        return Map.of(PK, AttributeValue.fromS("WORKSID#" + system + "#" + serviceRequestId), SK, AttributeValue.fromS("#WORKSID"));
    }

    /** The works id lookup of a case's works request item, if it was given an id. */
    public static Optional<Map<String, AttributeValue>> worksIdKeyOf(Map<String, AttributeValue> requestItem) {
        return requestItem.containsKey("serviceRequestId") && requestItem.containsKey("system")
                ? Optional.of(worksIdKey(requestItem.get("system").s(), requestItem.get("serviceRequestId").s()))
                : Optional.empty();
    }

    public static String casePk(String reference) {
        return "CASE#" + reference;
    }

    static String pendingReplyPk(String replyId) {
        return "PENDING#" + replyId;
    }

    static String pacePk(String limit) {
        return "PACE#" + limit;
    }

    /** Replies held until the resident writes, under their pseudonym ({@link ResidentKeys}). */
    static String heldPk(String pseudonym) {
        return HELD_PREFIX + pseudonym;
    }

    static String outboundSk(String replyId) {
        return OUTBOUND_PREFIX + replyId;
    }

    static String photoSk(String photoId) {
        return PHOTO_PREFIX + photoId;
    }

    static String statusKey(String status) {
        return "STATUS#" + status;
    }

    /** The inbox index's partition for the cases waiting as {@code which} says. */
    static String inboxPartition(CaseStore.Waiting which) {
        return which == CaseStore.Waiting.FOR_ANSWER ? INBOX_AWAITING : INBOX_WAITING_ON_RESIDENT;
    }

    static String residentPk(String pseudonym) {
        return RESIDENT_PREFIX + pseudonym;
    }

    /** The resident's own item, under their pseudonym ({@link ResidentKeys}). */
    static Map<String, AttributeValue> residentItemKey(String pseudonym) {
        return Map.of(PK, CaseItems.s(residentPk(pseudonym)), SK, CaseItems.s(RESIDENT_SK));
    }
}
