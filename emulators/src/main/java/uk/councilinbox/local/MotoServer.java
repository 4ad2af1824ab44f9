package uk.councilinbox.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * moto's server (Apache-2.0) as a child process on a free loopback port: DynamoDB, S3 and the rest of
 * moto, started by {@code src/test/python/moto_launcher.py}. The launcher exits when its standard input
 * closes, so the process goes with the JVM that owns it however that JVM ends, SIGKILL included; a
 * shutdown hook also stops it at a normal exit. Its log is under {@code target/emulators/}.
 */
public final class MotoServer implements AutoCloseable {

    /** What to install where moto is missing: the version the shim and the behaviour tests are written for. */
    public static final String INSTALL = "pip install \"moto[server]==5.2.1\"";

    /** With the performance shim ({@code moto_fast_dynamodb.py}), or moto exactly as released. */
    public enum Flavour { FAST, PLAIN }

    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts one server and waits until it answers a DynamoDB call.
     *
     * @throws IllegalStateException with one line naming what to install where moto is missing
     */
    public static MotoServer start(Flavour flavour) {
        return start(flavour, Duration.ZERO);
    }

    /**
     * A server with the shim whose global secondary indexes lag the table by {@code indexLag}, as DynamoDB's
     * may: for tests of code that must not rely on an index being up to date.
     */
    public static MotoServer withIndexLag(Duration indexLag) {
        return start(Flavour.FAST, indexLag);
    }

    private static MotoServer start(Flavour flavour, Duration indexLag) {
        Path logDir = System.getProperty("emulators.log-dir") != null ? Path.of(System.getProperty("emulators.log-dir")) : Project.target("emulators");
        Path log = logDir.resolve("moto-" + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet()
                + (flavour == Flavour.PLAIN ? "-plain" : "") + ".log");
        List<String> command = new ArrayList<>(List.of(PythonScripts.python(), PythonScripts.script("moto_launcher.py").toString()));
        if (flavour == Flavour.PLAIN) {
            command.add("--plain");
        } else if (!indexLag.isZero()) {
            command.addAll(List.of("--index-lag", Double.toString(indexLag.toMillis() / 1000.0)));
        }
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0) + " for moto: install Python 3 and " + INSTALL);
        }
        // The launcher never reads what is written here: the open pipe is its lifeline.
        MotoServer server;
        try {
            int port = awaitPort(process, log);
            server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitHealthy();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-stop"));
        return server;
    }

    /** The one endpoint for every service moto serves (DynamoDB, S3, ...). */
    public URI endpoint() {
        return endpoint;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int awaitPort(Process process, Path log) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("moto did not start within " + READY_WITHIN.toSeconds() + " s (log: " + log + ")");
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("moto did not start (log: " + log + ")", e);
        }
        if (ready == null || !ready.startsWith("moto ready on port ")) {
            throw new IllegalStateException(lastLine(process, log));
        }
        return Integer.parseInt(ready.split(" ")[4]);
    }

    /** What the launcher said before it stopped: for a missing moto, the one line naming what to install. */
    private static String lastLine(Process process, Path log) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(log);
            String said = lines.isEmpty() ? "no output" : lines.getLast();
            return process.isAlive() ? "moto did not start: " + said : said;
        } catch (IOException e) {
            return "moto did not start (log: " + log + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "moto did not start (interrupted)";
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        try (DynamoDbClient dynamo = Provisioning.dynamo(endpoint)) {
            while (true) {
                try {
                    dynamo.listTables();
                    return;
                } catch (SdkException e) {
                    // not answering yet
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto is not answering DynamoDB calls (log: " + log + ")");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto");
        }
    }
}
