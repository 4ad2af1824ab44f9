package uk.councilinbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.local.Defaults;
import uk.councilinbox.local.DevTokens;
import uk.councilinbox.local.Emulators;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.FunctionPackage;
import uk.councilinbox.local.FunctionProcess;
import uk.councilinbox.local.LambdaInvoker;
import uk.councilinbox.local.Project;
import uk.councilinbox.local.Provisioning;

/**
 * Start-up of each function in JVM mode, as Lambda's Java runtime runs it, with priming on and off:
 * process start to ready for events (the INIT phase), the first real event's duration, and which
 * initialisation classes (AWS client builders and HTTP client, the classifier, REST clients, JWT keys)
 * were loaded while that first event ran, read from the JVM's class-loading log. With priming, that list
 * must be empty: the first event does no client or model initialisation.
 *
 * <p>Usage: {@code bin/startup}, or {@code bin/startup --sizes 512,1024,1536} for each function at those Lambda memory sizes
 * ({@link #sizes}).
 */
public final class StartupBench {

    /** Class-name prefixes that mean "a client or model is being initialised". */
    static final List<String> INITIALISATION = List.of(
            "software.amazon.awssdk.core.client.builder.",
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient",
            "software.amazon.awssdk.services.sqs.DefaultSqsClient",
            "software.amazon.awssdk.auth.credentials.",
            "opennlp.tools.ml.model.",
            "opennlp.tools.ml.maxent.io.",
            "io.quarkus.rest.client.reactive.QuarkusRestClientBuilder",
            "org.jose4j.jwk.",
            "com.fasterxml.jackson.databind.deser.BeanDeserializerFactory");

