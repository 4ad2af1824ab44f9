package uk.councilinbox.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on one machine: emulators, the fake platform, every function as its own JVM from
 * the built artifact, the HTTP gateway and the SQS event sources. Used by {@code bin/run} and by the
 * pipeline integration tests, so both exercise exactly what is deployed.
 */
public final class LocalSystem implements AutoCloseable {

    /**
     * Local settings: shorter visibility timeouts than AWS so retries are seen in seconds.
     *
     * @param artifacts the project's top folder, where each module's target/function.zip is
     * @param countAwsCalls put a {@link CountingProxy} between everything and each emulator, so every
     *     AWS API call is counted ({@link #awsCalls()})
     * @param triageBatchSize, senderBatchSize the SQS event sources' batch sizes (10 and 3 unless set,
     *     as in template.yaml; TemplateTest checks they agree)
     */
    public record Options(int port, Path artifacts, Path logDir, int visibilityTimeoutSeconds, Map<String, String> extraConfig,
            boolean countAwsCalls, int triageBatchSize, int senderBatchSize) {
        public Options(int port, Path artifacts, Path logDir, int visibilityTimeoutSeconds, Map<String, String> extraConfig) {
            this(port, artifacts, logDir, visibilityTimeoutSeconds, extraConfig, false, TRIAGE_BATCH_SIZE, SENDER_BATCH_SIZE);
        }

        public static Options defaults(int port) {
            return new Options(port, Project.root(), Project.target("local-logs"), 5, Map.of());
        }

        public Options withVisibilityTimeout(int seconds) {
            return new Options(port, artifacts, logDir, seconds, extraConfig, countAwsCalls, triageBatchSize, senderBatchSize);
        }

        public Options withAwsCallCounting() {
            return new Options(port, artifacts, logDir, visibilityTimeoutSeconds, extraConfig, true, triageBatchSize, senderBatchSize);
        }

        public Options withBatchSizes(int triage, int sender) {
            return new Options(port, artifacts, logDir, visibilityTimeoutSeconds, extraConfig, countAwsCalls, triage, sender);
        }

        /** More configuration for the functions, over the local defaults (QUICK_RETRIES and the rest). */
        public Options withConfig(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(extraConfig);
            all.putAll(more);
            return new Options(port, artifacts, logDir, visibilityTimeoutSeconds, all, countAwsCalls, triageBatchSize, senderBatchSize);
        }
    }

    /** The counting proxies, one per emulator, when {@link Options#countAwsCalls()} asked for them. */
    public record AwsCalls(CountingProxy dynamodb, CountingProxy sqs) {
        public void reset() {
            dynamodb.reset();
            sqs.reset();
        }
    }

    /** The event source mappings' batch sizes in template.yaml. */
    public static final int TRIAGE_BATCH_SIZE = 10;
    public static final int SENDER_BATCH_SIZE = 3;
    public static final int PHOTOS_BATCH_SIZE = 2;
    public static final int WORKS_BATCH_SIZE = 5;
    /** What the EventBridge schedules do in AWS (every minute and every five there; far more often here, to be seen at once). */
    static final Duration WORKS_SWEEP_EVERY = Duration.ofSeconds(3);
    static final Duration WORKS_UPDATES_EVERY = Duration.ofSeconds(5);

    public static final List<String> FUNCTIONS = List.of(Project.WEBHOOK_FUNCTION, Project.HTTP_FUNCTION, "triage", "sender", "pending-replies",
            "photos", "works-sweep", "works-send", "works-updates");

