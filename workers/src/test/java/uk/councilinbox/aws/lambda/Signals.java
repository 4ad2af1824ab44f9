package uk.councilinbox.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.StreamSupport;
import org.jboss.logmanager.ExtLogRecord;
import io.quarkus.logging.json.runtime.JsonFormatter;

/**
 * What the queue functions tell operators, captured while they run: the embedded-metric-format lines they print on
 * stdout (as CloudWatch would read them from the function's log) and their log lines in the deployed JSON format.
 */
public final class Signals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> emf = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();

    private Signals() {}

    /** Runs {@code action}, keeping every EMF document printed and every log line, formatted as deployed. */
    public static Signals during(Callable<?> action) throws Exception {
        Signals signals = new Signals();
        JsonFormatter formatter = new JsonFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // Formatted on the logging thread, as the console handler does, so the record's MDC is the one in force.
                synchronized (signals.logs) {
                    signals.logs.add(formatter.format(ExtLogRecord.wrap(record)));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        root.addHandler(handler);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setOut(out);
            root.removeHandler(handler);
        }
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                signals.emf.add(JSON.readTree(line));
            }
        }
        return signals;
    }

    public List<JsonNode> emf() {
        return emf;
    }

    public List<String> logs() {
        return logs;
    }

    /** The counts written for one function and channel, checking the document's namespace and dimensions on the way. */
    public Map<String, Integer> counts(String function, String channel) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (JsonNode doc : emf) {
            if (!function.equals(doc.path(BatchMetrics.FUNCTION).asText()) || !channel.equals(doc.path(BatchMetrics.CHANNEL).asText())) {
                continue;
            }
            JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals(BatchMetrics.NAMESPACE, directive.path("Namespace").asText(), doc.toString());
            List<List<String>> dimensions = StreamSupport.stream(directive.path("Dimensions").spliterator(), false)
                    .map(set -> StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).sorted().toList()).toList();
            assertEquals(List.of(List.of(BatchMetrics.CHANNEL, BatchMetrics.FUNCTION), List.of(BatchMetrics.FUNCTION)), dimensions,
                    "per function and channel, and per function: " + doc);
            assertTrue(doc.path("_aws").path("Timestamp").isNumber(), doc.toString());
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                assertEquals("Count", metric.path("Unit").asText(), doc.toString());
                counts.merge(name, doc.path(name).asInt(), Integer::sum);
            }
        }
        return counts;
    }

    /** The JSON log lines of the record known by {@code key} (its correlation id is worked out from the key). */
    public List<JsonNode> logsOf(String key) throws Exception {
        String correlationId = BatchMetrics.correlationId(key);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs) {
            JsonNode node = JSON.readTree(line);
            if (correlationId.equals(node.path("mdc").path(BatchMetrics.CORRELATION_ID).asText())) {
                lines.add(node);
            }
        }
        return lines;
    }
}