    public record Result(String function, boolean primed, long initMillis, long firstEventMillis, int classesLoadedByFirstEvent,
            List<String> initialisationDuringFirstEvent) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--sizes")) {
            System.exit(sizes(java.util.Arrays.stream(args[1].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()));
        }
        try (Emulators emulators = Emulators.forThisRun(); FakePlatform platform = new FakePlatform()) {
            List<Result> results = new ArrayList<>();
            for (String function : List.of("webhooks", "http", "triage", "sender")) {
                for (boolean primed : List.of(true, false)) {
                    Result r = measure(emulators, platform, function, primed);
                    results.add(r);
                    System.out.printf("%-7s priming %-3s  init %5d ms  first event %5d ms  classes loaded by it %5d  initialisation in it: %s%n",
                            r.function(), r.primed() ? "on" : "off", r.initMillis(), r.firstEventMillis(), r.classesLoadedByFirstEvent(),
                            r.initialisationDuringFirstEvent().isEmpty() ? "none" : r.initialisationDuringFirstEvent().size() + " classes, e.g. "
                                    + r.initialisationDuringFirstEvent().subList(0, Math.min(3, r.initialisationDuringFirstEvent().size())));
                }
            }
            System.exit(results.stream().anyMatch(r -> r.primed() && !r.initialisationDuringFirstEvent().isEmpty()) ? 1 : 0);
        } catch (Exception e) {
            System.err.println("startup bench failed: " + e);
            System.exit(1);
        }
    }

    /** One function at one memory size: cold start, first event, then warm events one at a time. */
    public record Sized(String function, int memoryMb, boolean cpuLimited, long initMillis, long firstEventMillis, Stats warm,
            long peakRssMb) {
        /** Lambda's price of one warm event at this size (arm64), in millionths of a dollar. */
        double microDollarsPerEvent() {
            return warm.p50Ms() / 1e3 * memoryMb / 1024.0 * Costs.LAMBDA_ARM_PER_GB_SECOND * 1e6;
        }
    }

    static final int WARM_EVENTS = 40;

    /**
     * {@code bin/startup --sizes 512,1024,...}: each function at each memory size, its CPU share emulated
     * ({@link uk.councilinbox.local.LambdaSize}), with priming on as deployed: what template.yaml's MemorySize follows.
     */
    static int sizes(int[] sizes) throws Exception {
        try (Emulators emulators = Emulators.forThisRun(); FakePlatform platform = new FakePlatform()) {
            System.out.printf("%-9s %7s %6s %9s %12s %11s %11s %9s %14s%n", "function", "memory", "vCPU", "init ms", "first event",
                    "warm p50", "warm p99", "peak RSS", "$ per M warm");
            boolean limited = true;
            for (String function : List.of("webhooks", "http", "triage", "sender")) {
                for (int memory : sizes) {
                    Sized r = measureSized(emulators, platform, function, memory);
                    limited &= r.cpuLimited();
                    System.out.printf("%-9s %4d MB %6.2f %9d %9d ms %8.1f ms %8.1f ms %6d MB %14.2f%n", r.function(), r.memoryMb(),
                            memory / (double) uk.councilinbox.local.LambdaSize.MB_PER_VCPU, r.initMillis(), r.firstEventMillis(),
                            r.warm().p50Ms(), r.warm().p99Ms(), r.peakRssMb(), r.microDollarsPerEvent());
                }
            }
            if (!limited) {
                System.out.println("NOTE: no writable cgroup cpu controller here: the CPU was not limited, only the heap; the times are not the sizes'");
            }
            System.out.println("(a whole JVM start per cold start: SnapStart restores a snapshot instead; the warm figures are one event at a time"
                    + " against the local emulators, the CPU share as Lambda gives it: one vCPU at 1,769 MB)");
            return 0;
        }
    }

    static Sized measureSized(Emulators emulators, FakePlatform platform, String function, int memoryMb) throws Exception {
        Provisioning.Resources resources = Provisioning.provision(emulators, 30);
        Path logDir = Project.target("startup");
        Map<String, String> config = functionConfig(emulators, platform, resources);
        FunctionPackage app = unpacked(function);
        try (uk.councilinbox.local.LambdaSize size = uk.councilinbox.local.LambdaSize.of(memoryMb)) {
            long started = System.nanoTime();
            try (FunctionProcess process = new FunctionProcess(app, function, config, logDir, size)) {
                process.awaitReady(Duration.ofSeconds(120));
                long init = (System.nanoTime() - started) / 1_000_000;
                long sent = System.nanoTime();
                invoke(process, firstEvent(function, resources), function);
                long firstEvent = (System.nanoTime() - sent) / 1_000_000;
                long mark = process.runtime().handlerDurations().count();
                for (int i = 0; i < WARM_EVENTS; i++) {
                    invoke(process, firstEvent(function, resources), function);
                }
                Stats warm = Stats.of(process.runtime().handlerDurations().since(mark));
                return new Sized(function, memoryMb, size.cpuLimited(), init, firstEvent, warm, process.peakResidentMb().orElse(0));
            }
        }
    }

    /** A function's settings against this run's emulators and fake platform, with the development sign-in keys. */
    private static Map<String, String> functionConfig(Emulators emulators, FakePlatform platform, Provisioning.Resources resources) {
        Map<String, String> config = new HashMap<>(Provisioning.appConfig(emulators, resources));
        config.putAll(platform.senderConfig());
        config.putAll(DevTokens.config());
        return config;
    }

    private static FunctionPackage unpacked(String function) throws java.io.IOException {
        Path zip = Project.functionZip(Project.moduleOf(function));
        return FunctionPackage.unpack(zip, zip.resolveSibling("function"));
    }

    private static void invoke(FunctionProcess process, String event, String function) throws Exception {
        LambdaInvoker.Result result = process.runtime().invoke(event, Duration.ofSeconds(60)).get();
        if (result.error()) {
            throw new IllegalStateException(function + " failed an event: " + result.body());
        }
    }

    public static Result measure(Emulators emulators, FakePlatform platform, String function, boolean primed) throws Exception {
        Provisioning.Resources resources = Provisioning.provision(emulators, 30);
        Path logDir = Project.target("startup");
        Files.createDirectories(logDir);
        Path classLog = logDir.resolve(function + (primed ? "-primed" : "-unprimed") + "-classes.log").toAbsolutePath();
        Files.deleteIfExists(classLog);
        Map<String, String> config = functionConfig(emulators, platform, resources);
        config.put("inbox.priming", Boolean.toString(primed));
        config.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        FunctionPackage app = unpacked(function);

        long started = System.nanoTime();
        try (FunctionProcess process = new FunctionProcess(app, function, config, logDir)) {
            process.awaitReady(Duration.ofSeconds(60));
            long init = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(300);
            int before = lines(classLog).size();
            long sent = System.nanoTime();
            LambdaInvoker.Result result = process.runtime().invoke(firstEvent(function, resources), Duration.ofSeconds(30)).get();
            long firstEvent = (System.nanoTime() - sent) / 1_000_000;
            if (result.error()) {
                throw new IllegalStateException(function + " failed its first event: " + result.body());
            }
            Thread.sleep(300);
            List<String> loaded = lines(classLog).stream().skip(before).map(StartupBench::className).filter(c -> !c.isEmpty()).toList();
            // Lambda forms spun for an operation's first call ($$Lambda) are not initialisation; builders and the like are.
            List<String> initialisation = loaded.stream().filter(c -> !c.contains("$$Lambda"))
                    .filter(c -> INITIALISATION.stream().anyMatch(c::startsWith)).toList();
            return new Result(function, primed, init, firstEvent, loaded.size(), initialisation);
        }
    }

    /** A realistic first event: a signed Messenger delivery, an agent's case list, a resident's message to triage, a reply to send. */
    static String firstEvent(String function, Provisioning.Resources resources) throws Exception {
        String resident = "startup-" + UUID.randomUUID();
        return switch (function) {
            case "http" -> {
                ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("rawPath", "/api/cases").put("rawQueryString", "status=received")
                        .put("isBase64Encoded", false);
                event.putObject("headers").put("authorization", uk.councilinbox.local.DevTokens.bearer("startup", "agent"));
                event.putObject("queryStringParameters").put("status", "received");
                event.putObject("requestContext").putObject("http").put("method", "GET").put("path", "/api/cases");
                yield event.toString();
            }
            case "webhooks" -> {
                String body = new String(uk.councilinbox.local.WebhookClient.freshFixture("messenger-text.json"), StandardCharsets.UTF_8);
                String signature = HmacSha256.signature(Defaults.META_APP_SECRET, body.getBytes(StandardCharsets.UTF_8), HmacSha256.Encoding.HEX);
                ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("rawPath", "/webhooks/meta").put("body", body)
                        .put("isBase64Encoded", false);
                event.putObject("headers").put("x-hub-signature-256", signature).put("content-type", "application/json");
                event.putObject("requestContext").putObject("http").put("method", "POST").put("path", "/webhooks/meta");
                yield event.toString();
            }
            case "triage" -> sqsEvent(resources.inboundQueueUrl(), JSON.createObjectNode().put("channel", "MESSENGER")
                    .put("platformMessageId", "m_" + UUID.randomUUID()).put("residentId", resident).put("visibility", "PRIVATE")
                    .put("text", "Huge pothole on Stone Road, Stone ST15 8AA").put("sentAt", Instant.now().toString())
                    .putNull("location").putNull("replyTarget").set("attachments", JSON.createArrayNode()).toString());
            default -> sqsEvent(resources.outboundQueueUrl(), JSON.createObjectNode().put("replyId", "ack:" + UUID.randomUUID())
                    .put("kind", "ACKNOWLEDGEMENT").put("reference", "K7PD-M4QX").put("channel", "MESSENGER").put("residentId", resident)
                    .put("visibility", "PRIVATE").putNull("replyTarget").put("text", "Thank you. Your reference is K7PD-M4QX.")
                    .put("lastResidentMessageAt", Instant.now().toString()).put("queuedAt", Instant.now().toString()).toString());
        };
    }

    private static String sqsEvent(String queueUrl, String body) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "startup").put("body", body)
                .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:eu-west-2:000000000000:"
                        + queueUrl.substring(queueUrl.lastIndexOf('/') + 1)).put("awsRegion", Emulators.REGION);
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        record.putObject("messageAttributes");
        return event.toString();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** "[0.123s][info][class,load] java.lang.Foo source: jrt:/java.base" -> "java.lang.Foo". */
    private static String className(String line) {
        int start = line.indexOf("] ", line.indexOf("[class,load]"));
        if (start < 0) {
            return "";
        }
        String rest = line.substring(start + 2);
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
