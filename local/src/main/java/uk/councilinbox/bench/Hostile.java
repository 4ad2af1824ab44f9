package uk.councilinbox.bench;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.local.CountingProxy;
import uk.councilinbox.local.Defaults;
import uk.councilinbox.local.DevTokens;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.WebhookClient;

/**
 * {@code bin/hostile [N]}: N generated bad requests against the local stack, over raw sockets so that
 * nothing is tidied on the way: missing and wrong signatures, replayed bodies with bytes altered (and the
 * original's signature), malformed and truncated JSON, oversized bodies, odd unicode (RTL marks, NULs,
 * lone surrogates, emoji, overlong UTF-8) in bodies, paths, queries and headers, wrong content types,
 * other methods on POST routes, wrong verify tokens and CRC requests, and the staff API without a token
 * or with forged ones. Webhook bodies are fresh deliveries with new ids, so any that got through would
 * show as a new case.
 *
 * <p>Prints how many mutating requests were accepted (2xx), how many got a 5xx, how many wrong verify
 * tokens were answered, and whether anything was written: the table's item count, the four queues'
 * depths and the fake platform's outbox before and after, and every write call to DynamoDB or SQS
 * counted at the emulators during the attack. All must be 0; exit status 1 otherwise.
 */
public final class Hostile {

    /** One raw request. {@code path} is sent as given (already percent-encoded, or raw bytes on purpose). */
    record Request(String category, String method, byte[] path, List<byte[][]> headers, byte[] body) {
        /** Correctly signed, valid JSON of no use to us: a 200 that ignores it is the right answer, if nothing is written. */
        boolean mayBeIgnored() {
            return category.startsWith("signed, valid JSON of no use");
        }

