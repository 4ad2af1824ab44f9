package uk.councilinbox.bench;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.local.AwsFaults;
import uk.councilinbox.local.CountingProxy;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.FunctionProcess;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.Redrive;
import uk.councilinbox.local.WebhookClient;

/**
 * {@code bin/chaos [N]}: N residents' messages through the local stack while things go wrong, then
 * the books are checked. Every webhook is delivered at least twice (a share three times, a share of the
 * duplicates at the same moment), the fake platform answers a share of sends with a rate limit or a
 * server error, and the triage and sender functions are killed with SIGKILL in the middle of a batch
 * and restarted (the batch comes back after the visibility timeout, as on Lambda); AWS itself fails too, at
 * the emulators' proxies ({@link AwsFaults}: DynamoDB throttles and 500s, SQS 500s and slow calls). Once the
 * system has settled, the platform goes down until some replies are in the outbound dead-letter queue, comes
 * back, and the queue is redriven ({@link #outage}). Then it counts, from a scan of the case table and the
 * fake platform's outbox:
 * <ul>
 *   <li>messages lost: accepted by a webhook but with no case, or with no acknowledgement sent;</li>
 *   <li>duplicate cases: a platform message on more than one case, or a resident with more than one;</li>
 *   <li>duplicate replies: the same reply accepted by the platform more than once. Those explained by the
 *       gap the README owns up to (a sender killed after the platform accepted a reply and before its
 *       outcome was written: a sender kill between the two sends, and the first send never recorded) are
 *       counted apart from any other.</li>
 * </ul>
 * Exit status 1 if any lost message, duplicate case or unexplained duplicate reply.
 */
public final class Chaos {

    /**
     * @param messages distinct residents' messages
     * @param senders webhook posts in flight at once (plus the concurrent duplicates)
     * @param thirdCopy share of messages delivered a third time
     * @param concurrentCopies share of messages whose first two deliveries are posted at the same moment
     * @param faultRate share of platform sends answered with a fault (half rate limits, half server errors)
     * @param crashes at least this many kills, alternating sender and triage; they go on while webhooks are being posted
     * @param firstCrashSeconds when the first kill is, after posting starts
     * @param crashEverySeconds seconds between kills
     * @param stallSeconds how long the settling phase waits without a new acknowledgement before checking
     * @param dynamoFaults share of DynamoDB calls answered with a fault at the proxy (three eighths
     *     ProvisionedThroughputExceededException, three eighths ThrottlingException, a quarter HTTP 500)
     * @param sqsErrors share of SQS calls answered HTTP 500 at the proxy
     * @param sqsSlow share of SQS calls held 1-3 s before they are passed on
     * @param outageMessages messages posted, once each, while the platform fails every send, after the rest have settled
     */
    public record Settings(int messages, int senders, double thirdCopy, double concurrentCopies, double faultRate, int crashes,
            int firstCrashSeconds, int crashEverySeconds, long stallSeconds, double dynamoFaults, double sqsErrors, double sqsSlow,
            int outageMessages) {
        public static Settings forMessages(int n) {
            // A kill every 7.5-22.5 s (and a restart of about 5 s) while webhooks are posted: about 15 for 10,000 messages here.
            int crashes = Math.max(2, Math.min(30, n / 1000));
            return new Settings(n, 4, 0.25, 0.3, 0.10, crashes, 5, 15, 300, rate("chaos.dynamoFaults", 0.02), rate("chaos.sqsErrors", 0.02),
                    rate("chaos.sqsSlow", 0.01), Math.max(10, Math.min(50, n / 100)));
        }

        private static double rate(String property, double fallback) {
            return Double.parseDouble(System.getProperty(property, Double.toString(fallback)));
        }
    }

    /**
     * The outage: replies parked in the outbound dead-letter queue while the platform was down, moved back by
     * SQS's message move task once it was up, and how often each outage message's acknowledgement was then accepted.
     */
    public record Outage(int messages, int parked, String redrive, long redriven, int deliveredOnce, int duplicates,
            int undelivered) {
        public boolean ok() {
            return parked > 0 && redriven == parked && duplicates == 0 && undelivered == 0;
        }
    }

