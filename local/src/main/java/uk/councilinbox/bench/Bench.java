package uk.councilinbox.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.local.CountingProxy;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Project;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.Samples;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.trends.PlatformCharge;

/**
 * {@code bin/bench [N] [C]}: the whole pipeline on the local stack, measured. Starts the stack with
 * counting proxies in front of the emulators, warms it up, then posts N correctly signed webhooks of
 * every platform and kind ({@link Traffic}), each from a distinct resident, C at a time, and waits for
 * every acknowledgement to be accepted by the fake platform. Prints webhook and end-to-end latency,
 * messages per second, the AWS API calls per message by service and operation, Lambda use, an
 * estimated AWS cost per million messages ({@link Costs}), and the same work done by bare SDK calls
 * ({@link Floor}) for comparison. Exits 1 if a webhook was refused or an acknowledgement never came.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int code;
        try {
            code = run(n, concurrency);
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /** One webhook post: when it started (wall clock, to compare with the platform's times) and how it went. */
    record Posted(Instant at, long latencyNanos, int status) {}

    static int run(int n, int concurrency) throws Exception {
        long begun = System.nanoTime();
        System.out.printf("bench: %d webhooks of %d kinds, %d concurrent senders, %d cores%n", n, Traffic.KINDS.size(), concurrency,
                Runtime.getRuntime().availableProcessors());
        System.out.println("starting the local stack (emulators, fake platform, " + LocalSystem.FUNCTIONS.size() + " function JVMs, counting proxies)...");
        int triageBatch = Template.batchSize("triage");
        int senderBatch = Template.batchSize("sender");
        System.out.printf("event source batch sizes as template.yaml: triage %d, sender %d%n", triageBatch, senderBatch);
        try (LocalSystem system = new LocalSystem(LocalSystem.Options.defaults(0).withAwsCallCounting().withBatchSizes(triageBatch, senderBatch)
                .withConfig(SdkCallLog.CONFIG));
                SqsClient admin = Provisioning.sqs(system.emulators().sqsEndpoint())) {
            System.out.printf("ready in %.1f s%n", (System.nanoTime() - begun) / 1e9);
            LocalSystem.AwsCalls calls = system.awsCalls().orElseThrow();
            WebhookClient client = new WebhookClient(system.baseUrl());
            Traffic traffic = new Traffic();
            OutboxWatch outbox = new OutboxWatch(system.platform());

            int warm = Math.max(50, Math.min(400, n / 5));
            System.out.printf("warming up: %d webhooks through the whole pipeline...%n", warm);
            List<Traffic.Delivery> warmup = IntStream.range(0, warm).mapToObj(i -> traffic.delivery(9_000_000 + i)).toList();
            post(client, warmup, concurrency, outbox, false);
            outbox.awaitAll(warmup.stream().map(Traffic.Delivery::outboxKey).toList(), 120_000, "warm-up acknowledgements");
            Quiet.await(system, admin, 30_000);
            // The webhook function's own time split into its queue send (timed at the SQS proxy) and the rest, our code.
            Samples handlerTimes = system.function(Project.WEBHOOK_FUNCTION).runtime().handlerDurations();
            String inbound = system.resources().inboundQueueUrl();
            Samples inboundSends = calls.sqs().latencies("SendMessageBatch@" + inbound.substring(inbound.lastIndexOf('/') + 1));
            SdkCallLog sdkCalls = new SdkCallLog(system.logDir().resolve(Project.WEBHOOK_FUNCTION + ".log"));
            long lightHandlerMark = handlerTimes.count();
            long lightSendMark = inboundSends.count();
            long lightSdkMark = sdkCalls.mark();
            int single = 30;
            System.out.printf("light load: %d webhooks one at a time, each waiting for its acknowledgement...%n", single);
            long[] lightEndToEnd = new long[single];
            for (int i = 0; i < single; i++) {
                Traffic.Delivery d = traffic.delivery(8_000_000 + i);
                Instant at = Instant.now();
                d.post(client);
                List<FakePlatform.Sent> sent;
                while ((sent = outboxSent(outbox, d.outboxKey())).isEmpty()) {
                    Thread.sleep(5);
                }
                lightEndToEnd[i] = Duration.between(at, sent.get(0).at()).toNanos();
            }
            WebhookShare lightShare = new WebhookShare(handlerTimes.since(lightHandlerMark), inboundSends.since(lightSendMark),
                    sdkCalls.since(lightSdkMark, "Sqs", "SendMessageBatch"));
            Quiet.await(system, admin, 30_000);

            List<Traffic.Delivery> deliveries = IntStream.range(0, n).mapToObj(traffic::delivery).toList();
            List<String> keys = deliveries.stream().map(Traffic.Delivery::outboxKey).toList();
            calls.reset();
            PrivacyCheck privacy = new PrivacyCheck(deliveries).listen(calls.sqs());
            Map<String, long[]> lambdaBefore = lambdaUsage(system);
            long handlerMark = handlerTimes.count();
            java.time.Duration webhookCpuBefore = system.function(Project.WEBHOOK_FUNCTION).cpuTime();
            long sendMark = inboundSends.count();
            long sdkMark = sdkCalls.mark();
            Map<String, SdkCallLog> functionCalls = new LinkedHashMap<>();
            Map<String, Long> functionMarks = new HashMap<>();
            for (String function : LocalSystem.FUNCTIONS) {
                SdkCallLog log = new SdkCallLog(system.logDir().resolve(function + ".log"));
                functionCalls.put(function, log);
                functionMarks.put(function, log.mark());
            }
            int reportsBefore = system.works().received().size();
            System.out.printf("measuring: %d webhooks, %d at a time...%n", n, concurrency);
            Posted[] posted = post(client, deliveries, concurrency, outbox, true);
            boolean allAcknowledged = outbox.awaitAll(keys, 60_000 + n * 100L, "acknowledgements");
            Quiet.await(system, admin, 30_000);
            Map<String, CountingProxy.Tally> dynamo = calls.dynamodb().snapshot();
            Map<String, CountingProxy.Tally> sqs = calls.sqs().snapshot();
            Map<String, long[]> lambdaAfter = lambdaUsage(system);
            int reports = system.works().received().size() - reportsBefore;
            WebhookShare webhookShare = new WebhookShare(handlerTimes.since(handlerMark), inboundSends.since(sendMark),
                    sdkCalls.since(sdkMark, "Sqs", "SendMessageBatch"));
            double webhookCpuMs = system.function(Project.WEBHOOK_FUNCTION).cpuTime().minus(webhookCpuBefore).toNanos() / 1e6 / n;

            long[] webhookNanos = new long[n];
            List<Long> endToEnd = new ArrayList<>();
            Instant first = posted[0].at();
            Instant lastAck = first;
            int refused = 0;
            for (int i = 0; i < n; i++) {
                webhookNanos[i] = posted[i].latencyNanos();
                refused += posted[i].status() == 200 ? 0 : 1;
                first = posted[i].at().isBefore(first) ? posted[i].at() : first;
                List<FakePlatform.Sent> sent = outbox.sent(keys.get(i));
                if (!sent.isEmpty()) {
                    Instant ack = sent.get(0).at();
                    endToEnd.add(Duration.between(posted[i].at(), ack).toNanos());
                    lastAck = ack.isAfter(lastAck) ? ack : lastAck;
                }
            }
            int acknowledged = endToEnd.size();
            double seconds = Duration.between(first, lastAck).toNanos() / 1e9;
            double webhookSeconds = Duration.between(first, lastPostEnd(posted)).toNanos() / 1e9;
            calls.sqs().onRequest(null);
            List<PrivacyCheck.Found> privacyFound;
            try (DynamoDbClient table = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
                privacyFound = privacy.replies(keys.stream().flatMap(k -> outbox.sent(k).stream()).map(FakePlatform.Sent::platformMessageId)
                        .filter(java.util.Objects::nonNull).toList()).run(table, system.logDir());
            }

            int photos = deliveries.stream().mapToInt(Traffic::photos).sum();
            System.out.printf("measuring the floor: the same %d messages, %d reports to the works system and %d photos through bare SDK calls...%n",
                    n, reports, photos);
            Map<String, CountingProxy.Tally> floorDynamo;
            Map<String, CountingProxy.Tally> floorSqs;
            Floor.Result floorResult;
            // Proxies of its own, so the local stack's scheduled functions, still running, are not counted as the floor's.
            try (CountingProxy floorDynamoCalls = new CountingProxy("dynamodb", system.emulators().dynamoEndpoint());
                    CountingProxy floorSqsCalls = new CountingProxy("sqs", system.emulators().sqsEndpoint())) {
                Floor floor = new Floor(admin, Provisioning.sqs(floorSqsCalls.endpoint()), Provisioning.dynamo(floorDynamoCalls.endpoint()),
                        system.resources().table(), system.config("inbox.meta.graph-url"), triageBatch, senderBatch);
                String floorRun = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
                floorResult = floor.run(floorRun, n, concurrency);
                floor.reportsAndPhotos(floorRun, reports, photos);
                floorDynamo = floorDynamoCalls.snapshot();
                floorSqs = floorSqsCalls.snapshot();
            }

            System.out.println();
            System.out.printf("== council-inbox bench: %d webhooks (%s), %d concurrent senders, %d cores ==%n", n,
                    String.join(", ", Traffic.KINDS), concurrency, Runtime.getRuntime().availableProcessors());
            System.out.printf("webhooks accepted (200): %d of %d; acknowledged at the platform: %d of %d%n", n - refused, n, acknowledged, n);
            System.out.printf("webhook latency (POST -> 200):                  %s%n", Stats.of(webhookNanos));
            System.out.printf("  in the webhook function (as Lambda bills it): %s%n", Stats.of(webhookShare.handler()));
            System.out.printf("  of which its queue send (SendMessageBatch), at SQS: %s%n", Stats.of(webhookShare.send()));
            System.out.printf("    and as the function's SDK sees it (marshalling, signing, the round trip): %s%n", Stats.of(webhookShare.sdkSend()));
            System.out.printf("  our code's part (function minus the SDK's send): p50 %.1f ms, mean %.1f ms (minus the send at SQS: p50 %.1f ms)%n",
                    webhookShare.oursP50Ms(), webhookShare.oursMeanMs(), webhookShare.besideSqsP50Ms());
            System.out.printf("  CPU time of the webhook JVM per delivery (our code, the SDK's send and the runtime's own work): %.2f ms%n", webhookCpuMs);
            System.out.printf("  one at a time: function %s; send p50 %.1f ms at SQS, %.1f ms in the SDK; our part p50 %.1f ms, mean %.1f ms%n",
                    Stats.of(lightShare.handler()), Stats.of(lightShare.send()).p50Ms(), Stats.of(lightShare.sdkSend()).p50Ms(),
                    lightShare.oursP50Ms(), lightShare.oursMeanMs());
            System.out.printf("end-to-end (POST -> acknowledgement accepted):  %s%n",
                    Stats.of(endToEnd.stream().mapToLong(Long::longValue).toArray()));
            System.out.printf("  (under this load the queues back up, so that is mostly waiting; one at a time it is %s)%n",
                    Stats.of(lightEndToEnd));
            System.out.printf("throughput: %.1f messages/s end to end (%d in %.1f s); webhooks answered at %.1f/s%n",
                    acknowledged / seconds, acknowledged, seconds, n / webhookSeconds);

            System.out.println();
            System.out.printf("AWS API calls per message (counted at the emulators, %d messages):%n", n);
            PerMessage ours = printCalls(n, dynamo, sqs);
            printCallsByFunction(n, functionCalls, functionMarks, sqs);

            List<Costs.LambdaUse> uses = new ArrayList<>();
            System.out.println();
            System.out.println("Lambda per message (local JVMs: C1 only, 2 shared cores; Lambda's arm64 with SnapStart will differ):");
            System.out.printf("  %-16s %12s %16s %8s %12s %14s%n", "function", "invocations", "billed ms/msg", "memory", "GB-s/msg",
                    "peak RSS");
            for (String function : MESSAGE_DRIVEN) {
                long invocations = lambdaAfter.get(function)[0] - lambdaBefore.get(function)[0];
                long millis = lambdaAfter.get(function)[1] - lambdaBefore.get(function)[1];
                Costs.LambdaUse use = new Costs.LambdaUse(function, invocations, millis, Template.memoryMb(function));
                uses.add(use);
                System.out.printf("  %-16s %5.2f/msg %16.2f %5d MB %12.5f %11s MB%n", function, invocations / (double) n, millis / (double) n,
                        use.memoryMb(), use.gbSeconds() / n, system.function(function).peakResidentMb().stream().mapToObj(Long::toString)
                                .findFirst().orElse("?"));
            }
            System.out.println("  (photos runs per photo and works-send per report, shared here over all messages; the scheduled functions"
                    + " run once a minute or five in AWS: a fixed cost, not per message; peak RSS is each function JVM's VmHWM over the"
                    + " whole run, Lambda's \"Max Memory Used\")");

            System.out.println();
            System.out.println("Estimated AWS cost per million messages (Europe (London) prices; sources and dates in bench/Costs.java):");
            Map<String, Double> lines = Costs.perMessage(n, n, dynamo, sqs, uses);
            double total = printCosts(lines);
            outbox.refresh();
            printPlatformCharges(n, total, Costs.platformCharges(deliveries, outbox::sent));

            System.out.println();
            System.out.println("Floor: bare SDK calls doing only the unavoidable work (see bench/Floor.java), same emulators and concurrency:");
            PerMessage floorPerMessage = printCalls(n, floorDynamo, floorSqs);
            System.out.printf("  SendMessage latency:  %s%n", Stats.of(floorResult.sendNanos()));
            double bareSend = Stats.of(floorResult.sendNanos()).p50Ms();
            System.out.printf("  webhook: our code's part p50 %.1f ms (function minus its SDK send) against the bare SendMessage's p50 %.1f ms: %s%n",
                    webhookShare.oursP50Ms(), bareSend, webhookShare.oursP50Ms() <= bareSend ? "within it" : "NOT within it");
            System.out.printf("    (the function's own SDK send, p50 %.1f ms, is %.1f times the bare one: a C1-only JVM on shared cores, and a batch call)%n",
                    Stats.of(webhookShare.sdkSend()).p50Ms(), Stats.of(webhookShare.sdkSend()).p50Ms() / bareSend);
            System.out.printf("  end-to-end:           %s%n", Stats.of(floorResult.endToEndNanos()));
            System.out.printf("  throughput: %.1f messages/s (%d in %.1f s)%n", floorResult.perSecond(), n, floorResult.seconds());
            Map<String, Double> floorLines = Costs.perMessage(n, 0, floorDynamo, floorSqs, List.of());
            double floorTotal = floorLines.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("  AWS cost of its calls per million messages: $%.2f (ours without Lambda and API Gateway: $%.2f)%n",
                    floorTotal * 1e6, (lines.get("DynamoDB writes") + lines.get("DynamoDB reads") + lines.get("SQS FIFO requests")) * 1e6);
            System.out.println();
            System.out.println("Cost targets (issue 19), per message, this run:");
            System.out.println(target("AWS calls", ours.calls(), floorPerMessage.calls(), floorPerMessage.calls() + 1, "the floor's plus one"));
            System.out.println(target("DynamoDB write units", ours.writeUnits(), floorPerMessage.writeUnits(), floorPerMessage.writeUnits() * 1.3,
                    "1.3 times the floor's"));
            System.out.printf("ours / floor throughput: %.2f (%.1f vs %.1f messages/s); total bench time %.0f s%n",
                    (acknowledged / seconds) / floorResult.perSecond(), acknowledged / seconds, floorResult.perSecond(),
                    (System.nanoTime() - begun) / 1e9);
            System.out.println();
            System.out.printf("Privacy: the %d deliveries' resident ids, phone numbers and platform message ids looked for in%n", n);
            privacyFound.forEach(f -> System.out.println(f.line()));
            boolean leaked = privacyFound.stream().anyMatch(f -> !f.examples().isEmpty());
            if (refused > 0 || !allAcknowledged || leaked) {
                System.out.printf("FAILED: %d webhooks refused, %d acknowledgements missing%s%n", refused, n - acknowledged,
                        leaked ? ", and a resident's id or a platform id is in a key, a queue id or a log line" : "");
                return 1;
            }
            return 0;
        }
    }

    /** Posts every delivery once, {@code concurrency} at a time; prints progress every two seconds when asked. */
    static Posted[] post(WebhookClient client, List<Traffic.Delivery> deliveries, int concurrency, OutboxWatch outbox, boolean progress)
            throws Exception {
        int n = deliveries.size();
        Posted[] posted = new Posted[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    Instant at = Instant.now();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = deliveries.get(i).post(client);
                    posted[i] = new Posted(at, System.nanoTime() - t0, response.statusCode());
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
            if (progress) {
                outbox.refresh();
                System.out.printf("  posted %d/%d, acknowledgements so far %d%n", done.get(), n,
                        outbox.answered(deliveries.subList(0, done.get()).stream().map(Traffic.Delivery::outboxKey).toList()));
            }
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        if (progress) {
            System.out.printf("  posted %d/%d%n", done.get(), n);
        }
        return posted;
    }

    private static List<FakePlatform.Sent> outboxSent(OutboxWatch outbox, String key) {
        outbox.refresh();
        return outbox.sent(key);
    }

    /** Invocations answered and billed milliseconds so far, per function. */
    static Map<String, long[]> lambdaUsage(LocalSystem system) {
        Map<String, long[]> usage = new LinkedHashMap<>();
        for (String function : LocalSystem.FUNCTIONS) {
            var runtime = system.function(function).runtime();
            usage.put(function, new long[] {runtime.completedInvocations(), runtime.billedMillis()});
        }
        return usage;
    }

    /** A run's AWS calls and DynamoDB write units per message. */
    record PerMessage(double calls, double writeUnits) {}

    /** One target's line: ours, the floor's, the target, the ratio to the floor, and whether ours is within it. */
    static String target(String what, double ours, double floor, double target, String rule) {
        return String.format("  %-21s ours %6.2f, floor %6.2f, target %6.2f (%s): ours / floor %.2f, %s", what, ours, floor, target, rule,
                ours / floor, ours <= target ? "within the target" : "NOT within the target");
    }

    /** Calls and DynamoDB request units per message, by service and operation. */
    static PerMessage printCalls(int n, Map<String, CountingProxy.Tally> dynamo, Map<String, CountingProxy.Tally> sqs) {
        System.out.printf("  %-9s %-46s %10s %11s %9s %9s %7s%n", "service", "operation", "calls/msg", "billed/msg", "RRU/msg", "WRU/msg",
                "errors");
        double calls = 0;
        for (var entry : List.of(Map.entry("dynamodb", dynamo), Map.entry("sqs", sqs))) {
            for (CountingProxy.Tally t : entry.getValue().values()) {
                if (t.operation().endsWith("(empty)")) {
                    continue;
                }
                calls += t.calls();
                System.out.printf("  %-9s %-46s %10.3f %11.3f %9.3f %9.3f %7d%n", entry.getKey(), t.operation(), t.calls() / (double) n,
                        t.billedRequests() / (double) n, t.readUnits() / n, t.writeUnits() / n, t.errors());
            }
        }
        long empty = sqs.values().stream().filter(t -> t.operation().endsWith("(empty)")).mapToLong(CountingProxy.Tally::calls).sum();
        double[] units = Costs.dynamoUnits(dynamo);
        System.out.printf("  %-56s %10.3f %11.3f %9.3f %9.3f%n", "total", calls / n,
                (Costs.sqsBilled(sqs) + dynamo.values().stream().mapToLong(CountingProxy.Tally::calls).sum()) / (double) n,
                units[0] / n, units[1] / n);
        System.out.printf("  (plus %d empty long polls while queues were idle: a cost of time, not of messages; units from AWS's rules"
                + " (local/CapacityUnits), failed conditional writes and cancelled transactions included)%n", empty);
        return new PerMessage(calls / n, units[1] / n);
    }

    /** The functions that messages set off: their Lambda use is a cost per message. */
    static final List<String> MESSAGE_DRIVEN = List.of("webhooks", "triage", "sender", "photos", "works-send");

    /** Functions that run on a schedule: a cost per minute, not per message (LocalSystem runs them more often than AWS). */
    static final java.util.Set<String> SCHEDULED = java.util.Set.of("pending-replies", "works-sweep", "works-updates");

    /**
     * The same calls by the function that made them, as each function's SDK logged them ({@link SdkCallLog}), and the
     * event sources' receives and deletes (made by the local Lambda event sources, counted at the proxy): which share
     * is the messages' and which the scheduled sweeps'.
     */
    static void printCallsByFunction(int n, Map<String, SdkCallLog> logs, Map<String, Long> marks, Map<String, CountingProxy.Tally> sqs) {
        System.out.println("  by function (each function's SDK calls from its log; receives and deletes are the event sources'):");
        double messagePath = 0;
        double scheduled = 0;
        for (var entry : logs.entrySet()) {
            Map<String, Integer> counts = entry.getValue().counts(marks.get(entry.getKey()));
            int calls = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (calls == 0) {
                continue;
            }
            if (SCHEDULED.contains(entry.getKey())) {
                scheduled += calls;
            } else {
                messagePath += calls;
            }
            System.out.printf("    %-16s %6.3f/msg  %s%s%n", entry.getKey(), calls / (double) n, SCHEDULED.contains(entry.getKey()) ? "(scheduled) " : "",
                    counts.entrySet().stream().map(e -> String.format("%s %.3f", e.getKey(), e.getValue() / (double) n))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        long polls = sqs.values().stream().filter(t -> t.operation().equals("ReceiveMessage") || t.operation().equals("DeleteMessageBatch"))
                .mapToLong(CountingProxy.Tally::calls).sum();
        System.out.printf("    %-16s %6.3f/msg%n", "event sources", polls / (double) n);
        System.out.printf("  the message-driven functions' and event sources': %.3f calls/msg; the scheduled functions': %.3f (their queries"
                + " are a cost per run, every 20 s / 3 s / 5 s here against 1 min / 1 min / 5 min in AWS; works-sweep's record and send"
                + " are per report)%n", (messagePath + polls) / n, scheduled / n);
    }

    static double printCosts(Map<String, Double> lines) {
        double total = 0;
        for (var line : lines.entrySet()) {
            System.out.printf("  %-28s $%8.2f%n", line.getKey(), line.getValue() * 1e6);
            total += line.getValue();
        }
        System.out.printf("  %-28s $%8.2f  (%.3f US cents per message)%n", "total", total * 1e6, total * 100);
        return total;
    }

    /**
     * The platforms' charges for what this run received and sent (trends/PlatformCharge: X per event and per DM or
     * post, WhatsApp per message; Meta free), and the cost per million messages with and without them.
     */
    static void printPlatformCharges(int n, double awsPerMessage, Map<PlatformCharge, Long> counts) {
        System.out.println();
        System.out.println("Platform charges per million messages (this run's messages received and replies accepted, priced as"
                + " trends/PlatformCharge; Messenger, Instagram and Facebook free):");
        for (var entry : counts.entrySet()) {
            System.out.printf("  %-38s %6d in %d messages at $%.4f each: $%9.2f per million%n", entry.getKey(), entry.getValue(), n,
                    entry.getKey().dollars(), entry.getValue() * entry.getKey().dollars() / n * 1e6);
        }
        double platform = PlatformCharge.dollars(counts) / n;
        System.out.printf("  %-38s $%9.2f per million%n", "total", platform * 1e6);
        System.out.printf("cost per million messages: $%.2f without platform charges (AWS only), $%.2f with them%n",
                awsPerMessage * 1e6, (awsPerMessage + platform) * 1e6);
        System.out.printf("  (this mix is %d%% X and %d%% WhatsApp; a council's own mix decides what the charges come to)%n",
                share(Traffic.KINDS, "x-"), share(Traffic.KINDS, "whatsapp-"));
    }

    private static int share(List<String> kinds, String prefix) {
        return (int) Math.round(100.0 * kinds.stream().filter(k -> k.startsWith(prefix)).count() / kinds.size());
    }

    /**
     * The webhook function's time (as the runtime API saw it), its queue send timed at the SQS proxy, and the same send
     * timed by the function's SDK ({@link SdkCallLog}): our code's part is the function's time less the SDK's send.
     */
    record WebhookShare(long[] handler, long[] send, long[] sdkSend) {
        double oursP50Ms() {
            return Stats.of(handler).p50Ms() - Stats.of(sdkSend).p50Ms();
        }

        double oursMeanMs() {
            return (java.util.Arrays.stream(handler).average().orElse(Double.NaN) - java.util.Arrays.stream(sdkSend).average().orElse(Double.NaN)) / 1e6;
        }

        /** Counting the SDK's own work as ours: the function less the send as SQS saw it. */
        double besideSqsP50Ms() {
            return Stats.of(handler).p50Ms() - Stats.of(send).p50Ms();
        }
    }

    /** When the last webhook post was answered. */
    static Instant lastPostEnd(Posted[] posted) {
        Instant last = posted[0].at();
        for (Posted p : posted) {
            Instant end = p.at().plusNanos(p.latencyNanos());
            last = end.isAfter(last) ? end : last;
        }
        return last;
    }
}