        boolean mutating() {
            return !Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method);
        }
    }

    /** What the attack found. */
    public record Report(int requests, int acceptedMutating, int serverErrors, int handshakesAnswered, long itemsBefore, long itemsAfter,
            Map<String, Integer> queuesBefore, Map<String, Integer> queuesAfter, int outboxBefore, int outboxAfter, long writeCalls,
            Map<String, Map<Integer, Integer>> statuses, List<String> examples) {
        public boolean wroteNothing() {
            return itemsBefore == itemsAfter && queuesBefore.equals(queuesAfter) && outboxBefore == outboxAfter && writeCalls == 0;
        }

        public boolean ok() {
            return acceptedMutating == 0 && serverErrors == 0 && handshakesAnswered == 0 && wroteNothing();
        }
    }

    private static final Set<String> WRITE_OPERATIONS = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "SendMessage",
            "SendMessageBatch", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch");

    private Hostile() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int code;
        long begun = System.nanoTime();
        System.out.printf("hostile: %d bad requests; starting the local stack (with counting proxies)...%n", n);
        try (LocalSystem system = new LocalSystem(LocalSystem.Options.defaults(0).withAwsCallCounting())) {
            System.out.printf("ready in %.1f s%n", (System.nanoTime() - begun) / 1e9);
            Report report = run(system, n, 4, System.out);
            code = report.ok() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("hostile failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.out.printf("total time %.0f s%n", (System.nanoTime() - begun) / 1e9);
        System.exit(code);
    }

    /** Needs a system started with {@link LocalSystem.Options#withAwsCallCounting()}. */
    public static Report run(LocalSystem system, int n, int concurrency, PrintStream out) throws Exception {
        URI base = URI.create(system.baseUrl());
        Traffic traffic = new Traffic();
        // A few real cases first, so forged staff requests have something to change.
        out.println("opening a few real cases to aim at...");
        WebhookClient client = new WebhookClient(system.baseUrl());
        OutboxWatch outbox = new OutboxWatch(system.platform());
        List<Traffic.Delivery> real = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Traffic.Delivery d = traffic.delivery(5_000_000 + i, "messenger-text");
            real.add(d);
            if (d.post(client).statusCode() != 200) {
                throw new IllegalStateException("a real webhook was refused");
            }
        }
        outbox.awaitAll(real.stream().map(Traffic.Delivery::outboxKey).toList(), 60_000, "acknowledgements");
        try (SqsClient sqs = Provisioning.sqs(system.emulators().sqsEndpoint());
                DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            Quiet.await(system, sqs, 30_000);
            List<String> references = TableScan.of(dynamo).casesByResident.values().stream().flatMap(List::stream).toList();
            Generators generators = new Generators(traffic, references);

            // Scheduled jobs write on their own clock (the works feed's cursor, say), not because of a request: paused meanwhile.
            AutoCloseable schedules = system.schedulesPaused();
            long itemsBefore = items(dynamo);
            Map<String, Integer> queuesBefore = queues(system, sqs);
            int outboxBefore = system.platform().outbox().size();
            LocalSystem.AwsCalls calls = system.awsCalls().orElseThrow(() -> new IllegalStateException("needs AWS call counting"));
            calls.reset();

            out.printf("sending %d hostile requests (%d kinds), %d at a time...%n", n, generators.kinds(), concurrency);
            long seed = Long.getLong("hostile.seed", System.nanoTime());
            out.printf("random seed %d (repeat with -Dhostile.seed=%d)%n", seed, seed);
            Random random = new Random(seed);
            List<Request> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                requests.add(generators.make(i, random));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger serverErrors = new AtomicInteger();
            AtomicInteger resets = new AtomicInteger();
            AtomicInteger handshakes = new AtomicInteger();
            Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
            List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> workers = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        Request request = requests.get(i);
                        int status = send(base, request);
                        for (int retry = 0; status == RESET && retry < 2; retry++) {
                            resets.incrementAndGet();
                            status = send(base, request);
                        }
                        statuses.computeIfAbsent(request.category(), k -> new ConcurrentHashMap<>()).merge(status, 1, Integer::sum);
                        boolean bad = false;
                        if (status >= 200 && status < 300 && request.mutating() && !request.mayBeIgnored()) {
                            accepted.incrementAndGet();
                            bad = true;
                        }
                        if (status >= 500 || status == RESET) {
                            serverErrors.incrementAndGet();
                            bad = true;
                        }
                        if (status >= 200 && status < 300 && request.category().startsWith("verify-token")) {
                            handshakes.incrementAndGet();
                            bad = true;
                        }
                        if (bad && examples.size() < 12) {
                            examples.add(status + " for " + request.category() + ": " + request.method() + " "
                                    + new String(request.path(), StandardCharsets.ISO_8859_1));
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            pool.shutdown();
            while (!pool.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                out.printf("  %d/%d sent%n", done.get(), n);
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            // Anything that slipped through would be queued, triaged and answered within seconds.
            Thread.sleep(3000);
            Quiet.await(system, sqs, 30_000);
            long writes = writeCalls(calls);
            Report report = new Report(n, accepted.get(), serverErrors.get(), handshakes.get(), itemsBefore, items(dynamo), queuesBefore,
                    queues(system, sqs), outboxBefore, system.platform().outbox().size(), writes, new TreeMap<>(statuses), examples);
            schedules.close();
            out.printf("connections reset before an answer: %d (each request sent again; the gateway's refusal of a request line it cannot"
                    + " parse)%n", resets.get());
            print(report, calls, out);
            return report;
        }
    }

    private static long writeCalls(LocalSystem.AwsCalls calls) {
        long writes = 0;
        for (CountingProxy proxy : List.of(calls.dynamodb(), calls.sqs())) {
            for (CountingProxy.Tally t : proxy.snapshot().values()) {
                if (WRITE_OPERATIONS.contains(t.operation()) || t.operation().startsWith("TransactWriteItems")) {
                    writes += t.calls();
                }
            }
        }
        return writes;
    }

    private static long items(DynamoDbClient dynamo) {
        return dynamo.scanPaginator(b -> b.tableName(Provisioning.TABLE).select(Select.COUNT)).stream().mapToLong(r -> r.count()).sum();
    }

    private static Map<String, Integer> queues(LocalSystem system, SqsClient sqs) {
        var r = system.resources();
        Map<String, Integer> depths = new LinkedHashMap<>();
        depths.put("inbound", Quiet.depth(sqs, r.inboundQueueUrl()));
        depths.put("inbound DLQ", Quiet.depth(sqs, r.inboundDlqUrl()));
        depths.put("outbound", Quiet.depth(sqs, r.outboundQueueUrl()));
        depths.put("outbound DLQ", Quiet.depth(sqs, r.outboundDlqUrl()));
        return depths;
    }

    private static void print(Report r, LocalSystem.AwsCalls calls, PrintStream out) {
        out.println();
        out.printf("== hostile: %d requests ==%n", r.requests());
        out.println("answers by kind of request (status: count):");
        r.statuses().forEach((category, counts) -> out.printf("  %-34s %s%n", category, new TreeMap<>(counts)));
        out.printf("accepted (2xx to a mutating request):   %d%n", r.acceptedMutating());
        out.printf("server errors (5xx):                    %d%n", r.serverErrors());
        out.printf("wrong verify tokens answered (2xx):     %d%n", r.handshakesAnswered());
        out.printf("(signed, valid JSON of no use, answered 200 and ignored: %d; allowed when nothing is written)%n",
                r.statuses().getOrDefault("signed, valid JSON of no use", Map.of()).getOrDefault(200, 0));
        out.printf("wrote anything:                         %s%n", r.wroteNothing() ? "0 (nothing)" : "YES");
        out.printf("  table items %d -> %d; queues %s -> %s; outbox %d -> %d; write calls to DynamoDB/SQS during the attack: %d%n",
                r.itemsBefore(), r.itemsAfter(), r.queuesBefore(), r.queuesAfter(), r.outboxBefore(), r.outboxAfter(), r.writeCalls());
        if (r.writeCalls() > 0) {
            out.println("  calls: " + calls.dynamodb().snapshot().keySet() + " " + calls.sqs().snapshot().keySet());
        }
        if (!r.examples().isEmpty()) {
            out.println("examples:");
            r.examples().forEach(e -> out.println("  " + e));
        }
        out.println(r.ok() ? "RESULT: OK" : "RESULT: FAILED");
    }

    /**
     * The local gateway (the JDK's HTTP server, standing in for API Gateway) answers a request line it
     * cannot parse with 400 and closes with the body unread; the kernel may then reset the connection
     * before the answer is read. Such a request is sent again (twice at most), and counted.
     */
    static final int RESET = -1;

    /**
     * Sends one request on its own connection and returns the status: {@link #RESET} if the connection
     * was reset before a status line came, 599 if it failed otherwise or timed out.
     */
    static int send(URI base, Request request) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
            head.write(request.path());
            head.write((" HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (byte[][] header : request.headers()) {
                head.write(header[0]);
                head.write(": ".getBytes(StandardCharsets.ISO_8859_1));
                head.write(header[1]);
                head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (request.body() != null) {
                head.write(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1).trim();
            in.readAllBytes();
            String[] parts = status.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 599;
        } catch (java.net.SocketException e) {
            return "Connection reset".equals(e.getMessage()) ? RESET : 599;
        } catch (IOException | NumberFormatException e) {
            return 599;
        }
    }

    /** The kinds of bad request, dealt out in turn. */
    static final class Generators {

        private final Traffic traffic;
        private final List<String> references;
        private final Map<String, BiFunction<Integer, Random, Request>> kinds = new LinkedHashMap<>();
        private final AtomicInteger ids = new AtomicInteger(6_000_000);
        private final PrivateKey devKey;
        private final KeyPair otherKey;
        private final String publicPem;

        Generators(Traffic traffic, List<String> references) throws Exception {
            this.traffic = traffic;
            this.references = references.isEmpty() ? List.of("K7PD-M4QX") : references;
            this.devKey = KeyUtils.decodePrivateKey(resource("/dev-keys/staff-jwt-private.pem"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.otherKey = generator.generateKeyPair();
            this.publicPem = resource("/dev-keys/staff-jwt-public.pem");
            webhooks();
            staff();
            others();
        }

        int kinds() {
            return kinds.size();
        }

        Request make(int i, Random random) {
            List<String> names = List.copyOf(kinds.keySet());
            String name = names.get(i % names.size());
            return kinds.get(name).apply(i, random);
        }

        private Traffic.Delivery fresh(Random random) {
            return traffic.delivery(ids.getAndIncrement());
        }

        private void webhooks() {
            // Signatures.
            kinds.put("signature missing", (i, r) -> webhook("signature missing", fresh(r), d -> null));
            kinds.put("signature empty", (i, r) -> webhook("signature empty", fresh(r), d -> ""));
            kinds.put("signature random", (i, r) -> webhook("signature random", fresh(r), d -> {
                byte[] mac = new byte[32];
                r.nextBytes(mac);
                return d.path().equals("x") ? "sha256=" + Base64.getEncoder().encodeToString(mac) : "sha256=" + HexFormat.of().formatHex(mac);
            }));
            kinds.put("signature wrong secret", (i, r) -> webhook("signature wrong secret", fresh(r), d -> sign(d, d.body(), "not-the-secret")));
            kinds.put("signature sha1", (i, r) -> webhook("signature sha1", fresh(r), d -> "sha1=" + HexFormat.of().formatHex(mac("HmacSHA1",
                    secret(d), d.body()))));
            kinds.put("signature truncated", (i, r) -> webhook("signature truncated", fresh(r), d -> {
                String good = sign(d, d.body(), secret(d));
                return good.substring(0, good.length() - 2);
            }));
            kinds.put("signature other platform's", (i, r) -> webhook("signature other platform's", fresh(r), d -> d.path().equals("x")
                    ? HmacSha256.signature(Defaults.META_APP_SECRET, d.body(), HmacSha256.Encoding.HEX)
                    : HmacSha256.signature(Defaults.X_CONSUMER_SECRET, d.body(), HmacSha256.Encoding.BASE64)));
            kinds.put("signature of empty body", (i, r) -> webhook("signature of empty body", fresh(r), d -> sign(d, new byte[0], secret(d))));
            kinds.put("signature with RTL mark", (i, r) -> webhook("signature with RTL mark", fresh(r),
                    d -> "sha256=\u200f" + sign(d, d.body(), secret(d)).substring(7)));
            kinds.put("signature with NUL inside", (i, r) -> webhook("signature with NUL inside", fresh(r), d -> {
                String good = sign(d, d.body(), secret(d));
                return good.substring(0, 20) + "\u0000" + good.substring(20);
            }));
            kinds.put("signature twice (bad, good)", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                List<byte[][]> headers = new ArrayList<>(jsonType());
                headers.add(header(signatureHeader(d), "sha256=" + "0".repeat(64)));
                headers.add(header(signatureHeader(d), sign(d, d.body(), secret(d))));
                return new Request("signature twice (bad, good)", "POST", path(d), headers, d.body());
            });
            // Replays with altered bytes, carrying the original's signature.
            kinds.put("replay: one byte changed", (i, r) -> replay("replay: one byte changed", fresh(r), body -> {
                byte[] altered = body.clone();
                int at = r.nextInt(altered.length);
                altered[at] = (byte) (altered[at] ^ 0x01);
                return altered;
            }));
            kinds.put("replay: space appended", (i, r) -> replay("replay: space appended", fresh(r), body -> concat(body, " ".getBytes())));
            kinds.put("replay: BOM prepended", (i, r) -> replay("replay: BOM prepended", fresh(r),
                    body -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body)));
            kinds.put("replay: id changed", (i, r) -> replay("replay: id changed", fresh(r), body -> {
                String text = new String(body, StandardCharsets.UTF_8);
                String changed = text.replaceFirst("(\"(mid|id|id_str|comment_id)\":\"[^\"]*)\"", "$1" + "0\"");
                return (changed.equals(text) ? text.replaceFirst("pothole", "p0thole") : changed).getBytes(StandardCharsets.UTF_8);
            }));
            kinds.put("replay: truncated", (i, r) -> replay("replay: truncated", fresh(r),
                    body -> java.util.Arrays.copyOf(body, body.length - 1 - r.nextInt(body.length / 2))));
            kinds.put("replay: unicode normalised (NFD)", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                // The platform's body, with accented letters in it (composed, NFC); resent decomposed (NFD).
                String original = new String(d.body(), StandardCharsets.UTF_8);
                byte[] nfc = (original.substring(0, original.length() - 1) + ",\"note\":\"Rue de l’Église, Café Ré\"}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] nfd = Normalizer.normalize(new String(nfc, StandardCharsets.UTF_8), Normalizer.Form.NFD).getBytes(StandardCharsets.UTF_8);
                return signed("replay: unicode normalised (NFD)", d, nfd, sign(d, nfc, secret(d)));
            });
            // Malformed and truncated JSON, unsigned and (as a platform bug would send it) signed.
            kinds.put("malformed JSON, unsigned", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                return signed("malformed JSON, unsigned", d, "{\"object\": \"page\", \"entry\": [{]}".getBytes(), null);
            });
            kinds.put("malformed JSON, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String[] shapes = {"{\"object\":\"page\",\"entry\":[{]}", "[]", "null", "\"entry\"", "123", "", "{", "}", "{\"a\":1,}",
                        "{'object':'page'}", "[".repeat(5000) + "]".repeat(5000), "\u0000", "{\"object\":\"page\"\u0000}",
                        wrongContainerType(d)};
                byte[] body = shapes[r.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
                return signed("malformed JSON, signed", d, body, sign(d, body, secret(d)));
            });
            kinds.put("signed, valid JSON of no use", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String[] shapes = {"{}", "{\"object\":\"unknown\"}", "{\"object\":\"page\",\"entry\":[]}", "{\"n\":" + "9".repeat(5000) + "}",
                        "{\"deep\":" + "[".repeat(900) + "]".repeat(900) + "}", "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"sender\":{\"id\":{\"$ne\":1}}}]}]}"};
                byte[] body = shapes[r.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
                return signed("signed, valid JSON of no use", d, body, sign(d, body, secret(d)));
            });
            kinds.put("truncated JSON, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[] body = java.util.Arrays.copyOf(d.body(), 1 + r.nextInt(d.body().length - 2));
                return signed("truncated JSON, signed", d, body, sign(d, body, secret(d)));
            });
            kinds.put("invalid UTF-8 between tokens, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[][] junk = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                        {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
                byte[] body = concat(concat(new byte[] {'{'}, junk[r.nextInt(junk.length)]), java.util.Arrays.copyOfRange(d.body(), 1, d.body().length));
                return signed("invalid UTF-8 between tokens, signed", d, body, sign(d, body, secret(d)));
            });
            // Oversized (256 KiB is the limit).
            kinds.put("oversized, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[] body = oversized(d);
                return signed("oversized, signed", d, body, sign(d, body, secret(d)));
            });
            kinds.put("oversized, unsigned", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                return signed("oversized, unsigned", d, oversized(d), null);
            });
            // Odd unicode in bodies (unsigned or wrongly signed), paths and queries.
            kinds.put("odd unicode body, unsigned", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                return signed("odd unicode body, unsigned", d, oddUnicode(d, r), null);
            });
            kinds.put("odd unicode body, bad signature", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[] body = oddUnicode(d, r);
                return signed("odd unicode body, bad signature", d, body, sign(d, body, "guess"));
            });
            kinds.put("odd path, signed body", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String[] paths = {"/webhooks/meta%E2%80%8F", "/webhooks/%00", "/webhooks/me%C0%AFta", "/webhooks/meta%F0%9F%92%A9",
                        "/webhooks/meta/..%2F..%2Fapi%2Fbulk%2Fstatus", "/webhooks/%ED%A0%80", "/webhooks/META", "/webhooks/meta/",
                        "/webhooks//meta", "/webhooks/whatsapp%00", "/webhooks/x%2F", "/webhooks", "/webhooks/", "/webhooks/unknown"};
                List<byte[][]> headers = new ArrayList<>(jsonType());
                headers.add(header(signatureHeader(d), sign(d, d.body(), secret(d))));
                return new Request("odd path, signed body", "POST", paths[r.nextInt(paths.length)].getBytes(StandardCharsets.ISO_8859_1),
                        headers, d.body());
            });
            kinds.put("raw non-ASCII path bytes", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[][] raws = {concat("/webhooks/meta".getBytes(), "\u202e".getBytes(StandardCharsets.UTF_8)),
                        concat("/webhooks/me".getBytes(), new byte[] {(byte) 0xC0, (byte) 0xAF}), concat("/webhooks/".getBytes(),
                                "😀".getBytes(StandardCharsets.UTF_8))};
                return new Request("raw non-ASCII path bytes", "POST", raws[r.nextInt(raws.length)], jsonType(), d.body());
            });
            kinds.put("odd query, unsigned body", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String[] queries = {"?hub.mode=%00", "?%ED%A0%80=%C0%AF", "?a=%F0%9F%92%A9&a=%E2%80%8F", "?" + "x=1&".repeat(500), "?%"};
                return new Request("odd query, unsigned body", "POST", (pathText(d) + queries[r.nextInt(queries.length)]).getBytes(), jsonType(),
                        d.body());
            });
            // Wrong content types (with no signature or a wrong one).
            kinds.put("wrong content type", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/octet-stream",
                        "application/json; charset=utf-16", "application/xml", ""};
                List<byte[][]> headers = new ArrayList<>();
                headers.add(header("Content-Type", types[r.nextInt(types.length)]));
                if (r.nextBoolean()) {
                    headers.add(header(signatureHeader(d), sign(d, d.body(), "wrong")));
                }
                return new Request("wrong content type", "POST", path(d), headers, d.body());
            });
            kinds.put("form body, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                byte[] body = ("object=page&entry=" + d.index()).getBytes();
                List<byte[][]> headers = new ArrayList<>();
                headers.add(header("Content-Type", "application/x-www-form-urlencoded"));
                headers.add(header(signatureHeader(d), sign(d, body, secret(d))));
                return new Request("form body, signed", "POST", path(d), headers, body);
            });
            // Other methods on the webhook routes, with a correctly signed fresh delivery.
            kinds.put("PUT/PATCH/DELETE webhook, signed", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String method = List.of("PUT", "PATCH", "DELETE").get(r.nextInt(3));
                List<byte[][]> headers = new ArrayList<>(jsonType());
                headers.add(header(signatureHeader(d), sign(d, d.body(), secret(d))));
                return new Request("PUT/PATCH/DELETE webhook, signed", method, path(d), headers, d.body());
            });
            kinds.put("GET/HEAD/OPTIONS webhook with signed body", (i, r) -> {
                Traffic.Delivery d = fresh(r);
                String method = List.of("GET", "HEAD", "OPTIONS").get(r.nextInt(3));
                List<byte[][]> headers = new ArrayList<>(jsonType());
                headers.add(header(signatureHeader(d), sign(d, d.body(), secret(d))));
                return new Request("GET/HEAD/OPTIONS webhook with signed body", method, path(d), headers, d.body());
            });
            // Handshakes with wrong verify tokens, and X's CRC without a token.
            kinds.put("verify-token wrong", (i, r) -> {
                String token = Defaults.META_VERIFY_TOKEN;
                String[] wrong = {"wrong", token + "%20", token.substring(0, token.length() - 1), token.toUpperCase(), token + "%00",
                        "%E2%80%8F" + token, "", token + "%ED%A0%80", "wrong&hub.verify_token=" + token, token + "%C0%AF",
                        token.replace("-", "%E2%80%90")};
                String platform = r.nextBoolean() ? "meta" : "whatsapp";
                String query = "?hub.mode=subscribe&hub.verify_token=" + wrong[r.nextInt(wrong.length)] + "&hub.challenge=" + (1000 + i);
                return new Request("verify-token wrong", "GET", ("/webhooks/" + platform + query).getBytes(), List.of(), null);
            });
            kinds.put("verify-token right, wrong mode", (i, r) -> {
                String[] modes = {"unsubscribe", "", "SUBSCRIBE", "subscribe%00", "subscribe%E2%80%8F"};
                String query = "?hub.mode=" + modes[r.nextInt(modes.length)] + "&hub.verify_token=" + Defaults.META_VERIFY_TOKEN
                        + "&hub.challenge=" + (1000 + i);
                return new Request("verify-token right, wrong mode", "GET", ("/webhooks/meta" + query).getBytes(), List.of(), null);
            });
            kinds.put("verify-token x without crc_token", (i, r) -> {
                String[] queries = {"", "?crc_token=", "?crc=abc", "?crc_token"};
                return new Request("verify-token x without crc_token", "GET", ("/webhooks/x" + queries[r.nextInt(queries.length)]).getBytes(),
                        List.of(), null);
            });
            kinds.put("CRC with odd token (answered by design)", (i, r) -> {
                String[] tokens = {"%00", "%ED%A0%80", "%E2%80%8F%F0%9F%92%A9", "%C0%AF", "a".repeat(4000), "%"};
                return new Request("CRC with odd token (answered by design)", "GET",
                        ("/webhooks/x?crc_token=" + tokens[r.nextInt(tokens.length)]).getBytes(), List.of(), null);
            });
        }

        private void staff() {
            kinds.put("staff: no token", (i, r) -> staffWrite("staff: no token", null, r));
            kinds.put("staff: garbage token", (i, r) -> {
                String[] values = {"Bearer", "Bearer ", "Bearer abc.def.ghi", "Basic dXNlcjpwYXNz", "bearer " + DevTokens.token("x", Set.of()),
                        DevTokens.token("local-agent", Set.of("agent")), "Bearer \u202e", "Bearer " + "A".repeat(5000), "Bearer ..."};
                return staffWrite("staff: garbage token", values[r.nextInt(values.length)], r);
            });
            kinds.put("staff: alg none", (i, r) -> staffWrite("staff: alg none", "Bearer " + unsigned(claims("supervisor")), r));
            kinds.put("staff: signed with another key", (i, r) -> staffWrite("staff: signed with another key", "Bearer "
                    + Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("mallory").groups(Set.of("supervisor"))
                            .expiresIn(Duration.ofHours(1)).jws().keyId("dev").sign(otherKey.getPrivate()), r));
            kinds.put("staff: HS256 with the public key", (i, r) -> staffWrite("staff: HS256 with the public key",
                    "Bearer " + hs256(claims("supervisor"), publicPem), r));
            kinds.put("staff: payload tampered", (i, r) -> {
                String[] parts = DevTokens.token("local-agent", Set.of("agent")).split("\\.");
                String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims("supervisor").getBytes(StandardCharsets.UTF_8));
                return staffWrite("staff: payload tampered", "Bearer " + parts[0] + "." + payload + "." + parts[2], r);
            });
            kinds.put("staff: expired", (i, r) -> staffWrite("staff: expired", "Bearer " + Jwt.issuer(DevTokens.ISSUER)
                    .audience(DevTokens.AUDIENCE).subject("old").groups(Set.of("supervisor")).issuedAt(java.time.Instant.now().minusSeconds(7200))
                    .expiresAt(java.time.Instant.now().minusSeconds(3600)).jws().keyId("dev").sign(devKey), r));
            kinds.put("staff: wrong issuer or audience", (i, r) -> staffWrite("staff: wrong issuer or audience", "Bearer "
                    + (r.nextBoolean() ? Jwt.issuer("https://evil.example").audience(DevTokens.AUDIENCE)
                            : Jwt.issuer(DevTokens.ISSUER).audience("someone-else")).subject("eve").groups(Set.of("supervisor"))
                    .expiresIn(Duration.ofHours(1)).jws().keyId("dev").sign(devKey), r));
            kinds.put("staff: no role", (i, r) -> staffWrite("staff: no role", "Bearer " + DevTokens.token("resident", Set.of("resident")), r));
            kinds.put("staff: agent doing a supervisor's work", (i, r) -> {
                String agent = "Bearer " + DevTokens.token("local-agent", Set.of("agent"));
                boolean bulk = r.nextBoolean();
                String body = bulk ? "{\"filter\":{\"category\":\"pothole_report\"},\"status\":\"resolved\",\"note\":\"x\"}"
                        : "{\"channel\":\"messenger\",\"residentId\":\"7012345678901234\",\"reason\":\"x\"}";
                return new Request("staff: agent doing a supervisor's work", "POST",
                        (bulk ? "/api/bulk/status" : "/api/residents/erase").getBytes(), withAuth(agent, jsonType()), body.getBytes());
            });
        }

        private void others() {
            kinds.put("staff: reads without a token", (i, r) -> {
                String[] paths = {"/api/me", "/api/cases", "/api/cases/" + reference(r), "/api/trends", "/api/trends.csv?days=%00"};
                return new Request("staff: reads without a token", "GET", paths[r.nextInt(paths.length)].getBytes(), List.of(), null);
            });
            kinds.put("open311: odd input", (i, r) -> {
                String[] paths = {"/open311/v2/requests/%00.json", "/open311/v2/requests/%ED%A0%80.json", "/open311/v2/requests.json?start_date=%00",
                        "/open311/v2/requests.json?status=%F0%9F%92%A9", "/open311/v2/requests.json?service_code=%27%20OR%201%3D1",
                        "/open311/v2/requests.json?start_date=9999-99-99T99:99:99Z", "/open311/v2/requests/" + "A".repeat(3000) + ".json",
                        "/open311/v2/services.json?jurisdiction_id=%C0%AF"};
                boolean post = r.nextInt(4) == 0;
                return new Request("open311: odd input", post ? "POST" : "GET", paths[r.nextInt(paths.length)].getBytes(),
                        post ? jsonType() : List.of(), post ? "{\"service_code\":\"pothole\"}".getBytes() : null);
            });
        }

        /** A staff request that would change something, with the given Authorization (or none). */
        private Request staffWrite(String category, String authorization, Random r) {
            String ref = reference(r);
            String[][] targets = {{"POST", "/api/cases/" + ref + "/status", "{\"status\":\"rejected\",\"note\":\"pwned\"}"},
                    {"POST", "/api/cases/" + ref + "/category", "{\"category\":\"other\",\"note\":\"pwned\"}"},
                    {"POST", "/api/cases/" + ref + "/notes", "{\"note\":\"pwned\"}"},
                    {"POST", "/api/bulk/status", "{\"filter\":{\"category\":\"pothole_report\"},\"status\":\"resolved\",\"note\":\"pwned\"}"},
                    {"POST", "/api/residents/erase", "{\"channel\":\"messenger\",\"residentId\":\"7012345678901234\",\"reason\":\"pwned\"}"},
                    {"PUT", "/api/cases/" + ref, "{\"status\":\"resolved\"}"}, {"DELETE", "/api/cases/" + ref, null}};
            String[] t = targets[r.nextInt(targets.length)];
            List<byte[][]> headers = t[2] == null ? List.of() : jsonType();
            return new Request(category, t[0], t[1].getBytes(), authorization == null ? headers : withAuth(authorization, headers),
                    t[2] == null ? null : t[2].getBytes());
        }

        private String reference(Random r) {
            return references.get(r.nextInt(references.size()));
        }

        private static List<byte[][]> withAuth(String authorization, List<byte[][]> headers) {
            List<byte[][]> all = new ArrayList<>(headers);
            all.add(header("Authorization", authorization));
            return all;
        }

        private static String claims(String group) {
            long now = System.currentTimeMillis() / 1000;
            return "{\"iss\":\"" + DevTokens.ISSUER + "\",\"aud\":\"" + DevTokens.AUDIENCE + "\",\"sub\":\"mallory\",\"groups\":[\"" + group
                    + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        }

        private static String unsigned(String claims) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + b64.encodeToString(claims.getBytes()) + ".";
        }

        private static String hs256(String claims, String secret) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"dev\"}".getBytes()) + "."
                    + b64.encodeToString(claims.getBytes());
            return signingInput + "." + b64.encodeToString(mac("HmacSHA256", secret, signingInput.getBytes(StandardCharsets.UTF_8)));
        }

        private Request webhook(String category, Traffic.Delivery d, java.util.function.Function<Traffic.Delivery, String> signature) {
            return signed(category, d, d.body(), signature.apply(d));
        }

        private Request replay(String category, Traffic.Delivery d, java.util.function.UnaryOperator<byte[]> alter) {
            byte[] altered = alter.apply(d.body());
            if (java.util.Arrays.equals(altered, d.body())) {
                throw new IllegalStateException(category + " left the body as it was");
            }
            return signed(category, d, altered, sign(d, d.body(), secret(d)));
        }

        private static Request signed(String category, Traffic.Delivery d, byte[] body, String signature) {
            List<byte[][]> headers = new ArrayList<>(jsonType());
            if (signature != null) {
                headers.add(header(signatureHeader(d), signature));
            }
            return new Request(category, "POST", path(d), headers, body);
        }

        private static byte[] oversized(Traffic.Delivery d) {
            String body = new String(d.body(), StandardCharsets.UTF_8);
            return (body.substring(0, body.length() - 1) + ",\"padding\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        }

        /** RTL and LTR marks, a NUL, a lone surrogate (escaped and as raw bytes), emoji and an overlong '/'. */
        /** The platform's own envelope with its list of events given as a string. */
        private static String wrongContainerType(Traffic.Delivery d) {
            return switch (d.path()) {
                case "x" -> "{\"for_user_id\":\"1\",\"direct_message_events\":\"x\"}";
                case "whatsapp" -> "{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}";
                default -> "{\"object\":\"page\",\"entry\":\"x\"}";
            };
        }

        private static byte[] oddUnicode(Traffic.Delivery d, Random r) {
            String body = new String(d.body(), StandardCharsets.UTF_8);
            String[] odd = {"\u200f\u202eetaerc\u202c", "\\u0000", "\\ud800", "\\udfff\\ud800", "😀🚧🕳️", "\u0000"};
            String altered = body.replaceFirst("(pothole|Station)", odd[r.nextInt(odd.length)] + "$1");
            byte[] bytes = altered.getBytes(StandardCharsets.UTF_8);
            return r.nextBoolean() ? bytes : concat(bytes, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0, (byte) 0xAF});
        }

        private static List<byte[][]> jsonType() {
            return List.<byte[][]>of(header("Content-Type", "application/json"));
        }

        private static byte[][] header(String name, String value) {
            return new byte[][] {name.getBytes(StandardCharsets.ISO_8859_1), value.getBytes(StandardCharsets.UTF_8)};
        }

        private static String signatureHeader(Traffic.Delivery d) {
            return d.path().equals("x") ? "x-twitter-webhooks-signature" : "X-Hub-Signature-256";
        }

        private static String secret(Traffic.Delivery d) {
            return d.path().equals("x") ? Defaults.X_CONSUMER_SECRET : Defaults.META_APP_SECRET;
        }

        private static String sign(Traffic.Delivery d, byte[] body, String secret) {
            return HmacSha256.signature(secret, body, d.path().equals("x") ? HmacSha256.Encoding.BASE64 : HmacSha256.Encoding.HEX);
        }

        private static byte[] path(Traffic.Delivery d) {
            return pathText(d).getBytes(StandardCharsets.ISO_8859_1);
        }

        private static String pathText(Traffic.Delivery d) {
            return "/webhooks/" + d.path();
        }

        private static byte[] mac(String algorithm, String secret, byte[] data) {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
                return mac.doFinal(data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = Hostile.class.getResourceAsStream(name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
