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

    /** Local settings: shorter visibility timeouts than AWS so retries are seen in seconds. */
    public record Options(int port, Path functionZip, Path logDir, int visibilityTimeoutSeconds, Map<String, String> extraConfig) {
        public static Options defaults(int port) {
            return new Options(port, Path.of("target", "function.zip"), Path.of("target", "local-logs"), 5, Map.of());
        }
    }

    public static final List<String> FUNCTIONS = List.of("http", "triage", "sender");

    private final Emulators emulators;
    private final Provisioning.Resources resources;
    private final FakePlatform platform;
    private final Map<String, FunctionProcess> functions = new LinkedHashMap<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final SqsClient sqs;
    private final HttpGateway gateway;
    private final Map<String, String> config;

    public LocalSystem(Options options) throws Exception {
        emulators = Emulators.forThisRun();
        resources = Provisioning.provision(emulators, options.visibilityTimeoutSeconds());
        platform = new FakePlatform();
        config = new LinkedHashMap<>(Provisioning.appConfig(emulators, resources));
        config.put("inbox.meta.graph-url", platform.metaGraphUrl());
        config.putAll(secretsFromEnvironment());
        config.putAll(options.extraConfig());
        try {
            FunctionPackage app = FunctionPackage.unpack(options.functionZip(), options.functionZip().resolveSibling("function"));
            for (String function : FUNCTIONS) {
                functions.put(function, new FunctionProcess(app, function, config, options.logDir()));
            }
            for (FunctionProcess function : functions.values()) {
                function.awaitReady(Duration.ofSeconds(60));
            }
            sqs = Provisioning.sqs(emulators.sqsEndpoint());
            Duration timeout = Duration.ofSeconds(options.visibilityTimeoutSeconds());
            eventSources.add(new SqsEventSource(sqs, resources.inboundQueueUrl(), functions.get("triage").runtime(), 10, timeout));
            eventSources.add(new SqsEventSource(sqs, resources.outboundQueueUrl(), functions.get("sender").runtime(), 10, timeout));
            gateway = new HttpGateway(options.port(), functions.get("http").runtime(), platform::outboxJson);
        } catch (Exception e) {
            close();
            throw e;
        }
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

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public Emulators emulators() {
        return emulators;
    }

    public Provisioning.Resources resources() {
        return resources;
    }

    public FakePlatform platform() {
        return platform;
    }

    public FunctionProcess function(String name) {
        return functions.get(name);
    }

    public String config(String key) {
        return config.get(key);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        eventSources.forEach(SqsEventSource::close);
        functions.values().forEach(FunctionProcess::close);
        platform.close();
        if (sqs != null) {
            sqs.close();
        }
    }
}
