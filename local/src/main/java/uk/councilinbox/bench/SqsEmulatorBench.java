package uk.councilinbox.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.aws.lambda.QueueBackoff;
import uk.councilinbox.aws.lambda.SqsBatch;
import uk.councilinbox.local.ElasticMq;
import uk.councilinbox.local.MotoServer;
import uk.councilinbox.local.Provisioning;

/**
 * {@code bin/bench-sqs [N] [C]}: ElasticMQ and moto's SQS side by side on the pipeline's own queue
 * traffic, to decide by figures which one emulates SQS locally. Starts both, provisions on each the FIFO
 * queues and dead-letter queues of {@link Provisioning}, and runs on each in turn (after a warm-up) the
 * same workload, shaped like the deployed one:
 * <ul>
 *   <li>C producers, as the webhook function: one SendMessageBatch of one message per webhook through
 *       {@link FifoQueue}, group = resident, deduplication id = message key. N distinct messages over N/10
 *       residents, each resident's sent in order by one producer; 1 in 5 sent again with the same
 *       deduplication id after ten more of that producer's sends, as a platform redelivers a webhook;</li>
 *   <li>one inbound consumer, as triage's event source: ReceiveMessage (template.yaml's batch size, 1 s
 *       wait), SendMessageBatch of the outcomes to the outbound queue, DeleteMessageBatch;</li>
 *   <li>one outbound consumer, as the sender's: ReceiveMessage (batch size 3), {@link SqsBatch} over the
 *       batch, where every 20th reply is retried later on its first receive ({@link QueueBackoff}:
 *       ChangeMessageVisibility to 1 s), and DeleteMessageBatch of the records not reported as failed.</li>
 * </ul>
 * Checks that every message reaches the end of the outbound queue exactly once, in its group's order,
 * that redeliveries are dropped by deduplication id, that a delayed message stays hidden for its delay,
 * and (a probe on the fresh queues, before the workload) that a message received maxReceiveCount times
 * moves to the dead-letter queue. Prints throughput, per-operation and end-to-end latency, the
 * correctness counts, and which emulator is faster by how much. Each emulator's run stops at a time
 * limit; what is undelivered then is reported, not counted as lost. Exit 0 once both ran (a violation
 * is a finding, not a failure of the bench), 2 if the bench itself failed.
 */
