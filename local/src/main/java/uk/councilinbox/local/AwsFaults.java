package uk.councilinbox.local;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faults of AWS itself, injected by a {@link CountingProxy} before a call reaches the emulator: each call
 * meets at most one, drawn at the rates set (all 0 until set). Throttles and server errors are answered
 * instead of forwarding, so nothing was done, in the service's own wire shape, which the SDK classifies as
 * it would AWS's: DynamoDB's HTTP 400 {@code ProvisionedThroughputExceededException} and
 * {@code ThrottlingException} (throttling, retried with the throttling backoff) and HTTP 500
 * {@code InternalServerError}; SQS's HTTP 500 {@code InternalError} (both retried by status). A slow call is
 * forwarded after a pause of 1 to 3 s.
 */
public final class AwsFaults {

    /** One kind of fault, with the status and error code it answers with (none for {@link #SLOW}). */
    public enum Kind {
        PROVISIONED_THROUGHPUT_EXCEEDED(400, "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded."),
        THROTTLING(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
        SERVER_ERROR(500, "InternalServerError", "Internal server error"),
        SLOW(0, "", "");

        final int status;
        final String code;
        final String message;

        Kind(int status, String code, String message) {
            this.status = status;
            this.code = code;
            this.message = message;
        }
    }

    /** What to do with one call: answer {@code status} with {@code body} instead of forwarding, or forward after {@code delayMillis}. */
    public record Fault(Kind kind, int status, String contentType, byte[] body, long delayMillis) {
        public boolean answered() {
            return status > 0;
        }
    }

    private final String service;
    private final Map<Kind, Double> rates = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> injected = new EnumMap<>(Kind.class);

    /** @param service {@code dynamodb} or {@code sqs}, which decides the error shapes */
    public AwsFaults(String service) {
        this.service = service;
        for (Kind kind : Kind.values()) {
            rates.put(kind, 0.0);
            injected.put(kind, new LongAdder());
        }
    }

    /** Each call meets this kind with probability {@code rate} (0 to 1; the kinds' rates together at most 1). */
    public synchronized AwsFaults set(Kind kind, double rate) {
        if (!appliesToService(kind)) {
            throw new IllegalArgumentException(kind + " is a DynamoDB error");
        }
        rates.put(kind, rate);
        return this;
    }

    public synchronized void clear() {
        rates.replaceAll((kind, rate) -> 0.0);
    }

    /** How many calls met each kind this service has so far. */
    public Map<Kind, Long> injected() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        injected.forEach((kind, count) -> {
            if (appliesToService(kind)) {
                counts.put(kind, count.sum());
            }
        });
        return counts;
    }

    private boolean appliesToService(Kind kind) {
        return service.equals("dynamodb") || (kind != Kind.PROVISIONED_THROUGHPUT_EXCEEDED && kind != Kind.THROTTLING);
    }

    /** The fault this call meets, if any; {@code query} whether the client speaks SQS's query protocol (XML errors). */
    Optional<Fault> draw(boolean query) {
        double roll = ThreadLocalRandom.current().nextDouble();
        double upTo = 0;
        synchronized (this) {
            for (Kind kind : Kind.values()) {
                upTo += rates.get(kind);
                if (roll < upTo) {
                    injected.get(kind).increment();
                    return Optional.of(fault(kind, query));
                }
            }
        }
        return Optional.empty();
    }

    private Fault fault(Kind kind, boolean query) {
        if (kind == Kind.SLOW) {
            return new Fault(kind, 0, "", new byte[0], 1000 + ThreadLocalRandom.current().nextLong(2000));
        }
        if (query) {
            String xml = "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>" + kind.message
                    + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
            return new Fault(kind, kind.status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), 0);
        }
        // AWS JSON protocol: the error code after the '#' of __type, as DynamoDB's developer guide shows the wire form.
        String type = service.equals("dynamodb") ? "com.amazonaws.dynamodb.v20120810#" + kind.code : "com.amazonaws.sqs#InternalError";
        String json = "{\"__type\":\"" + type + "\",\"message\":\"" + kind.message + "\"}";
        return new Fault(kind, kind.status, "application/x-amz-json-1.0", json.getBytes(StandardCharsets.UTF_8), 0);
    }
}
