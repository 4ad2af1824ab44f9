package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counting HTTP proxy in front of one emulator (moto for DynamoDB, or ElasticMQ): every AWS API call the
 * functions, the event sources or a benchmark make passes through it and is tallied by operation, read
 * from {@code X-Amz-Target} ({@code DynamoDB_20120810.PutItem}, {@code AmazonSQS.SendMessageBatch}) or,
 * for SQS's older query protocol, the {@code Action} form field. So the calls per message are counted,
 * not estimated.
 *
 * <p>For DynamoDB it also adds up the read and write request units each call would have been billed,
 * table and indexes, computed from AWS's rules by {@link CapacityUnits} (through {@link CapacityMeter},
 * which remembers the items it has seen), not read from the emulator, whose {@code ConsumedCapacity} is
 * not DynamoDB's. Writes refused by their condition and cancelled transactions are billed too, and also
 * counted as errors. For SQS it records the payload size, since SQS bills each 64 KB chunk of a request or
 * response as one request, and counts receives that returned nothing apart from the others.
 */
public final class CountingProxy implements AutoCloseable {

    /** What one operation cost so far. */
    public record Tally(String operation, long calls, long errors, long billedRequests, double readUnits, double writeUnits,
            long requestBytes, long responseBytes) {}

    private static final int SQS_CHUNK = 64 * 1024;
    /** Headers of a client's request not copied onto the proxy's own reads of the emulator. */
    private static final Set<String> NOT_COPIED = Set.of("x-amz-target", "connection", "content-encoding");

    private final String service;
    private final URI target;
    private final java.net.ServerSocket server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Samples> latencies = new ConcurrentHashMap<>();
    private final CapacityMeter capacity;
    private final AwsFaults faults;
    private volatile boolean open = true;
    private volatile java.util.function.BiConsumer<String, Integer> listener = (operation, status) -> {};
    private volatile java.util.function.BiConsumer<String, byte[]> requestListener = (operation, body) -> {};

    private static final class Counter {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder billed = new LongAdder();
        final DoubleAdder read = new DoubleAdder();
        final DoubleAdder write = new DoubleAdder();
        final LongAdder requestBytes = new LongAdder();
        final LongAdder responseBytes = new LongAdder();
    }

    /** @param service {@code dynamodb} (for the table {@link Provisioning} creates) or {@code sqs} */
    public CountingProxy(String service, URI target) throws IOException {
        this(service, target, Provisioning.KEY, Provisioning.INDEXES);
    }