public final class SqsEmulatorBench {

    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);
    /** Short, so a record held back behind a delayed one of its group (SqsBatch) returns within the run. */
    private static final int QUEUE_VISIBILITY_SECONDS = 5;
    private static final int BACKOFF_SECONDS = 1;
    private static final int WAIT_SECONDS = 1;
    private static final int MESSAGES_PER_RESIDENT = 10;
    private static final int REDELIVER_ONE_IN = 5;
    private static final int REDELIVER_AFTER_SENDS = 10;
    private static final int DELAY_ONE_IN = 20;
    private static final int TEXT_LENGTH = 300;

    /** Held so the logger, and the level set on it, are not garbage collected. */
    private static final java.util.logging.Logger SQS_BATCH_LOG = java.util.logging.Logger.getLogger(SqsBatch.class.getName());

    private SqsEmulatorBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        silenceDeliberateRetryWarnings();
        int code;
        try {
            code = run(n, producers);
        } catch (Exception e) {
            System.err.println("bench-sqs failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /** SqsBatch warns of every failed record; here the failures are the deliberate backoffs, counted below. */
    private static void silenceDeliberateRetryWarnings() {
        System.setProperty("org.jboss.logging.provider", "jdk");
        SQS_BATCH_LOG.setLevel(Level.SEVERE);
    }

    static int run(int n, int producers) throws Exception {
        System.out.printf("bench-sqs: %d messages (+%d redeliveries), %d producers, batch sizes %d in / %d out, %d cores%n", n,
                n / REDELIVER_ONE_IN, producers, Template.batchSize("triage"), Template.batchSize("sender"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("workload: 1 in %d messages redelivered after %d more sends of its producer; every %dth reply delayed %d s"
                + " through ChangeMessageVisibility; queue visibility timeout %d s%n", REDELIVER_ONE_IN, REDELIVER_AFTER_SENDS, DELAY_ONE_IN,
                BACKOFF_SECONDS, QUEUE_VISIBILITY_SECONDS);
        System.out.println("starting ElasticMQ (in-process) and moto's server (child process)...");
        List<Report> reports = new ArrayList<>();
        try (ElasticMq elasticMq = ElasticMq.start(); MotoServer moto = MotoServer.start(MotoServer.Flavour.FAST)) {
            // Provisioning also creates the table; both pairs take moto's DynamoDB, where it is made once.
            reports.add(measure("ElasticMQ", elasticMq.endpoint(), moto.endpoint(), n, producers));
            reports.add(measure("moto", moto.endpoint(), moto.endpoint(), n, producers));
        }
        System.out.println();
        reports.forEach(SqsEmulatorBench::print);
        System.out.println(verdict(reports.get(0), reports.get(1)));
        return 0;
    }

    private static Report measure(String emulator, URI sqsEndpoint, URI dynamoEndpoint, int n, int producers) throws Exception {
        Provisioning.Resources queues = Provisioning.provision(dynamoEndpoint, sqsEndpoint, QUEUE_VISIBILITY_SECONDS);
        try (SqsClient sqs = Provisioning.sqs(sqsEndpoint)) {
            System.out.printf("%s: redrive probe on the fresh queues...%n", emulator);
            Redrive redrive = Redrive.probe(sqs, queues);
            int warm = Math.max(100, Math.min(200, n / 10));
            System.out.printf("%s: warming up (%d messages)...%n", emulator, warm);
            Result warmUp = new Workload(emulator, sqs, queues, "warm", warm, producers).run(WARM_UP_LIMIT);
            System.out.printf("%s: warm-up done in %.1f s, %d of %d delivered%n", emulator, warmUp.seconds(), warmUp.delivered(), warm);
            int deadLetteredBefore = deadLettered(sqs, queues);
            System.out.printf("%s: measuring (%d messages)...%n", emulator, n);
            String loadBefore = loadAverage();
            Result result = new Workload(emulator, sqs, queues, "run", n, producers).run(TIME_LIMIT);
            String load = loadBefore + " -> " + loadAverage();
            return new Report(emulator, result, deadLettered(sqs, queues) - deadLetteredBefore, redrive, load);
        }
    }

    /** The machine is shared: the 1-minute load average, printed beside the figures. */
    private static String loadAverage() {
        return String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static int deadLettered(SqsClient sqs, Provisioning.Resources queues) {
        return Quiet.depth(sqs, queues.inboundDlqUrl()) + Quiet.depth(sqs, queues.outboundDlqUrl());
    }

    // ------------------------------------------------------------------ the workload

    /** The SQS calls timed, as printed. */
    enum Op {
        SEND_WEBHOOK("SendMessageBatch, 1 webhook"),
        SEND_OUTCOMES("SendMessageBatch, outcomes"),
        RECEIVE("ReceiveMessage, non-empty"),
        RECEIVE_EMPTY("ReceiveMessage, empty (1 s wait)"),
        DELETE("DeleteMessageBatch"),
        CHANGE_VISIBILITY("ChangeMessageVisibility");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** Latencies and failures of each operation, from any thread. */
    static final class Timings {
        private final Map<Op, List<Long>> nanos = new EnumMap<>(Op.class);
        private final Map<Op, LongAdder> errors = new EnumMap<>(Op.class);

        Timings() {
            for (Op op : Op.values()) {
                nanos.put(op, Collections.synchronizedList(new ArrayList<>()));
                errors.put(op, new LongAdder());
            }
        }

        <T> T call(Op op, Supplier<T> call) {
            long start = System.nanoTime();
            try {
                T result = call.get();
                record(op, System.nanoTime() - start);
                return result;
            } catch (RuntimeException e) {
                failed(op);
                throw e;
            }
        }

        void run(Op op, Runnable call) {
            call(op, () -> {
                call.run();
                return null;
            });
        }

        void record(Op op, long elapsedNanos) {
            nanos.get(op).add(elapsedNanos);
        }

        void failed(Op op) {
            errors.get(op).increment();
        }

        Map<Op, Stats> stats() {
            Map<Op, Stats> out = new EnumMap<>(Op.class);
            nanos.forEach((op, list) -> {
                synchronized (list) {
                    out.put(op, Stats.of(list.stream().mapToLong(Long::longValue).toArray()));
                }
            });
            return out;
        }

        Map<Op, Long> errors() {
            Map<Op, Long> out = new EnumMap<>(Op.class);
            errors.forEach((op, count) -> {
                if (count.sum() > 0) {
                    out.put(op, count.sum());
                }
            });
            return out;
        }
    }

    /** One run of the workload on one emulator; the queues must be empty when it starts and are when it ends. */
    static final class Workload {
        private final String emulator;
        private final SqsClient sqs;
        private final Provisioning.Resources queues;
        private final String outboundArn;
        private final String runId;
        private final int n;
        private final int producers;
        private final int residents;
        private final int inboundBatch = Template.batchSize("triage");
        private final int outboundBatch = Template.batchSize("sender");
        private final Timings timings = new Timings();
        private final AtomicLongArray firstSentAt;
        private final AtomicLongArray deliveredAt;
        private final AtomicIntegerArray deliveries;
        private final AtomicLongArray delayedAt;
        private final AtomicLongArray backAfterDelay;
        private final AtomicInteger distinctDelivered = new AtomicInteger();
        private final List<Integer> deliveryOrder = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, Set<String>> inboundCopies = new ConcurrentHashMap<>();
        private final Map<Integer, Set<String>> outboundCopies = new ConcurrentHashMap<>();
        private final LongAdder heldBehindDelayed = new LongAdder();
        private final LongAdder refusedDeletes = new LongAdder();
        private final LongAdder webhookSends = new LongAdder();
        private final LongAdder redeliveriesSent = new LongAdder();
        private volatile boolean stopping;
        private long deadline;

        Workload(String emulator, SqsClient sqs, Provisioning.Resources queues, String runId, int n, int producers) {
            this.emulator = emulator;
            this.sqs = sqs;
            this.queues = queues;
            this.outboundArn = sqs.getQueueAttributes(b -> b.queueUrl(queues.outboundQueueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            this.runId = runId;
            this.n = n;
            this.producers = producers;
            // A multiple of the producer count, so each resident's messages all come from one producer, in order.
            this.residents = Math.max(1, n / MESSAGES_PER_RESIDENT / producers) * producers;
            this.firstSentAt = new AtomicLongArray(n);
            this.deliveredAt = new AtomicLongArray(n);
            this.deliveries = new AtomicIntegerArray(n);
            this.delayedAt = new AtomicLongArray(n);
            this.backAfterDelay = new AtomicLongArray(n);
        }

        Result run(Duration limit) throws InterruptedException {
            deadline = System.nanoTime() + limit.toNanos();
            ExecutorService threads = Executors.newFixedThreadPool(producers + 2);
            threads.submit(() -> consume(this::consumeInboundBatch));
            threads.submit(() -> consume(this::consumeOutboundBatch));
            List<Future<?>> producing = IntStream.range(0, producers).<Future<?>>mapToObj(p -> threads.submit(() -> produce(p))).toList();
            awaitAll(producing);
            boolean complete = awaitAllDelivered() && awaitEmptyQueues();
            if (!complete) {
                System.out.printf("%s: STOPPED at the %d-minute limit with %d of %d messages delivered%n", emulator, limit.toMinutes(),
                        distinctDelivered.get(), n);
            }
            stopping = true;
            threads.shutdown();
            threads.awaitTermination(WAIT_SECONDS + 30, TimeUnit.SECONDS);
            return result(complete);
        }

        private boolean timeUp() {
            return System.nanoTime() > deadline;
        }

        private void awaitAll(List<Future<?>> futures) throws InterruptedException {
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a producer failed", e.getCause());
                }
            }
        }

        private boolean awaitAllDelivered() throws InterruptedException {
            while (distinctDelivered.get() < n && !timeUp()) {
                Thread.sleep(20);
            }
            return distinctDelivered.get() == n;
        }

        /** Late redeliveries that deduplication let through are still on their way: wait for them too. */
        private boolean awaitEmptyQueues() throws InterruptedException {
            boolean wasEmpty = false;
            while (!timeUp()) {
                boolean empty = Quiet.depth(sqs, queues.inboundQueueUrl()) == 0 && Quiet.depth(sqs, queues.outboundQueueUrl()) == 0;
                if (empty && wasEmpty) {
                    return true;
                }
                wasEmpty = empty;
                Thread.sleep(500);
            }
            return false;
        }

        // -------------------------------------------------------------- producers (the webhook function)

        private record Redelivery(int message, int afterSends) {}

        private void produce(int producer) {
            FifoQueue inbound = new FifoQueue(sqs, queues.inboundQueueUrl());
            Deque<Redelivery> redeliveries = new ArrayDeque<>();
            int sends = 0;
            for (int i = producer; i < n && !timeUp(); i += producers) {
                firstSentAt.set(i, System.nanoTime());
                sendWebhook(inbound, i);
                sends++;
                if (i % REDELIVER_ONE_IN == REDELIVER_ONE_IN - 1) {
                    redeliveries.add(new Redelivery(i, sends + REDELIVER_AFTER_SENDS));
                }
                while (!redeliveries.isEmpty() && redeliveries.peek().afterSends() <= sends) {
                    redeliver(inbound, redeliveries.poll().message());
                }
            }
            redeliveries.forEach(r -> redeliver(inbound, r.message()));
        }

        private void redeliver(FifoQueue inbound, int i) {
            if (!timeUp()) {
                redeliveriesSent.increment();
                sendWebhook(inbound, i);
            }
        }

        private void sendWebhook(FifoQueue inbound, int i) {
            FifoQueue.Entry entry = new FifoQueue.Entry(QueueIds.of(resident(i)), QueueIds.of(messageKey(i)), webhookBody(i));
            webhookSends.increment();
            try {
                timings.run(Op.SEND_WEBHOOK, () -> inbound.send(List.of(entry)));
            } catch (RuntimeException refused) {
                // Counted as a failed send; the message is then lost unless its redelivery gets in.
            }
        }

        // -------------------------------------------------------------- consumers (the event sources)

        private void consume(Runnable oneBatch) {
            while (!stopping && !timeUp()) {
                try {
                    oneBatch.run();
                } catch (RuntimeException e) {
                    // Counted by Timings; as Lambda's poller, carry on after a pause.
                    sleep(100);
                }
            }
        }

        private void consumeInboundBatch() {
            List<Message> batch = receive(queues.inboundQueueUrl(), inboundBatch);
            if (batch.isEmpty()) {
                return;
            }
            List<FifoQueue.Entry> outcomes = new ArrayList<>();
            for (Message message : batch) {
                int i = index(message.body());
                seen(inboundCopies, i, message.messageId());
                outcomes.add(new FifoQueue.Entry(QueueIds.of(resident(i)), QueueIds.of(replyId(i)), replyBody(i)));
            }
            FifoQueue outbound = new FifoQueue(sqs, queues.outboundQueueUrl());
            timings.run(Op.SEND_OUTCOMES, () -> outbound.send(outcomes));
            delete(queues.inboundQueueUrl(), batch);
        }

        private void consumeOutboundBatch() {
            List<Message> batch = receive(queues.outboundQueueUrl(), outboundBatch);
            if (batch.isEmpty()) {
                return;
            }
            QueueBackoff backoff = new QueueBackoff(sqs, queues.outboundQueueUrl(), BACKOFF_SECONDS, BACKOFF_SECONDS);
            Set<Integer> delayedNow = new HashSet<>();
            SQSBatchResponse response = SqsBatch.process(lambdaEvent(batch), record -> sendReply(record, backoff, delayedNow));
            Set<String> failed = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .collect(Collectors.toSet());
            heldBehindDelayed.add(failed.size() - delayedNow.size());
            List<Message> sent = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
            if (!sent.isEmpty()) {
                Set<String> deleted = delete(queues.outboundQueueUrl(), sent);
                sent.stream().filter(m -> deleted.contains(m.messageId())).forEach(m -> delivered(index(m.body())));
            }
        }

        /** The sender's work for one record: every 20th reply is retried later, once, as a rate-limited platform makes it. */
        private void sendReply(SQSEvent.SQSMessage record, QueueBackoff backoff, Set<Integer> delayedNow) {
            int i = index(record.getBody());
            seen(outboundCopies, i, record.getMessageId());
            long now = System.nanoTime();
            if (i % DELAY_ONE_IN == 0 && delayedAt.get(i) == 0) {
                timings.run(Op.CHANGE_VISIBILITY, () -> backoff.delay(record, Duration.ZERO));
                delayedAt.set(i, System.nanoTime());
                delayedNow.add(i);
                throw new IllegalStateException("platform rate limit (simulated): retry later");
            }
            if (delayedAt.get(i) != 0) {
                backAfterDelay.compareAndSet(i, 0, now - delayedAt.get(i));
            }
        }

        private void delivered(int i) {
            deliveredAt.compareAndSet(i, 0, System.nanoTime());
            if (deliveries.incrementAndGet(i) == 1) {
                distinctDelivered.incrementAndGet();
                deliveryOrder.add(i);
            }
        }

        /** What Lambda's event source passes the sender: the fields SqsBatch and QueueBackoff read. */
        private SQSEvent lambdaEvent(List<Message> batch) {
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message message : batch) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(message.messageId());
                record.setReceiptHandle(message.receiptHandle());
                record.setBody(message.body());
                record.setAttributes(message.attributesAsStrings());
                record.setEventSourceArn(outboundArn);
                records.add(record);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            return event;
        }

        private List<Message> receive(String queueUrl, int max) {
            long start = System.nanoTime();
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            } catch (RuntimeException e) {
                timings.failed(Op.RECEIVE);
                throw e;
            }
            timings.record(messages.isEmpty() ? Op.RECEIVE_EMPTY : Op.RECEIVE, System.nanoTime() - start);
            return messages;
        }

        /** @return the message ids the queue confirmed deleted */
        private Set<String> delete(String queueUrl, List<Message> messages) {
            List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, messages.size())
                    .mapToObj(k -> DeleteMessageBatchRequestEntry.builder().id(Integer.toString(k))
                            .receiptHandle(messages.get(k).receiptHandle()).build())
                    .toList();
            DeleteMessageBatchResponse response = timings.call(Op.DELETE,
                    () -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
            refusedDeletes.add(response.failed().size());
            return response.successful().stream().map(e -> messages.get(Integer.parseInt(e.id())).messageId()).collect(Collectors.toSet());
        }

        private static void seen(Map<Integer, Set<String>> copies, int i, String messageId) {
            copies.computeIfAbsent(i, k -> ConcurrentHashMap.newKeySet()).add(messageId);
        }

        // -------------------------------------------------------------- messages

        private String resident(int i) {
            return "resident-" + runId + "-" + (i % residents);
        }

        private String messageKey(int i) {
            return "msg-" + runId + "-" + i;
        }

        private String replyId(int i) {
            return "ack:" + messageKey(i);
        }

        /** About the size of a queued InboundMessage; the index first, where {@link #index} finds it. */
        private String webhookBody(int i) {
            return "{\"i\":" + i + ",\"residentKey\":\"" + resident(i) + "\",\"messageKey\":\"" + messageKey(i) + "\",\"text\":\""
                    + "x".repeat(TEXT_LENGTH) + "\"}";
        }

        private String replyBody(int i) {
            return "{\"i\":" + i + ",\"replyId\":\"" + replyId(i) + "\",\"residentKey\":\"" + resident(i)
                    + "\",\"text\":\"Thank you. Your reference is REF-" + i + ". We have passed your report to the highways team.\"}";
        }

        private static int index(String body) {
            return Integer.parseInt(body.substring(5, body.indexOf(',')));
        }

        // -------------------------------------------------------------- the checks

        /** @param finished every message delivered and the queues drained; otherwise stopped at the time limit */
        private Result result(boolean finished) {
            Set<Integer> violating = new TreeSet<>();
            long firstSend = Long.MAX_VALUE;
            long lastDelivery = Long.MIN_VALUE;
            List<Long> endToEnd = new ArrayList<>();
            int undelivered = 0;
            int deliveredTwice = 0;
            for (int i = 0; i < n; i++) {
                if (firstSentAt.get(i) != 0) {
                    firstSend = Math.min(firstSend, firstSentAt.get(i));
                }
                if (deliveries.get(i) == 0) {
                    undelivered++;
                    if (finished) {
                        violating.add(i); // lost: the queues are empty and it never came out
                    }
                    continue;
                }
                if (deliveries.get(i) > 1) {
                    deliveredTwice++;
                    violating.add(i);
                }
                lastDelivery = Math.max(lastDelivery, deliveredAt.get(i));
                endToEnd.add(deliveredAt.get(i) - firstSentAt.get(i));
            }
            int inboundDuplicates = duplicates(inboundCopies, violating);
            int outboundDuplicates = duplicates(outboundCopies, violating);
            int orderViolations = orderViolations(violating);
            Visibility visibility = visibility(violating);
            double seconds = lastDelivery > firstSend ? (lastDelivery - firstSend) / 1e9 : Double.NaN;
            Correctness correctness = new Correctness(finished ? undelivered : 0, deliveredTwice, inboundDuplicates, outboundDuplicates,
                    orderViolations, visibility, heldBehindDelayed.intValue(), refusedDeletes.intValue(), violating.size());
            return new Result(n, n - undelivered, finished, webhookSends.intValue(), redeliveriesSent.intValue(), seconds,
                    timings.stats(), timings.errors(), Stats.of(endToEnd.stream().mapToLong(Long::longValue).toArray()), correctness);
        }

        /** Copies of one message under more than one SQS message id: a redelivery its deduplication id did not stop. */
        private static int duplicates(Map<Integer, Set<String>> copies, Set<Integer> violating) {
            int duplicates = 0;
            for (Map.Entry<Integer, Set<String>> e : copies.entrySet()) {
                if (e.getValue().size() > 1) {
                    duplicates += e.getValue().size() - 1;
                    violating.add(e.getKey());
                }
            }
            return duplicates;
        }

        /** A message delivered after a later one of its resident's. */
        private int orderViolations(Set<Integer> violating) {
            Map<Integer, Integer> latestByResident = new HashMap<>();
            int violations = 0;
            synchronized (deliveryOrder) {
                for (int i : deliveryOrder) {
                    Integer latest = latestByResident.get(i % residents);
                    if (latest != null && i < latest) {
                        violations++;
                        violating.add(i);
                    } else {
                        latestByResident.put(i % residents, i);
                    }
                }
            }
            return violations;
        }

        private Visibility visibility(Set<Integer> violating) {
            List<Long> backAfter = new ArrayList<>();
            int early = 0;
            int late = 0;
            long delay = TimeUnit.SECONDS.toNanos(BACKOFF_SECONDS);
            for (int i = 0; i < n; i++) {
                long after = backAfterDelay.get(i);
                if (delayedAt.get(i) == 0 || after == 0) {
                    continue;
                }
                backAfter.add(after);
                // 100 ms of slack: emulators keep time in milliseconds or seconds, the bench in nanoseconds.
                if (after < delay - TimeUnit.MILLISECONDS.toNanos(100)) {
                    early++;
                    violating.add(i);
                } else if (after > delay + TimeUnit.SECONDS.toNanos(2)) {
                    late++;
                }
            }
            int changes = (int) IntStream.range(0, n).filter(i -> delayedAt.get(i) != 0).count();
            return new Visibility(changes, Stats.of(backAfter.stream().mapToLong(Long::longValue).toArray()), early, late);
        }
    }

    // ------------------------------------------------------------------ the redrive probe

    /**
     * One message received maxReceiveCount times, each time made visible again at once (a consumer that
     * keeps failing), must then move to the dead-letter queue instead of being delivered again.
     */
    record Redrive(boolean moved, int receives) {

        boolean correct() {
            return moved && receives == Provisioning.MAX_RECEIVES;
        }

        static Redrive probe(SqsClient sqs, Provisioning.Resources queues) {
            String key = "redrive-probe-" + System.nanoTime();
            sqs.sendMessage(b -> b.queueUrl(queues.inboundQueueUrl()).messageGroupId(key).messageDeduplicationId(key).messageBody(key));
            int receives = 0;
            for (int attempt = 0; attempt < Provisioning.MAX_RECEIVES + 3; attempt++) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queues.inboundQueueUrl()).maxNumberOfMessages(1)
                        .waitTimeSeconds(WAIT_SECONDS)).messages();
                if (got.isEmpty()) {
                    break;
                }
                receives++;
                sqs.changeMessageVisibility(b -> b.queueUrl(queues.inboundQueueUrl()).receiptHandle(got.get(0).receiptHandle())
                        .visibilityTimeout(0));
            }
            List<Message> deadLettered = sqs.receiveMessage(b -> b.queueUrl(queues.inboundDlqUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).messages();
            boolean moved = deadLettered.stream().anyMatch(m -> m.body().equals(key));
            deadLettered.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queues.inboundDlqUrl()).receiptHandle(m.receiptHandle())));
            return new Redrive(moved, receives);
        }

        @Override
        public String toString() {
            return (moved ? "moved to the dead-letter queue after " : "NOT moved to the dead-letter queue after ") + receives
                    + " receives (maxReceiveCount " + Provisioning.MAX_RECEIVES + ")" + (correct() ? "" : ": WRONG");
        }
    }

    // ------------------------------------------------------------------ results

    record Visibility(int changes, Stats backAfter, int early, int late) {}

    /** What the workload's own checks found; {@code lost} only once the queues drained (not at the time limit). */
    record Correctness(int lost, int deliveredTwice, int inboundDuplicates, int outboundDuplicates, int orderViolations,
            Visibility visibility, int heldBehindDelayed, int refusedDeletes, int violatingMessages) {}

    record Result(int messages, int delivered, boolean finished, int webhookSends, int redeliveriesSent, double seconds,
            Map<Op, Stats> operations, Map<Op, Long> errors, Stats endToEnd, Correctness correctness) {

        double perSecond() {
            return delivered / seconds;
        }
    }

    /** One emulator's figures: the measured run and what was learnt around it. */
    record Report(String emulator, Result run, int unexpectedDeadLetters, Redrive redrive, String loadAverage) {

        /** Messages with any violation, dead letters there should be none of, and a wrong redrive. */
        int violations() {
            return run.correctness().violatingMessages() + unexpectedDeadLetters + (redrive.correct() ? 0 : 1);
        }
    }

    private static void print(Report report) {
        Result r = report.run();
        Correctness c = r.correctness();
        System.out.printf("== %s: %d messages (+%d redeliveries); load average %s during the run ==%n", report.emulator(), r.messages(),
                r.messages() / REDELIVER_ONE_IN, report.loadAverage());
        if (!r.finished()) {
            System.out.printf("STOPPED at the %d-minute limit: %d of %d delivered, %d of %d webhook sends made; the %d undelivered"
                    + " are not counted as violations%n", TIME_LIMIT.toMinutes(), r.delivered(), r.messages(), r.webhookSends(),
                    r.messages() + r.messages() / REDELIVER_ONE_IN, r.messages() - r.delivered());
        }
        System.out.printf("throughput: %.1f messages/s end to end (%d delivered in %.1f s)%n", r.perSecond(), r.delivered(), r.seconds());
        System.out.printf("  %-34s %s%n", "end to end (send -> outbound delete)", r.endToEnd());
        r.operations().forEach((op, stats) -> System.out.printf("  %-34s %s%n", op.label, stats));
        System.out.printf("  errors: %s%n", r.errors().isEmpty() ? "none" : r.errors().entrySet().stream()
                .map(e -> e.getKey().label + " " + e.getValue()).collect(Collectors.joining(", ")));
        System.out.printf("correctness: delivered %d of %d (lost %s), delivered more than once %d, delete refused %d%n", r.delivered(),
                r.messages(), r.finished() ? Integer.toString(c.lost()) : "unknown, stopped", c.deliveredTwice(), c.refusedDeletes());
        System.out.printf("  redeliveries let through by deduplication id: inbound %d, outbound %d (of %d redeliveries sent)%n",
                c.inboundDuplicates(), c.outboundDuplicates(), r.redeliveriesSent());
        System.out.printf("  group order violations: %d%n", c.orderViolations());
        Visibility v = c.visibility();
        System.out.printf("  visibility: %d changes to %d s; back after p50 %s, max %s; early %d; more than 2 s late %d"
                + " (%d records held back behind a delayed one of their group)%n", v.changes(), BACKOFF_SECONDS,
                Stats.ms(v.backAfter().p50Ms()), Stats.ms(v.backAfter().maxMs()), v.early(), v.late(), c.heldBehindDelayed());
        System.out.printf("  dead-letter queues: %d messages from the workload (expected 0); redrive probe: %s%n",
                report.unexpectedDeadLetters(), report.redrive());
        System.out.printf("  violations: %d (%d messages with any of the above, %d dead letters, redrive %s)%n", report.violations(),
                c.violatingMessages(), report.unexpectedDeadLetters(), report.redrive().correct() ? "ok" : "wrong");
        System.out.println();
    }

    private static String verdict(Report a, Report b) {
        Report faster = a.run().perSecond() >= b.run().perSecond() ? a : b;
        Report slower = faster == a ? b : a;
        String stopped = List.of(a, b).stream().filter(r -> !r.run().finished())
                .map(r -> String.format("; %s stopped at the time limit with %d of %d delivered", r.emulator(), r.run().delivered(),
                        r.run().messages()))
                .collect(Collectors.joining());
        return String.format("faster on this workload: %s, %.2fx %s's throughput (%.1f vs %.1f messages/s; end-to-end p50 %s vs %s);"
                + " violations: %s %d, %s %d%s", faster.emulator(), faster.run().perSecond() / slower.run().perSecond(), slower.emulator(),
                faster.run().perSecond(), slower.run().perSecond(), Stats.ms(faster.run().endToEnd().p50Ms()),
                Stats.ms(slower.run().endToEnd().p50Ms()), a.emulator(), a.violations(), b.emulator(), b.violations(), stopped);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
