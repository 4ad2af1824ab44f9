package uk.councilinbox.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) for one function, as Lambda serves it to a function's runtime:
 * the function polls {@code invocation/next}, then posts a response or an error. Our functions run as
 * separate JVMs from the deployable artifact, exactly as in Lambda, pointed here by AWS_LAMBDA_RUNTIME_API.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** A function's answer: its JSON output, or its error report. */
    public record Result(boolean error, String body) {}

    private record Invocation(String id, String event, long deadlineMs, CompletableFuture<Result> result) {}

    private static final String BASE = "/2018-06-01/runtime";

    private final String function;
    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
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
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        running.put(invocation.id(), invocation);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + Emulators.REGION + ":000000000000:function:" + function);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-local-" + invocation.id());
        reply(exchange, 200, invocation.event());
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
