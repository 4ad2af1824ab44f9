package uk.councilinbox.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Digests;

/**
 * What one SQS batch did, counted per channel and written when the batch ends as CloudWatch embedded metric format
 * (one JSON line on stdout per channel, through Powertools' programmatic API: no AspectJ weaving). CloudWatch turns the
 * lines into metrics in {@link #NAMESPACE} (or {@link #NAMESPACE_VARIABLE}'s) with the dimensions {@code Function} and {@code Channel}, and {@code Function} alone; no IAM is needed
 * beyond writing logs. Each record also runs with its correlation id (from the message key, or the reply id) in the log MDC.
 * A function handles one batch at a time, so one instance per function is enough; the batch's records may be handled
 * on several threads at once (one per resident), so the counts are synchronised and the current channel is per thread.
 */
public final class BatchMetrics {

    /** The namespace where {@link #NAMESPACE_VARIABLE} is not set (tests, local runs); template.yaml sets one per stage. */
    public static final String NAMESPACE = "CouncilInbox";
    /** Powertools' own variable for it, read here because the metrics instance comes from its provider, not its factory. */
    public static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String FUNCTION = "Function";
    public static final String CHANNEL = "Channel";
    /** The MDC key every log line of a record carries (JSON logs: {@code mdc.correlationId}). */
    public static final String CORRELATION_ID = "correlationId";
    /** Any record the function reported as failed: SQS redelivers it, and after maxReceiveCount dead-letters it. */
    public static final String RECORDS_FAILED = "RecordsFailed";
    /** The channel of a record that failed before its channel was known (an unreadable body). */
    static final String UNKNOWN_CHANNEL = "unknown";

    static {
        // Lambda's environment writes to stdout; without the override, outside Lambda the EMF library would probe for EC2 or an agent.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    }

    private static final Logger LOG = Logger.getLogger(BatchMetrics.class);

    private final Metrics metrics;
    private final String function;
    private final Map<Channel, Map<String, Integer>> counts = new EnumMap<>(Channel.class);
    private final Map<String, Integer> unknownChannel = new LinkedHashMap<>();
    /** The channel of the record being handled on this thread: SqsBatch handles a batch's residents at once. */
    private final ThreadLocal<Channel> current = new ThreadLocal<>();
    private boolean inBatch;

    /** @param function the {@code Function} dimension: the handler's name (triage, sender, photos) */
    public BatchMetrics(String function) {
        // The provider's own instance, not MetricsFactory's request-scoped proxy: that keeps one logger per X-Ray trace id
        // until flush(), and flushMetrics (one line per channel) never removes it.
        this.metrics = new EmfMetricsProvider().getMetricsInstance();
        String namespace = System.getenv(NAMESPACE_VARIABLE);
        metrics.setNamespace(namespace == null || namespace.isBlank() ? NAMESPACE : namespace);
        this.function = function;
    }

    /** Each record through {@code handler}, as {@link SqsBatch#process}; failures are counted, and the counts written at the end. */
    public SQSBatchResponse process(SQSEvent event, SqsBatch.RecordHandler handler) {
        synchronized (this) {
            inBatch = true;
        }
        try {
            return SqsBatch.process(event, record -> {
                current.remove();
                try {
                    handler.handle(record);
                } catch (Exception e) {
                    count(RECORDS_FAILED);
                    throw e;
                } finally {
                    current.remove();
                }
            });
        } finally {
            flush();
        }
    }

    /**
     * The record being handled is on {@code channel} and known by {@code key} (the message key or reply id; never a resident's
     * id or words). Logs carry its correlation id, {@link #correlationId}: a platform's message id can encode the resident's
     * phone number (WhatsApp's does).
     */
    public void record(Channel channel, String key) {
        current.set(channel);
        MDC.put(CORRELATION_ID, correlationId(key));
    }

    /** The first 16 hex digits of the key's SHA-256, which an operator can work out from a message key to find its lines. */
    public static String correlationId(String key) {
        return Digests.forLog(key);
    }

    /** One more {@code metric} on the current record's channel. */
    public synchronized void count(String metric) {
        if (!inBatch) {
            return;
        }
        Channel channel = current.get();
        Map<String, Integer> tally = channel == null ? unknownChannel : counts.computeIfAbsent(channel, k -> new LinkedHashMap<>());
        tally.merge(metric, 1, Integer::sum);
    }

    /** One more {@code metric} on {@code channel}; nothing outside a batch (a store's decorator called by other code). */
    public synchronized void count(Channel channel, String metric) {
        if (!inBatch) {
            return;
        }
        counts.computeIfAbsent(channel, k -> new LinkedHashMap<>()).merge(metric, 1, Integer::sum);
    }

    private synchronized void flush() {
        inBatch = false;
        counts.forEach((channel, tally) -> write(channel.label(), tally));
        write(UNKNOWN_CHANNEL, unknownChannel);
        counts.clear();
        unknownChannel.clear();
    }

    private void write(String channel, Map<String, Integer> tally) {
        if (tally.isEmpty()) {
            return;
        }
        try {
            metrics.flushMetrics(m -> {
                // Two dimension sets: per function and channel, and per function over all channels (what the alarms watch).
                // Powertools' "default" dimensions become EMF's first set, and addDimension adds another.
                m.setDefaultDimensions(DimensionSet.of(FUNCTION, function, CHANNEL, channel));
                m.addDimension(DimensionSet.of(FUNCTION, function));
                tally.forEach((name, n) -> m.addMetric(name, n, MetricUnit.COUNT));
            });
        } catch (RuntimeException e) {
            // Never fail a batch that was handled over its metrics: SQS would deliver every record again.
            LOG.warnf("Could not write the %s metrics for %s (%s)", function, channel, e.getClass().getSimpleName());
        }
    }
}