    /** @param keyAttributes, indexes the DynamoDB tables' key attributes and global secondary indexes */
    public CountingProxy(String service, URI target, List<String> keyAttributes, List<CapacityUnits.Index> indexes) throws IOException {
        this.service = service;
        this.target = target;
        this.capacity = new CapacityMeter(keyAttributes, indexes);
        this.faults = new AwsFaults(service);
        this.server = new java.net.ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 256);
        Thread.ofPlatform().daemon().name("counting-proxy-" + service).start(this::accept);
    }

    /** The endpoint to give clients instead of the emulator's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public String service() {
        return service;
    }

    /** The faults this proxy injects in place of (or before) the emulator's answers; none until set. */
    public AwsFaults faults() {
        return faults;
    }

    /** Every operation seen since the last {@link #reset()}, by name. */
    public Map<String, Tally> snapshot() {
        Map<String, Tally> out = new TreeMap<>();
        counters.forEach((op, c) -> out.put(op, new Tally(op, c.calls.sum(), c.errors.sum(), c.billed.sum(), c.read.sum(),
                c.write.sum(), c.requestBytes.sum(), c.responseBytes.sum())));
        return out;
    }

    public void reset() {
        counters.clear();
    }

    /**
     * How long the emulator took to answer each call of an operation (from the request passed on to the answer read), by
     * {@code label}, or for SQS by {@code label@queue} ({@code SendMessageBatch@inbound.fifo}); empty if none was seen.
     */
    public Samples latencies(String key) {
        return latencies.computeIfAbsent(key, k -> new Samples(1 << 16));
    }

    private static final java.util.regex.Pattern QUEUE_URL = java.util.regex.Pattern.compile("\"QueueUrl\"\\s*:\\s*\"[^\"]*/([^\"/]+)\"");

    private String latencyKey(String label, byte[] body) {
        if (!service.equals("sqs")) {
            return label;
        }
        java.util.regex.Matcher queue = QUEUE_URL.matcher(new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8));
        return queue.find() ? label + "@" + queue.group(1) : label;
    }

    /**
     * Called with each operation (as tallied) and its status once the emulator has answered and before
     * the answer is relayed: a fault injector can kill the caller at exactly that point.
     */
    public void onCall(java.util.function.BiConsumer<String, Integer> listener) {
        this.listener = listener == null ? (operation, status) -> {} : listener;
    }

    /** Called with each request's operation and body before it is passed on: what a check of what is sent reads. */
    public void onRequest(java.util.function.BiConsumer<String, byte[]> listener) {
        this.requestListener = listener == null ? (operation, body) -> {} : listener;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                executor.execute(() -> serve(client));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    /** HTTP/1.1 request head or response head: the first line and the header fields, in order. */
    private record Head(String line, List<String[]> headers) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        boolean closes() {
            String connection = header("Connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /**
     * One client connection, relayed over one connection of its own to the emulator: each request is
     * read whole, counted, passed on (with its body re-framed by Content-Length), and its answer relayed
     * back whole. Plain sockets rather than an HTTP server and client keep the proxy's own cost small next
     * to the emulators'.
     */
    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(target.getHost(), target.getPort())) {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            InputStream clientIn = new BufferedInputStream(client.getInputStream());
            OutputStream clientOut = new BufferedOutputStream(client.getOutputStream());
            InputStream upstreamIn = new BufferedInputStream(upstream.getInputStream());
            OutputStream upstreamOut = new BufferedOutputStream(upstream.getOutputStream());
            while (open) {
                Head request = readHead(clientIn);
                if (request == null) {
                    return;
                }
                if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
                    clientOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    clientOut.flush();
                }
                byte[] body = readBody(clientIn, request, true);
                String operation = operation(request, body);
                String label = operation.equals("TransactWriteItems") ? transactionLabel(body) : operation;
                requestListener.accept(operation, body);
                java.util.Optional<AwsFaults.Fault> fault = faults.draw(request.header("X-Amz-Target") == null);
                if (fault.isPresent() && fault.get().answered()) {
                    answerFault(clientOut, label, body, fault.get());
                    if (request.closes()) {
                        return;
                    }
                    continue;
                }
                if (fault.isPresent()) {
                    Thread.sleep(fault.get().delayMillis());
                }
                long sent = System.nanoTime();
                writeMessage(upstreamOut, request, body);
                Head response = readResponseHead(upstreamIn);
                if (response == null) {
                    return;
                }
                boolean bodiless = request.line().startsWith("HEAD ") || status(response) == 204 || status(response) == 304;
                byte[] answer = bodiless ? new byte[0] : readBody(upstreamIn, response, false);
                latencies.computeIfAbsent(latencyKey(label, body), k -> new Samples(1 << 16)).add(System.nanoTime() - sent);
                tally(operation, label, request, body, answer, status(response));
                listener.accept(label, status(response));
                writeMessage(clientOut, response, answer);
                if (request.closes() || response.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client or the emulator went away: nothing more to relay on this connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An injected fault, answered as the service would, counted as a failed call (AWS bills no units for it). */
    private void answerFault(OutputStream clientOut, String label, byte[] request, AwsFaults.Fault fault) throws IOException {
        Counter c = counters.computeIfAbsent(label, k -> new Counter());
        c.calls.increment();
        c.errors.increment();
        c.requestBytes.add(request.length);
        c.responseBytes.add(fault.body().length);
        List<String[]> headers = List.of(new String[] {"Content-Type", fault.contentType()},
                new String[] {"x-amzn-RequestId", java.util.UUID.randomUUID().toString()});
        String reason = fault.status() == 500 ? "Internal Server Error" : "Bad Request";
        writeMessage(clientOut, new Head("HTTP/1.1 " + fault.status() + " " + reason, headers), fault.body());
    }

    private static int status(Head response) {
        String[] parts = response.line().split(" ", 3);
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 502;
    }

    /** The final answer's head, after any 1xx; null if the connection closed first. */
    private static Head readResponseHead(InputStream in) throws IOException {
        Head response;
        do {
            response = readHead(in);
        } while (response != null && status(response) / 100 == 1);
        return response;
    }

    private static Head readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
        String first = null;
        List<String[]> headers = new java.util.ArrayList<>();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (first == null) {
                    if (text.isEmpty()) {
                        continue; // a stray empty line between messages
                    }
                    first = text;
                } else if (text.isEmpty()) {
                    return new Head(first, headers);
                } else {
                    int colon = text.indexOf(':');
                    headers.add(new String[] {text.substring(0, colon).trim(), text.substring(colon + 1).trim()});
                }
            } else {
                line.write(b);
            }
        }
    }

    /** The body by Content-Length or chunked; a response with neither runs to the end of the connection. */
    private static byte[] readBody(InputStream in, Head head, boolean request) throws IOException {
        String encoding = head.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers: dropped
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String length = head.header("Content-Length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        return request ? new byte[0] : in.readAllBytes();
    }

    private static String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(16);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void writeMessage(OutputStream out, Head head, byte[] body) throws IOException {
        StringBuilder text = new StringBuilder(head.line()).append("\r\n");
        for (String[] h : head.headers()) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("expect")) {
                text.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        text.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void tally(String operation, String label, Head head, byte[] request, byte[] response, int status) {
        String name = label;
        if (service.equals("sqs") && operation.equals("ReceiveMessage") && status == 200 && emptyReceive(response)) {
            name = "ReceiveMessage (empty)";
        }
        Counter c = counters.computeIfAbsent(name, k -> new Counter());
        c.calls.increment();
        c.requestBytes.add(request.length);
        c.responseBytes.add(response.length);
        if (status >= 300) {
            c.errors.increment();
        }
        if (service.equals("sqs")) {
            int payload = Math.max(request.length, response.length);
            c.billed.add(Math.max(1, (payload + SQS_CHUNK - 1) / SQS_CHUNK));
        } else {
            c.billed.increment();
        }
        if (service.equals("dynamodb")) {
            CapacityMeter.Units units = units(operation, head, request, response, status);
            c.read.add(units.read());
            c.write.add(units.write());
        }
    }

    private CapacityMeter.Units units(String operation, Head head, byte[] request, byte[] response, int status) {
        try {
            return capacity.measure(operation, json.readTree(request), json.readTree(response), status,
                    (direct, body) -> callEmulator(head, direct, body));
        } catch (IOException | RuntimeException e) {
            return CapacityMeter.Units.NONE; // not JSON, or not a call the meter knows
        }
    }

    /**
     * A DynamoDB call of the proxy's own, straight to the emulator and so not counted, made as the client
     * whose request prompted it (same headers, so the same credentials and region).
     */
    private JsonNode callEmulator(Head client, String operation, JsonNode body) throws IOException {
        List<String[]> headers = new java.util.ArrayList<>();
        for (String[] h : client.headers()) {
            if (!NOT_COPIED.contains(h[0].toLowerCase(Locale.ROOT))) {
                headers.add(h);
            }
        }
        String clientTarget = client.header("X-Amz-Target");
        headers.add(new String[] {"X-Amz-Target", clientTarget.substring(0, clientTarget.lastIndexOf('.') + 1) + operation});
        headers.add(new String[] {"Connection", "close"});
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            InputStream in = new BufferedInputStream(upstream.getInputStream());
            writeMessage(new BufferedOutputStream(upstream.getOutputStream()), new Head(client.line(), headers), json.writeValueAsBytes(body));
            Head response = readResponseHead(in);
            if (response == null || status(response) != 200) {
                throw new IOException(operation + " answered " + (response == null ? "nothing" : response.line()));
            }
            return json.readTree(readBody(in, response, false));
        }
    }

    /**
     * A transaction named by what it writes, so the table's different transactions are told apart:
     * {@code TransactWriteItems[case+guard+message+event]}. Items are named by their keys (see TableLayout).
     */
    private String transactionLabel(byte[] body) {
        try {
            List<String> parts = new java.util.ArrayList<>();
            for (JsonNode item : json.readTree(body).path("TransactItems")) {
                var field = item.properties().iterator().next();
                JsonNode action = field.getValue();
                JsonNode key = action.has("Item") ? action.path("Item") : action.path("Key");
                String kind = itemKind(key.path("PK").path("S").asText(), key.path("SK").path("S").asText());
                parts.add(field.getKey().equals("Put") ? kind : field.getKey().toLowerCase(Locale.ROOT) + " " + kind);
            }
            return "TransactWriteItems[" + String.join("+", parts) + "]";
        } catch (IOException | RuntimeException e) {
            return "TransactWriteItems";
        }
    }

    private static String itemKind(String pk, String sk) {
        if (pk.contains("MSGKEY#")) {
            return "guard";
        }
        if (pk.contains("REPLY#")) {
            return "reply";
        }
        if (pk.contains("PENDING#")) {
            return "pending";
        }
        if (sk.equals("#CASE")) {
            return "case";
        }
        if (sk.startsWith("MSG#")) {
            return "message";
        }
        if (sk.startsWith("EVENT#")) {
            return "event";
        }
        return "item";
    }

    private static boolean emptyReceive(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return !(text.contains("\"Messages\":[{") || text.contains("\"Messages\" : [ {") || text.contains("<Message>"));
    }

    private static String operation(Head request, byte[] body) {
        String target = request.header("X-Amz-Target");
        if (target != null && !target.isBlank()) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8);
        String uri = request.line().split(" ")[1];
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        for (String source : new String[] {form, query}) {
            for (String pair : source.split("&")) {
                if (pair.startsWith("Action=")) {
                    return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        return "unknown";
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        executor.shutdownNow();
    }
}
