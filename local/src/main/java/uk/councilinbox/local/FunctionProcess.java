package uk.councilinbox.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Lambda function in its own JVM, as Lambda's managed Java runtime runs it: AWS's Runtime Interface
 * Client loads the unpacked {@code function.zip} from LAMBDA_TASK_ROOT and calls Quarkus's stream
 * handler, which dispatches to the bean named by QUARKUS_LAMBDA_HANDLER; a {@link LambdaRuntimeApi}
 * serves it events. Its log goes to
 * {@code target/local-logs/<function>.log}.
 */
public final class FunctionProcess implements AutoCloseable {

    /** The workers' handler in template.yaml; QUARKUS_LAMBDA_HANDLER picks our bean. */
    public static final String LAMBDA_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** The HTTP function's handler in template.yaml: screens the event, then hands it to Quarkus. */
    public static final String HTTP_LAMBDA_HANDLER = "uk.councilinbox.http.HttpEntry::handleRequest";

    /** What template.yaml names as this function's Lambda handler. */
    public static String lambdaHandler(String function) {
        return function.equals(Project.HTTP_FUNCTION) ? HTTP_LAMBDA_HANDLER : LAMBDA_HANDLER;
    }
    private static final Path RUNTIME_CLIENT = Project.root().resolve("local").resolve("target").resolve("lambda-runtime");
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final String handler;
    private final LambdaRuntimeApi runtime;
    private final ProcessBuilder builder;
    private volatile Process process;

    public FunctionProcess(FunctionPackage app, String handler, Map<String, String> config, Path logDir) throws IOException {
        this(app, handler, config, logDir, null);
    }

    /** @param size a Lambda memory size to run at (its CPU share and heap), or null for the local defaults */
    public FunctionProcess(FunctionPackage app, String handler, Map<String, String> config, Path logDir, LambdaSize size) throws IOException {
        this.handler = handler;
        this.runtime = new LambdaRuntimeApi(handler);
        Files.createDirectories(logDir);
        // Flags close to Lambda's Java runtime defaults (serial GC, C1-only tiered compilation).
        // Through the lifeline, so the function's JVM goes with this one however this one ends (SIGKILL included).
        List<String> command = new ArrayList<>(List.of(PythonScripts.python(), PythonScripts.script("lifeline.py").toString(),
                javaBinary(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", size == null ? "-Xmx256m" : size.heapFlag(),
                "-D" + JNI_PROPERTY + "=" + runtimeClientJni(),
                "-XX:ErrorFile=" + logDir.toAbsolutePath().resolve(handler + "-hs_err_%p.log")));
        command.addAll(app.jvmFlags());
        command.addAll(List.of("-cp", RUNTIME_CLIENT.toAbsolutePath().resolve("*").toString(), RUNTIME_CLIENT_MAIN,
                lambdaHandler(handler)));
        // The runtime client loads the function from its working directory, as /var/task in Lambda.
        builder = new ProcessBuilder(size == null ? command : size.wrap(command))
                .directory(app.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(handler + ".log").toFile()));
        Map<String, String> env = builder.environment();
        config.forEach((key, value) -> env.put(toEnvName(key), value));
        env.put("LAMBDA_TASK_ROOT", app.dir().toAbsolutePath().toString());
        env.put("_HANDLER", lambdaHandler(handler));
        if (!handler.equals(Project.HTTP_FUNCTION)) {
            // As in template.yaml: the workers pick their bean by name; the HTTP function has one handler.
            env.put("QUARKUS_LAMBDA_HANDLER", handler);
        }
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "council-inbox-" + handler);
        if (size != null) {
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(size.memoryMb()));
        }
        env.put("AWS_REGION", Emulators.REGION);
        process = builder.start();
    }

    public LambdaRuntimeApi runtime() {
        return runtime;
    }

    public String handler() {
        return handler;
    }

    /** Waits for the function's first poll; fails at once if its JVM exits (see its log) instead. */
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                runtime.awaitReady(Duration.ofMillis(200));
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(handler + " exited with " + process.exitValue()
                            + " before it was ready: see target/local-logs/" + handler + ".log");
                }
                if (System.nanoTime() > deadline) {
                    throw new java.util.concurrent.TimeoutException(handler + " not ready within " + timeout
                            + ": see target/local-logs/" + handler + ".log");
                }
            }
        }
    }

    /**
     * Kills the function mid-work (SIGKILL), as a crashed Lambda execution environment would be: the
     * invocation it was running fails at once (Lambda's Runtime.ExitError), so an SQS batch it held comes
     * back after the visibility timeout.
     */
    public void kill() {
        Process dying = process;
        dying.destroyForcibly();
        try {
            dying.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtime.abortRunning("function " + handler + " was killed");
    }

    /**
     * Starts a fresh JVM for the function on the same Runtime API (killing the old one first if it still
     * runs), as Lambda starts a new execution environment after a crash; callers keep invoking as before
     * and their events wait until it polls. Returns once it has asked for its first event.
     */
    public void restart(Duration timeout) throws Exception {
        if (process.isAlive()) {
            kill();
        }
        long pollsBefore = runtime.polls();
        process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runtime.polls() == pollsBefore) {
            if (!process.isAlive()) {
                throw new IllegalStateException(handler + " exited with " + process.exitValue()
                        + " on restart: see target/local-logs/" + handler + ".log");
            }
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException(handler + " not ready within " + timeout + " after restart");
            }
            Thread.sleep(20);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The function JVM's peak resident memory so far (Linux's {@code VmHWM}), in MB: what Lambda reports as "Max Memory
     * Used". Empty where {@code /proc} is not there.
     */
    public java.util.OptionalLong peakResidentMb() {
        // The JVM is the lifeline's child: the largest of the process and its descendants is the JVM's.
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .mapToLong(FunctionProcess::peakResidentKb).filter(kb -> kb > 0).map(kb -> kb / 1024).max();
    }

    /** CPU time the function's JVM (and the lifeline) have used so far, as the OS counts it. */
    public java.time.Duration cpuTime() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(java.time.Duration.ZERO)).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    private static long peakResidentKb(ProcessHandle handle) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(handle.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has gone
        }
        return 0;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        runtime.close();
    }

    /** MicroProfile Config's environment-variable form: {@code quarkus.sqs.aws.region} -> {@code QUARKUS_SQS_AWS_REGION}. */
    static String toEnvName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The runtime client's JNI library, unpacked once. Left to itself the client copies it to a fixed
     * /tmp path at every start, and functions starting together then crash loading a half-written copy.
     */
    private static synchronized Path runtimeClientJni() throws IOException {
        Path target = RUNTIME_CLIENT.toAbsolutePath().resolve("libaws-lambda-jni.so");
        if (!Files.exists(target)) {
            String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
            try (var jars = Files.newDirectoryStream(RUNTIME_CLIENT, "aws-lambda-java-runtime-interface-client-*.jar");
                    var zip = new java.util.zip.ZipFile(jars.iterator().next().toFile())) {
                var entry = zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                Path partial = Files.createTempFile(RUNTIME_CLIENT, "jni", ".part");
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
