package uk.councilinbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import uk.councilinbox.local.FakePlatform;

/**
 * The floor: only the work no design of this pipeline can avoid, done with bare AWS SDK calls against
 * the same emulators (through the same counting proxies), with the same shape of concurrency as the
 * local stack: {@code C} webhook senders, one consumer per queue taking batches of the template's sizes
 * (one Lambda execution environment per function, as the local stack runs them). Per message:
 * <ol>
 *   <li>SendMessage to an inbound FIFO queue (a webhook must be durable before it is answered);</li>
 *   <li>its share of one ReceiveMessage and one DeleteMessageBatch per batch (up to 10);</li>
 *   <li>TransactWriteItems opening the case: the case item (with the two index keys the staff views need)
 *       and the message guard, each conditional, so a redelivery cannot open a second case;</li>
 *   <li>its share of one SendMessageBatch to an outbound FIFO queue per inbound batch;</li>
 *   <li>its share of one ReceiveMessage and one DeleteMessageBatch on the outbound queue (batches of up to 3);</li>
 *   <li>one POST to the fake platform's Send API (the acknowledgement itself);</li>
 *   <li>PutItem of the sent record (what stops a redelivered reply being sent again).</li>
 * </ol>
 * And for the reports and photos the same run had ({@link #reportsAndPhotos}): one PutItem per report the works system
 * took (the id it gave, against the case: what maps its updates back; the POST to it is not an AWS call), and one
 * PutItem per photo (its record on the case; the copy in S3 is not counted, as ours is not).
 * What it leaves out, deliberately: HTTP to a function and the Lambda runtime hops, JSON mapping,
 * signature checks, classification, the resident item (its digests and latest case), the case history events, the
 * {@code received -> acknowledged} status change and the reads that find an open case to continue.
 */
final class Floor {

    /** The Graph API version the sender calls by default (inbox.graph-api.version). */
    private static final String GRAPH_API_VERSION = "v25.0";

    record Result(int messages, double seconds, long[] sendNanos, long[] endToEndNanos) {
        double perSecond() {
            return messages / seconds;
        }
    }

    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final String table;
    private final URI platformSend;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String inbound;
    private final String outbound;
    private final int inboundBatch;
    private final int outboundBatch;

    /** Creates its own two FIFO queues so the local stack's event sources never see its messages. */
    Floor(SqsClient admin, SqsClient sqs, DynamoDbClient dynamo, String table, String metaGraphUrl, int inboundBatch, int outboundBatch) {
        this.inboundBatch = inboundBatch;
        this.outboundBatch = outboundBatch;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.table = table;
        // The Send API as the sender calls it: the default Graph API version, the Page's id and its token.
        this.platformSend = URI.create(metaGraphUrl + "/" + GRAPH_API_VERSION + "/" + FakePlatform.PAGE_ID + "/messages");
        Map<QueueAttributeName, String> fifo = Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        this.inbound = admin.createQueue(b -> b.queueName("bench-floor-inbound.fifo").attributes(fifo)).queueUrl();
        this.outbound = admin.createQueue(b -> b.queueName("bench-floor-outbound.fifo").attributes(fifo)).queueUrl();
    }