    private final Emulators emulators;
    private final AwsCalls awsCalls;
    private final Provisioning.Resources resources;
    private final FakePlatform platform;
    private final FakeWorksSystem works;
    private final Map<String, FunctionProcess> functions = new LinkedHashMap<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final SqsClient sqs;
    private final HttpGateway gateway;
    private final Map<String, String> config;
    private final Path logDir;
    private final List<String> scheduled = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean schedulesPaused;
    private final java.util.concurrent.ScheduledExecutorService schedule =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("schedule").factory());

    public LocalSystem(Options options) throws Exception {
        emulators = Emulators.forThisRun();
        resources = Provisioning.provision(emulators, options.visibilityTimeoutSeconds());
        platform = new FakePlatform();
        works = new FakeWorksSystem();
        logDir = options.logDir();
        awsCalls = options.countAwsCalls()
                ? new AwsCalls(new CountingProxy("dynamodb", emulators.dynamoEndpoint()), new CountingProxy("sqs", emulators.sqsEndpoint()))
                : null;
        Emulators endpoints = awsCalls == null ? emulators : counted(emulators, awsCalls);
        config = new LinkedHashMap<>(Provisioning.appConfig(endpoints, resources));
        config.putAll(platform.senderConfig());
        config.putAll(works.worksConfig());
        // Listening before the functions start, so the works sender can link reports' photos under the API's address.
        gateway = new HttpGateway(options.port(), localApi());
        config.put("works.media-base-url", baseUrl() + "/");
        config.putAll(Defaults.QUICK_RETRIES);
        config.putAll(Defaults.UNPACED_X);
        config.putAll(DevTokens.config());
        config.putAll(FakeOidcProvider.config());
        config.putAll(secretsFromEnvironment());
        config.putAll(options.extraConfig());
        try {
            Map<String, FunctionPackage> packages = new LinkedHashMap<>();
            for (String function : FUNCTIONS) {
                String module = Project.moduleOf(function);
                Path zip = Project.functionZip(options.artifacts(), module);
                FunctionPackage app = packages.computeIfAbsent(module, m -> FunctionPackage.unpackUnchecked(zip, zip.resolveSibling("function")));
                functions.put(function, new FunctionProcess(app, function, config, options.logDir()));
            }
            for (FunctionProcess function : functions.values()) {
                function.awaitReady(Duration.ofSeconds(60));
            }
            sqs = Provisioning.sqs(endpoints.sqsEndpoint());
            Duration timeout = Duration.ofSeconds(options.visibilityTimeoutSeconds());
            eventSources.add(new SqsEventSource(sqs, resources.inboundQueueUrl(), functions.get("triage").runtime(),
                    options.triageBatchSize(), timeout));
            eventSources.add(new SqsEventSource(sqs, resources.outboundQueueUrl(), functions.get("sender").runtime(),
                    options.senderBatchSize(), timeout));
            eventSources.add(new SqsEventSource(sqs, resources.photosQueueUrl(), functions.get("photos").runtime(), PHOTOS_BATCH_SIZE,
                    timeout));
            eventSources.add(new SqsEventSource(sqs, resources.worksQueueUrl(), functions.get("works-send").runtime(), WORKS_BATCH_SIZE,
                    timeout));
            // As template.yaml routes them: /webhooks/{platform} to the webhook function, the rest to the HTTP function.
            gateway.route(Map.of("/webhooks/", functions.get(Project.WEBHOOK_FUNCTION).runtime(),
                    "/", functions.get(Project.HTTP_FUNCTION).runtime()));
            // What the EventBridge schedule does in AWS (every minute there; more often here).
            every(Duration.ofSeconds(20), "pending-replies", timeout);
            every(WORKS_SWEEP_EVERY, "works-sweep", timeout);
            every(WORKS_UPDATES_EVERY, "works-updates", Duration.ofSeconds(120));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void every(Duration period, String function, Duration timeout) {
        scheduled.add(function);
        schedule.scheduleWithFixedDelay(() -> {
            if (!schedulesPaused) {
                functions.get(function).runtime().invoke("{}", timeout);
            }
        }, period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the scheduled functions (pending replies, the works sweep and updates) from starting, once any running have
     * finished, until the returned handle is closed: their writes run on their own clock, and a measurement of what
     * requests write ({@code bench/Hostile}) must not count them.
     */
    public AutoCloseable schedulesPaused() throws InterruptedException {
        schedulesPaused = true;
        for (String function : scheduled) {
            while (functions.get(function).runtime().inFlight() > 0) {
                Thread.sleep(50);
            }
        }
        return () -> schedulesPaused = false;
    }

    /** The emulators as seen through the counting proxies: what the functions and event sources are given. */
    private static Emulators counted(Emulators emulators, AwsCalls calls) {
        return new Emulators() {
            @Override
            public java.net.URI dynamoEndpoint() {
                return calls.dynamodb().endpoint();
            }

            @Override
            public java.net.URI sqsEndpoint() {
                return calls.sqs().endpoint();
            }

            @Override
            public java.net.URI s3Endpoint() {
                return emulators.s3Endpoint();
            }

            @Override
            public void close() {
                emulators.close();
            }
        };
    }

    /**
     * {@code /_local/token} (development staff tokens), {@code /_local/oidc/} (the fake OpenID provider), {@code /_local/works/}
     * (the fake works system's requests, faults and status changes), and the fake platform's outbox and faults.
     */
    private com.sun.net.httpserver.HttpHandler localApi() {
        com.sun.net.httpserver.HttpHandler tokens = DevTokens.handler();
        com.sun.net.httpserver.HttpHandler oidc = new FakeOidcProvider();
        com.sun.net.httpserver.HttpHandler platformApi = platform.localApi();
        com.sun.net.httpserver.HttpHandler worksApi = works.localApi();
        return exchange -> {
            String path = exchange.getRequestURI().getPath();
            (path.equals("/_local/token") ? tokens : path.startsWith(FakeOidcProvider.PREFIX) ? oidc
                    : path.startsWith("/_local/works/") ? worksApi : platformApi).handle(exchange);
        };
    }

    /** Webhook secrets: the same environment variables as the functions read, with the same defaults. */
    private static Map<String, String> secretsFromEnvironment() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("inbox.meta.app-secret", env("META_APP_SECRET", Defaults.META_APP_SECRET));
        secrets.put("inbox.meta.verify-token", env("META_VERIFY_TOKEN", Defaults.META_VERIFY_TOKEN));
        secrets.put("inbox.x.consumer-secret", env("X_CONSUMER_SECRET", Defaults.X_CONSUMER_SECRET));
        return secrets;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** Where each function's log goes ({@code <function>.log}). */
    public Path logDir() {
        return logDir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public Emulators emulators() {
        return emulators;
    }

    public Provisioning.Resources resources() {
        return resources;
    }

    /** The AWS API calls counted so far, when the options asked for counting; otherwise empty. */
    public java.util.Optional<AwsCalls> awsCalls() {
        return java.util.Optional.ofNullable(awsCalls);
    }

    public FakePlatform platform() {
        return platform;
    }

    public FakeWorksSystem works() {
        return works;
    }

    public FunctionProcess function(String name) {
        return functions.get(name);
    }

    public String config(String key) {
        return config.get(key);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        eventSources.forEach(SqsEventSource::close);
        functions.values().forEach(FunctionProcess::close);
        platform.close();
        works.close();
        if (sqs != null) {
            sqs.close();
        }
        if (awsCalls != null) {
            awsCalls.dynamodb().close();
            awsCalls.sqs().close();
        }
    }
}