    /** One kill: when, which function, whether it was running an invocation at that moment. */
    public record Crash(Instant at, String function, boolean midInvocation, double restartSeconds) {}

    /** What the checks found. */
    public record Report(int messages, int posts, int refusedPosts, int accepted, int lostCases, int lostAcknowledgements,
            int duplicateCaseMessages, int residentsWithSeveralCases, int duplicateRepliesFromCrashGap, int duplicateRepliesOther,
            int inboundDeadLetters, int outboundDeadLetters, int crashes, int acknowledgedButReceived, Map<String, Integer> replyStates,
            Map<String, Integer> items,
            double seconds, List<String> examples, Map<String, Map<AwsFaults.Kind, Long>> awsFaults, Outage outage) {
        public boolean ok() {
            return lostCases == 0 && lostAcknowledgements == 0 && duplicateCaseMessages == 0 && residentsWithSeveralCases == 0
                    && duplicateRepliesOther == 0 && outage.ok();
        }
    }

    private Chaos() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int code;
        long begun = System.nanoTime();
        System.out.printf("chaos: %d messages, %d cores; starting the local stack...%n", n, Runtime.getRuntime().availableProcessors());
        try (LocalSystem system = new LocalSystem(options(LocalSystem.Options.defaults(0)))) {
            System.out.printf("ready in %.1f s (%s)%n", (System.nanoTime() - begun) / 1e9, describe(system));
            Report report = run(system, Settings.forMessages(n), System.out);
            code = report.ok() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("chaos failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.out.printf("total time %.0f s%n", (System.nanoTime() - begun) / 1e9);
        System.exit(code);
    }

    /**
     * The local stack as chaos runs it: the event sources' batch sizes as template.yaml has them (triage
     * 10, sender 3); {@code -Dchaos.senderBatch=10} runs the sender with the local stack's default batch size.
     * The AWS calls go through the counting proxies, where the AWS faults are injected.
     */
    public static LocalSystem.Options options(LocalSystem.Options base) {
        int senderBatch = Integer.getInteger("chaos.senderBatch", Template.batchSize("sender"));
        return base.withAwsCallCounting().withBatchSizes(Template.batchSize("triage"), senderBatch);
    }

    static String describe(LocalSystem system) {
        return "batches: triage " + Template.batchSize("triage") + ", sender " + Integer.getInteger("chaos.senderBatch", Template.batchSize("sender"));
    }

    public static Report run(LocalSystem system, Settings settings, PrintStream out) throws Exception {
        long started = System.nanoTime();
        Random random = new Random();
        Traffic traffic = new Traffic();
        int n = settings.messages();
        List<Traffic.Delivery> deliveries = new ArrayList<>(n + settings.outageMessages());
        for (int i = 0; i < n + settings.outageMessages(); i++) {
            deliveries.add(traffic.delivery(i));
        }
        // The plan: each message's first delivery in order, its repeats later (some at once, as a pair).
        record Slot(double order, int message, int copies) {}
        List<Slot> plan = new ArrayList<>();
        int posts = 0;
        for (int i = 0; i < n; i++) {
            int copies = random.nextDouble() < settings.thirdCopy() ? 3 : 2;
            posts += copies;
            if (random.nextDouble() < settings.concurrentCopies()) {
                plan.add(new Slot(i, i, 2));
                copies -= 2;
            } else {
                plan.add(new Slot(i, i, 1));
                copies -= 1;
            }
            for (int c = 0; c < copies; c++) {
                plan.add(new Slot(i + 5 + random.nextInt(400), i, 1));
            }
        }
        plan.sort(Comparator.comparingDouble(Slot::order));

        FakePlatform platform = system.platform();
        platform.injectAtRate("*", "rate_limit", settings.faultRate() / 2);
        platform.injectAtRate("*", "server_error", settings.faultRate() / 2);
        LocalSystem.AwsCalls aws = system.awsCalls().orElseThrow(() -> new IllegalStateException("chaos needs the counting proxies"));
        aws.dynamodb().faults().set(AwsFaults.Kind.PROVISIONED_THROUGHPUT_EXCEEDED, settings.dynamoFaults() * 3 / 8)
                .set(AwsFaults.Kind.THROTTLING, settings.dynamoFaults() * 3 / 8).set(AwsFaults.Kind.SERVER_ERROR, settings.dynamoFaults() / 4);
        aws.sqs().faults().set(AwsFaults.Kind.SERVER_ERROR, settings.sqsErrors()).set(AwsFaults.Kind.SLOW, settings.sqsSlow());
        out.printf("posting %d webhooks for %d messages (%d senders; %.0f%% sent three times, %.0f%% with two copies at once);%n"
                + "platform faults on %.0f%% of sends; kills of triage/sender mid-batch (at least %d) until all are posted;%n"
                + "AWS faults at the emulators' proxies: %.1f%% of DynamoDB calls throttled (ProvisionedThroughputExceeded, Throttling) or 500,"
                + " %.1f%% of SQS calls 500, %.1f%% slow (1-3 s)%n", posts, n, settings.senders(),
                settings.thirdCopy() * 100, settings.concurrentCopies() * 100, settings.faultRate() * 100, settings.crashes(),
                settings.dynamoFaults() * 100, settings.sqsErrors() * 100, settings.sqsSlow() * 100);

        WebhookClient client = new WebhookClient(system.baseUrl());
        AtomicIntegerArray accepted = new AtomicIntegerArray(n + settings.outageMessages());
        AtomicInteger refused = new AtomicInteger();
        Map<Integer, Integer> refusedStatuses = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.senders());
        ExecutorService twins = Executors.newCachedThreadPool();
        for (int w = 0; w < settings.senders(); w++) {
            pool.submit(() -> {
                for (int s; (s = next.getAndIncrement()) < plan.size(); ) {
                    Slot slot = plan.get(s);
                    Traffic.Delivery d = deliveries.get(slot.message());
                    List<CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
                    for (int c = 1; c < slot.copies(); c++) {
                        copies.add(CompletableFuture.supplyAsync(() -> d.post(client), twins));
                    }
                    copies.add(CompletableFuture.completedFuture(safePost(d, client)));
                    for (CompletableFuture<HttpResponse<String>> copy : copies) {
                        HttpResponse<String> response = copy.join();
                        if (response != null && response.statusCode() == 200) {
                            accepted.set(slot.message(), 1);
                        } else {
                            refused.incrementAndGet();
                            refusedStatuses.merge(response == null ? -1 : response.statusCode(), 1, Integer::sum);
                        }
                        done.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();

        List<Crash> crashes = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean postingDone = new java.util.concurrent.atomic.AtomicBoolean();
        Thread killer = Thread.ofPlatform().name("chaos-killer").start(() -> kill(system, settings, crashes, out, random, postingDone));
        OutboxWatch outbox = new OutboxWatch(platform);
        List<String> keys = deliveries.stream().map(Traffic.Delivery::outboxKey).toList();
        long nextReport = System.currentTimeMillis() + 5000;
        while (!pool.awaitTermination(500, TimeUnit.MILLISECONDS)) {
            if (System.currentTimeMillis() >= nextReport) {
                outbox.refresh();
                out.printf("  %4.0f s: posted %d/%d, acknowledgements %d/%d, kills %d%n", (System.nanoTime() - started) / 1e9, done.get(),
                        posts, outbox.answered(keys), n, crashes.size());
                nextReport += 5000;
            }
        }
        twins.shutdown();
        postingDone.set(true);
        while (killer.isAlive()) {
            killer.join(5000);
            outbox.refresh();
            out.printf("  %4.0f s: all posts made; acknowledgements %d/%d, kills %d of %d%n", (System.nanoTime() - started) / 1e9,
                    outbox.answered(keys), n, crashes.size(), settings.crashes());
        }
        platform.clearFaults();
        Map<String, Map<AwsFaults.Kind, Long>> injected = new TreeMap<>();
        for (CountingProxy proxy : List.of(aws.dynamodb(), aws.sqs())) {
            proxy.faults().clear();
            injected.put(proxy.service(), proxy.faults().injected());
        }
        out.printf("  %4.0f s: all %d posts made (%d refused); faults off; settling...%n", (System.nanoTime() - started) / 1e9, done.get(),
                refused.get());

        try (SqsClient sqs = Provisioning.sqs(system.emulators().sqsEndpoint());
                DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            List<String> mainKeys = keys.subList(0, n);
            settle(system, sqs, outbox, mainKeys, settings.stallSeconds() * 1000, started, out);
            Outage outage = outage(system, sqs, deliveries.subList(n, deliveries.size()), client, accepted, outbox, settings, started, out);
            posts += outage.messages();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.println("  checking: scanning the case table and the outbox...");
            outbox.refresh();
            TableScan table = TableScan.of(dynamo);
            Report report = check(deliveries, accepted, posts, refused.get(), table, outbox, crashes, system, sqs, seconds, injected, outage);
            print(report, refusedStatuses, crashes, out);
            return report;
        }
    }

    private static HttpResponse<String> safePost(Traffic.Delivery d, WebhookClient client) {
        try {
            return d.post(client);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Kills triage and sender in turn, each while it is running a batch, and brings it back. */
    private static void kill(LocalSystem system, Settings settings, List<Crash> crashes, PrintStream out, Random random,
            java.util.concurrent.atomic.AtomicBoolean postingDone) {
        try {
            Thread.sleep(settings.firstCrashSeconds() * 1000L);
            for (int k = 0; k < settings.crashes() || !postingDone.get(); k++) {
                String name = k % 2 == 0 ? "sender" : "triage";
                FunctionProcess function = system.function(name);
                // Catch it running a batch: wait for an invocation, let it get a few milliseconds in, and kill it
                // only if it is still running (else wait for the next one).
                boolean mid = false;
                long waitUntil = System.currentTimeMillis() + 30_000;
                while (!mid && System.currentTimeMillis() < waitUntil) {
                    while (function.runtime().inFlight() == 0 && System.currentTimeMillis() < waitUntil) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(1 + random.nextInt(20));
                    mid = function.runtime().inFlight() > 0;
                }
                Instant at = Instant.now();
                function.kill();
                long t0 = System.nanoTime();
                function.restart(Duration.ofSeconds(90));
                Crash crash = new Crash(at, name, mid, (System.nanoTime() - t0) / 1e9);
                crashes.add(crash);
                out.printf("  kill %d at %s: %s (SIGKILL %s), back in %.1f s%n", crashes.size(), at, name,
                        mid ? "mid-batch" : "between batches", crash.restartSeconds());
                if (k + 1 < settings.crashes() || !postingDone.get()) {
                    Thread.sleep(settings.crashEverySeconds() * 1000L / 2 + random.nextInt(settings.crashEverySeconds() * 1000));
                }
            }
        } catch (Exception e) {
            out.println("  killer stopped: " + e);
        }
    }

    /**
     * Until every message is acknowledged and nothing is left to do, or nothing has changed for long enough.
     * The backlog left by the posting phase drains at the local stack's pace (2 shared cores), so the wait
     * is measured from the last acknowledgement seen, not from the start: a system still making progress is
     * not given up on, one that has stalled for {@code stallMillis} is.
     */
    private static void settle(LocalSystem system, SqsClient sqs, OutboxWatch outbox, List<String> keys, long stallMillis, long started,
            PrintStream out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + stallMillis;
        long nextReport = System.currentTimeMillis() + 5000;
        int quietChecks = 0;
        int lastAnswered = -1;
        while (System.currentTimeMillis() < deadline) {
            outbox.refresh();
            int answered = outbox.answered(keys);
            if (answered > lastAnswered) {
                lastAnswered = answered;
                deadline = System.currentTimeMillis() + stallMillis;
            }
            boolean idle = Quiet.idle(system, sqs);
            quietChecks = idle ? quietChecks + 1 : 0;
            // Idle for 3 s: nothing queued, nothing in flight, nothing waiting out a backoff.
            if (quietChecks >= 6 || (answered == keys.size() && quietChecks >= 2)) {
                out.printf("  %4.0f s: settled; acknowledgements %d/%d%n", (System.nanoTime() - started) / 1e9, answered, keys.size());
                return;
            }
            if (System.currentTimeMillis() >= nextReport) {
                out.printf("  %4.0f s: acknowledgements %d/%d; inbound queue %d, outbound queue %d%n", (System.nanoTime() - started) / 1e9,
                        answered, keys.size(), Quiet.depth(sqs, system.resources().inboundQueueUrl()),
                        Quiet.depth(sqs, system.resources().outboundQueueUrl()));
                nextReport += 5000;
            }
            Thread.sleep(500);
        }
        out.println("  no progress for " + stallMillis / 1000 + " s; checking what there is");
    }

    /**
     * The platform down, then back: each outage message posted once while every send fails, until their
     * acknowledgements have used up their receives and sit in the outbound dead-letter queue; then the platform
     * recovers, the dead letters are moved back with SQS's message move task ({@link Redrive}, what
     * {@code bin/redrive} runs), and the system settles again.
     */
    private static Outage outage(LocalSystem system, SqsClient sqs, List<Traffic.Delivery> messages, WebhookClient client,
            AtomicIntegerArray accepted, OutboxWatch outbox, Settings settings, long started, PrintStream out) throws InterruptedException {
        FakePlatform platform = system.platform();
        platform.injectAtRate("*", "server_error", 1.0);
        out.printf("  %4.0f s: outage: the platform fails every send; posting %d messages%n", (System.nanoTime() - started) / 1e9,
                messages.size());
        for (Traffic.Delivery d : messages) {
            HttpResponse<String> response = safePost(d, client);
            if (response != null && response.statusCode() == 200) {
                accepted.set(d.index(), 1);
            }
        }
        String dlq = system.resources().outboundDlqUrl();
        long deadline = System.currentTimeMillis() + 300_000;
        int quiet = 0;
        while (System.currentTimeMillis() < deadline && quiet < 6) {
            Thread.sleep(500);
            quiet = Quiet.idle(system, sqs) && Quiet.depth(sqs, dlq) > 0 ? quiet + 1 : 0;
        }
        int parked = Quiet.depth(sqs, dlq);
        platform.clearFaults();
        out.printf("  %4.0f s: %d replies parked in the outbound dead-letter queue; the platform is back; redriving%n",
                (System.nanoTime() - started) / 1e9, parked);
        Redrive.Result moved = Redrive.run(sqs, system.resources().outboundQueueUrl(), Duration.ofSeconds(120), true);
        out.printf("  %4.0f s: message move task %s, %d moved; %d moved by hand after it (ElasticMQ's task moves no FIFO message)%n",
                (System.nanoTime() - started) / 1e9, moved.status(), moved.moved(), moved.movedByHand());
        List<String> keys = messages.stream().map(Traffic.Delivery::outboxKey).toList();
        settle(system, sqs, outbox, keys, settings.stallSeconds() * 1000, started, out);
        outbox.refresh();
        int once = 0;
        int duplicates = 0;
        int undelivered = 0;
        for (String key : keys) {
            int sent = outbox.sent(key).size();
            once += sent == 1 ? 1 : 0;
            duplicates += Math.max(0, sent - 1);
            undelivered += sent == 0 ? 1 : 0;
        }
        String how = "move task " + moved.status() + " " + moved.moved() + ", by hand " + moved.movedByHand();
        return new Outage(messages.size(), parked, how, moved.total(), once, duplicates, undelivered);
    }

    private static Report check(List<Traffic.Delivery> deliveries, AtomicIntegerArray accepted, int posts, int refused, TableScan table,
            OutboxWatch outbox, List<Crash> crashes, LocalSystem system, SqsClient sqs, double seconds,
            Map<String, Map<AwsFaults.Kind, Long>> awsFaults, Outage outage) {
        int lostCases = 0;
        int lostAcks = 0;
        int duplicateCases = 0;
        int gap = 0;
        int other = 0;
        int acceptedCount = 0;
        List<String> examples = new ArrayList<>();
        List<Instant> senderKills = crashes.stream().filter(c -> c.function().equals("sender")).map(Crash::at).toList();
        for (Traffic.Delivery d : deliveries) {
            if (accepted.get(d.index()) == 0) {
                continue;
            }
            acceptedCount++;
            var cases = table.casesByMessageKey.getOrDefault(d.messageKey(), java.util.Set.of());
            if (cases.isEmpty()) {
                lostCases++;
                example(examples, "no case for " + d.messageKey() + " (" + d.kind() + ", guard " + table.guards.contains(d.messageKey()) + ")");
            } else if (cases.size() > 1) {
                duplicateCases++;
                example(examples, d.messageKey() + " is on cases " + cases);
            }
            List<FakePlatform.Sent> sent = outbox.sent(d.outboxKey());
            if (sent.isEmpty()) {
                lostAcks++;
                String[] record = table.replies.get(uk.councilinbox.triage.Acknowledgements.replyIdFor(d.messageKey()));
                example(examples, "no acknowledgement to " + d.outboxKey() + " (" + d.kind() + "); reply record "
                        + (record == null ? "none" : record[0]));
            }
            for (int i = 1; i < sent.size(); i++) {
                FakePlatform.Sent earlier = sent.get(i - 1);
                FakePlatform.Sent later = sent.get(i);
                String[] record = table.replies.get(uk.councilinbox.triage.Acknowledgements.replyIdFor(d.messageKey()));
                boolean earlierRecorded = record != null && earlier.platformMessageId().equals(record[1]);
                // The kill may come just before the platform's own timestamp: the request was already on its way.
                boolean killBetween = senderKills.stream().anyMatch(k -> !k.isBefore(earlier.at().minusSeconds(2)) && !k.isAfter(later.at()));
                if (killBetween && !earlierRecorded) {
                    gap++;
                } else {
                    other++;
                    example(examples, "acknowledgement to " + d.outboxKey() + " sent twice, at " + earlier.at() + " and " + later.at()
                            + "; recorded " + (record == null ? "nothing" : record[0] + " " + record[1]) + "; nearest sender kill "
                            + senderKills.stream().map(k -> Duration.between(earlier.at(), k)).min(Comparator.comparing(Duration::abs))
                                    .map(dd -> dd.toMillis() + " ms after the first send").orElse("none"));
                }
            }
        }
        int severalCases = (int) table.casesByResident.values().stream().filter(refs -> refs.size() > 1).count();
        if (severalCases > 0) {
            table.casesByResident.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(3)
                    .forEach(e -> example(examples, "resident " + e.getKey() + " has cases " + e.getValue()));
        }
        List<String> stuck = table.acknowledgedButReceived();
        stuck.stream().limit(3).forEach(ref -> example(examples, "case " + ref + " is still received, though its acknowledgement was sent"));
        int inboundDead = Quiet.depth(sqs, system.resources().inboundDlqUrl());
        int outboundDead = Quiet.depth(sqs, system.resources().outboundDlqUrl());
        deadLetters(sqs, system.resources().inboundDlqUrl(), "triage", examples);
        deadLetters(sqs, system.resources().outboundDlqUrl(), "sender", examples);
        return new Report(deliveries.size(), posts, refused, acceptedCount, lostCases, lostAcks, duplicateCases, severalCases, gap, other,
                inboundDead, outboundDead, crashes.size(), stuck.size(), table.replyStates(), table.kinds, seconds, examples, awsFaults, outage);
    }

    /**
     * What is in a dead-letter queue, with each message's own failures as its function logged them
     * ({@code Record <id> failed (...)}); receives beyond those were failures it did not cause: the
     * records after a failed one in a FIFO batch, or a batch whose function was killed.
     */
    private static void deadLetters(SqsClient sqs, String dlq, String function, List<String> examples) {
        List<String> log;
        try {
            log = java.nio.file.Files.readAllLines(uk.councilinbox.local.Project.target("local-logs", function + ".log"));
        } catch (java.io.IOException e) {
            log = List.of();
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 20; round++) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(60)
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (var m : messages) {
                if (!seen.add(m.messageId())) {
                    continue;
                }
                List<String> own = log.stream().filter(l -> l.contains("Record " + m.messageId() + " failed"))
                        .map(l -> l.replaceAll(".*failed \\((.*)\\); it will be retried.*", "$1")).toList();
                String body = m.body();
                String id = body.replaceAll("(?s).*\"(replyId|platformMessageId)\":\"([^\"]*)\".*", "$2");
                examples.add(String.format("dead letter (%s): %s received %s times; its own failures logged: %d %s", function, id,
                        m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "?"), own.size(), own));
            }
        }
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 12) {
            examples.add(text);
        }
    }

    private static void print(Report r, Map<Integer, Integer> refusedStatuses, List<Crash> crashes, PrintStream out) {
        out.println();
        out.printf("== chaos: %d messages, %d webhook posts, %.0f s ==%n", r.messages(), r.posts(), r.seconds());
        out.printf("webhook posts refused:                %d %s(a platform retries those; every message had a copy accepted: %s)%n",
                r.refusedPosts(), refusedStatuses.isEmpty() ? "" : new TreeMap<>(refusedStatuses) + " ", r.accepted() == r.messages());
        out.printf("kills (SIGKILL, then restart):        %d (%d mid-batch: %d sender, %d triage)%n", r.crashes(),
                crashes.stream().filter(Crash::midInvocation).count(), crashes.stream().filter(c -> c.function().equals("sender")).count(),
                crashes.stream().filter(c -> c.function().equals("triage")).count());
        out.printf("AWS faults injected:                  %s%n", r.awsFaults());
        out.printf("messages lost, no case:               %d%n", r.lostCases());
        out.printf("messages lost, no acknowledgement:    %d%n", r.lostAcknowledgements());
        out.printf("duplicate cases:                      %d (messages on two cases) + %d (residents with two cases)%n",
                r.duplicateCaseMessages(), r.residentsWithSeveralCases());
        out.printf("duplicate replies:                    %d%n", r.duplicateRepliesOther());
        out.printf("duplicate replies, known crash gap:   %d (sender killed after the platform accepted, before the outcome was written;"
                + " README: \"Replies: platform rules and sending once\")%n", r.duplicateRepliesFromCrashGap());
        out.printf("dead-letter queues:                   inbound %d, outbound %d%n", r.inboundDeadLetters(), r.outboundDeadLetters());
        out.printf("cases left 'received' though acknowledged: %d (a sender killed between recording the reply and the status change)%n",
                r.acknowledgedButReceived());
        out.printf("reply records by state:               %s%n", r.replyStates());
        out.printf("table items by kind:                  %s%n", r.items());
        Outage o = r.outage();
        out.printf("outage and redrive:                   %d messages; parked %d, redriven %d (%s), delivered once %d, duplicates %d,"
                + " undelivered %d%n", o.messages(), o.parked(), o.redriven(), o.redrive(), o.deliveredOnce(), o.duplicates(),
                o.undelivered());
        if (!r.examples().isEmpty()) {
            out.println("examples:");
            r.examples().forEach(e -> out.println("  " + e));
        }
        out.println(r.ok() ? "RESULT: OK (no message lost, no duplicate case, no duplicate reply beyond the documented gap)" : "RESULT: FAILED");
    }
}
