package uk.councilinbox.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) for one function, as Lambda serves it to a function's runtime:
 * the function polls {@code invocation/next}, then posts a response or an error. Our functions run as
 * separate JVMs from the deployable artifact, exactly as in Lambda, pointed here by AWS_LAMBDA_RUNTIME_API.
 */
public final class LambdaRuntimeApi implements LambdaInvoker, AutoCloseable {

    private record Invocation(String id, String event, long deadlineMs, CompletableFuture<Result> result) {}

    private static final String BASE = "/2018-06-01/runtime";

    private final String function;
    private final HttpServer server;
    private final java.util.concurrent.BlockingDeque<Invocation> pending = new java.util.concurrent.LinkedBlockingDeque<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder completed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder billedMillis = new java.util.concurrent.atomic.LongAdder();
    private final Samples handlerNanos = new Samples(1 << 16);
    private final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();
    private volatile String initError;

    public LambdaRuntimeApi(String function) throws IOException {
        this.function = function;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + function);
            t.setDaemon(true);
            return t;
        }));
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Blocks until the function has initialised and asked for its first event. */
    public void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        if (!firstPoll.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException(function + " did not start within " + timeout
                    + (initError == null ? "" : ": init error " + initError));
        }
    }

    @Override
    public CompletableFuture<Result> invoke(String eventJson, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
        pending.add(invocation);
        return invocation.result().orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        try (exchange) {
            if (path.equals("/invocation/next")) {
                next(exchange);
            } else if (path.equals("/init/error")) {
                initError = read(exchange);
                reply(exchange, 202, "{}");
            } else if (path.startsWith("/invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = running.remove(parts[2]);
                String body = read(exchange);
                Long started = startedNanos.remove(parts[2]);
                if (started != null) {
                    // Lambda bills from the handler's start to its answer, rounded up to the millisecond.
                    completed.increment();
                    long nanos = System.nanoTime() - started;
                    billedMillis.add((nanos + 999_999) / 1_000_000);
                    handlerNanos.add(nanos);
                }
                if (invocation != null) {
                    invocation.result().complete(new Result(!"response".equals(parts[3]), body));
                }
                reply(exchange, 202, "{}");
            } else {
                reply(exchange, 404, "{}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.countDown();
        polls.incrementAndGet();
        long asker = generation.get();
        Invocation invocation;
        try {
            // An invocation whose caller has already given up (its function was down past the timeout) is
            // never handed out, as Lambda never runs an invocation after its deadline.
            do {
                invocation = pending.take();
            } while (invocation.result().isDone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (generation.get() != asker) {
            // This poll came from a process that has since been killed: keep the event for its successor.
            pending.addFirst(invocation);
            return;
        }
        running.put(invocation.id(), invocation);
        startedNanos.put(invocation.id(), System.nanoTime());
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + Emulators.REGION + ":000000000000:function:" + function);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-local-" + invocation.id());
        reply(exchange, 200, invocation.event());
    }

    /** Invocations handed to the function and not yet answered. */
    public int inFlight() {
        return running.size();
    }

    /** How many times the function has asked for its next event (a restarted function asks again). */
    public long polls() {
        return polls.get();
    }

    /** Invocations answered (response or error) so far. */
    public long completedInvocations() {
        return completed.sum();
    }

    /** Their billed duration: each from hand-out to answer, rounded up to 1 ms, as Lambda bills it. */
    public long billedMillis() {
        return billedMillis.sum();
    }

    /** Each invocation's duration from hand-out to answer (what Lambda reports as Duration). */
    public Samples handlerDurations() {
        return handlerNanos;
    }

    /**
     * The function's process died: what Lambda does with the invocations it was running (an error,
     * Runtime.ExitError), so their callers see the failure at once rather than at their timeout.
     */
    public void abortRunning(String reason) {
        generation.incrementAndGet();
        for (String id : List.copyOf(running.keySet())) {
            Invocation invocation = running.remove(id);
            startedNanos.remove(id);
            if (invocation != null) {
                invocation.result().complete(new Result(true,
                        "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"" + reason + "\"}"));
            }
        }
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pending.forEach(i -> i.result().complete(new Result(true, "{\"errorMessage\":\"shut down\"}")));
    }
}