    Result run(String runId, int n, int concurrency) throws Exception {
        // runId keeps queue deduplication ids and table keys apart from any earlier run in this JVM.
        long[] sendNanos = new long[n];
        long[] postedAt = new long[n];
        long[] endToEnd = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 2);
        long start = System.nanoTime();
        Future<?> triage = pool.submit(() -> consumeInbound(runId, n));
        Future<?> sender = pool.submit(() -> consumeOutbound(n, postedAt, endToEnd, done));
        List<Future<?>> producers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            producers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    int index = i;
                    postedAt[i] = System.nanoTime();
                    // About the size of the queued InboundMessage.
                    String body = "{\"i\":" + index + ",\"channel\":\"MESSENGER\",\"platformMessageId\":\"floor-" + runId + "-" + index
                            + "\",\"residentId\":\"floor-" + runId + "-" + index + "\",\"text\":\"" + "x".repeat(300) + "\"}";
                    sqs.sendMessage(b -> b.queueUrl(inbound).messageGroupId("floor-" + runId + "-" + index)
                            .messageDeduplicationId("floor-" + runId + "-" + index).messageBody(body));
                    sendNanos[index] = System.nanoTime() - postedAt[index];
                }
                return null;
            }));
        }
        for (Future<?> producer : producers) {
            producer.get();
        }
        triage.get();
        sender.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(n, seconds, sendNanos, endToEnd);
    }

    /** The one write each report sent to the works system and each photo kept needs, done after the timed run. */
    void reportsAndPhotos(String runId, int reports, int photos) {
        for (int i = 0; i < reports; i++) {
            String id = "floor-" + runId + "-" + i;
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", s("FLOOR#WORKSID#highways#" + id), "SK", s("#WORKSID"),
                    "reference", s("REF-" + id), "system", s("highways"), "serviceRequestId", s(id))));
        }
        for (int i = 0; i < photos; i++) {
            String id = "floor-" + runId + "-" + i;
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", s("FLOOR#CASE#REF-" + id), "SK", s("PHOTO#" + id), "outcome", s("KEPT"),
                    "contentType", s("image/jpeg"), "key", s("cases/REF-" + id + "/" + id + ".jpg"), "detail", s("photo 640x480, image/jpeg, 41 KB"))));
        }
    }

    private Void consumeInbound(String runId, int n) {
        int handled = 0;
        while (handled < n) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(inbound).maxNumberOfMessages(inboundBatch).waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                continue;
            }
            List<SendMessageBatchRequestEntry> replies = new ArrayList<>();
            for (Message m : batch) {
                String id = m.body().substring(m.body().indexOf("floor-"), m.body().indexOf('"', m.body().indexOf("floor-")));
                String reference = "REF-" + id;
                dynamo.transactWriteItems(b -> b.transactItems(
                        conditionalPut(caseItem(reference, id)),
                        conditionalPut(Map.of("PK", s("FLOOR#MSGKEY#MESSENGER:" + id), "SK", s("#GUARD"), "reference", s(reference),
                                "opened", AttributeValue.fromBool(true)))));
                String index = m.body().substring(5, m.body().indexOf(','));
                replies.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(replies.size())).messageGroupId(id)
                        .messageDeduplicationId("ack:" + id)
                        .messageBody("{\"i\":" + index + ",\"replyId\":\"ack:" + id + "\",\"reference\":\"" + reference
                                + "\",\"recipient\":\"" + id + "\",\"text\":\"Thank you. Your reference is " + reference
                                + ". We have passed your report to the highways team.\"}")
                        .build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(outbound).entries(replies));
            delete(inbound, batch);
            handled += batch.size();
        }
        return null;
    }

    private Void consumeOutbound(int n, long[] postedAt, long[] endToEnd, AtomicInteger done) throws Exception {
        while (done.get() < n) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(outbound).maxNumberOfMessages(outboundBatch).waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                String body = m.body();
                int index = Integer.parseInt(body.substring(5, body.indexOf(',')));
                String recipient = field(body, "recipient");
                String replyId = field(body, "replyId");
                HttpResponse<String> sent = http.send(HttpRequest.newBuilder(platformSend).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + FakePlatform.PAGE_TOKEN).POST(HttpRequest.BodyPublishers.ofString(
                                "{\"recipient\":{\"id\":\"" + recipient + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\""
                                        + field(body, "text") + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
                String platformId = field(sent.body(), "message_id");
                dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", s("FLOOR#REPLY#" + replyId), "SK", s("#REPLY"),
                        "state", s("sent"), "reference", s(field(body, "reference")), "platformMessageId", s(platformId))));
                endToEnd[index] = System.nanoTime() - postedAt[index];
                done.incrementAndGet();
            }
            if (!batch.isEmpty()) {
                delete(outbound, batch);
            }
        }
        return null;
    }

    private void delete(String queue, List<Message> batch) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (Message m : batch) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).receiptHandle(m.receiptHandle()).build());
        }
        sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
    }

    private TransactWriteItem conditionalPut(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")).build();
    }

    /** A case item of the real one's shape and size. */
    private static Map<String, AttributeValue> caseItem(String reference, String resident) {
        String now = java.time.Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("FLOOR#CASE#" + reference));
        item.put("SK", s("#CASE"));
        item.put("GSI1PK", s("FLOOR#STATUS#received"));
        item.put("GSI1SK", s("pothole_report#" + now));
        item.put("GSI2PK", s("FLOOR#RESIDENT#MESSENGER:" + resident));
        item.put("GSI2SK", s(now));
        item.put("reference", s(reference));
        item.put("status", s("received"));
        item.put("category", s("pothole_report"));
        item.put("confidence", AttributeValue.fromN("0.93"));
        item.put("channel", s("MESSENGER"));
        item.put("residentId", s(resident));
        item.put("visibility", s("PRIVATE"));
        item.put("place", s("Station Road"));
        item.put("photos", AttributeValue.fromN("0"));
        item.put("createdAt", s(now));
        item.put("updatedAt", s(now));
        item.put("lastResidentMessageAt", s(now));
        item.put("version", AttributeValue.fromN("1"));
        item.put("text", s("x".repeat(300)));
        return item;
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
