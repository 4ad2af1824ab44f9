package uk.councilinbox.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import uk.councilinbox.local.CountingProxy;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.trends.PlatformCharge;

/**
 * An estimate of the AWS bill per million messages from what one run measured: the AWS API calls
 * counted at the emulators, the Lambda invocations and their billed milliseconds, and one API Gateway
 * request per webhook. Free tiers are ignored (a council's volume would pass them anyway, and they say
 * nothing about the design).
 *
 * <p>Prices in US dollars. They were read from the AWS pricing pages named (Europe (London) region
 * where the page has regions) as published in 2025; this machine cannot reach those pages, so check them
 * before quoting a figure to anyone.
 *
 * <p>The platforms' own charges (X per event received and per DM or post sent, WhatsApp per message sent)
 * are counted apart ({@link #platformCharges}), from what the run posted and what the fake platform
 * accepted, and priced by {@link PlatformCharge}, the same prices the trends' saving subtracts.
 */
final class Costs {

    /** DynamoDB on-demand, Standard table class, Europe (London), per million write request units:
     *  https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the 50% cut of 1 November 2024; 2025). */
    static final double DYNAMODB_PER_MILLION_WRU = 0.7423;
    /** The same page: per million read request units (strongly consistent read of up to 4 KB = 1 RRU). */
    static final double DYNAMODB_PER_MILLION_RRU = 0.1485;
    /** SQS FIFO queues, per million requests (first 100 billion a month); each 64 KB chunk of a request's
     *  payload is billed as one request: https://aws.amazon.com/sqs/pricing/ (2025). */
    static final double SQS_FIFO_PER_MILLION_REQUESTS = 0.50;
    /** Lambda, per million requests: https://aws.amazon.com/lambda/pricing/ (Europe (London), 2025). */
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    /** Lambda, Arm (Graviton), per GB-second, first 7.5 billion GB-s a month: the same page (London, 2025).
     *  SnapStart costs nothing extra for Java functions. */
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    /** API Gateway HTTP APIs, per million requests (first 300 million a month), Europe (London):
     *  https://aws.amazon.com/api-gateway/pricing/ (2025; us-east-1 is $1.00). */
    static final double HTTP_API_PER_MILLION_REQUESTS = 1.11;

    /** One function's measured use. */
    record LambdaUse(String function, long invocations, long billedMillis, int memoryMb) {
        double gbSeconds() {
            return billedMillis / 1000.0 * memoryMb / 1024.0;
        }
    }

    /** Cost lines per message, in dollars, by name. */
    static Map<String, Double> perMessage(long messages, long webhooks, Map<String, CountingProxy.Tally> dynamo,
            Map<String, CountingProxy.Tally> sqs, Iterable<LambdaUse> lambdas) {
        Map<String, Double> lines = new LinkedHashMap<>();
        double[] units = dynamoUnits(dynamo);
        lines.put("DynamoDB writes", units[1] * DYNAMODB_PER_MILLION_WRU / 1e6 / messages);
        lines.put("DynamoDB reads", units[0] * DYNAMODB_PER_MILLION_RRU / 1e6 / messages);
        lines.put("SQS FIFO requests", sqsBilled(sqs) * SQS_FIFO_PER_MILLION_REQUESTS / 1e6 / messages);
        long invocations = 0;
        double gbSeconds = 0;
        for (LambdaUse use : lambdas) {
            invocations += use.invocations();
            gbSeconds += use.gbSeconds();
        }
        lines.put("Lambda requests", invocations * LAMBDA_PER_MILLION_REQUESTS / 1e6 / messages);
        lines.put("Lambda GB-seconds (arm64)", gbSeconds * LAMBDA_ARM_PER_GB_SECOND / messages);
        lines.put("API Gateway HTTP API", webhooks * HTTP_API_PER_MILLION_REQUESTS / 1e6 / messages);
        return lines;
    }

    /**
     * What the platforms would bill for a run: one charge per resident's message posted (X: a DM event or a
     * post event, by the delivery's kind) and one per reply the fake platform accepted for those residents,
     * in the form it recorded (a WhatsApp template, an X public reply, or a message). Meta's are free and
     * do not appear.
     */
    static Map<PlatformCharge, Long> platformCharges(List<Traffic.Delivery> deliveries,
            Function<String, List<FakePlatform.Sent>> sentTo) {
        Map<PlatformCharge, Long> counts = new EnumMap<>(PlatformCharge.class);
        for (Traffic.Delivery d : deliveries) {
            Channel channel = channel(d.channel());
            PlatformCharge.received(channel, d.visibility()).ifPresent(c -> counts.merge(c, 1L, Long::sum));
            for (FakePlatform.Sent sent : sentTo.apply(d.outboxKey())) {
                PlatformCharge.sent(channel(sent.channel()), form(sent.kind())).ifPresent(c -> counts.merge(c, 1L, Long::sum));
            }
        }
        return counts;
    }

    private static Channel channel(String label) {
        return Channel.valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The fake platform's kinds: {@code template} (WhatsApp), {@code public_reply} (X), else a message or private reply. */
    private static PlatformCharge.Form form(String kind) {
        return switch (kind) {
            case "template" -> PlatformCharge.Form.UTILITY_TEMPLATE;
            case "public_reply" -> PlatformCharge.Form.PUBLIC_REPLY;
            default -> PlatformCharge.Form.MESSAGE;
        };
    }

    /**
     * Read and write request units as DynamoDB would bill them, failed conditional writes and cancelled
     * transactions included: computed by the counting proxy from AWS's rules (local/CapacityUnits).
     */
    static double[] dynamoUnits(Map<String, CountingProxy.Tally> dynamo) {
        double read = 0;
        double write = 0;
        for (CountingProxy.Tally t : dynamo.values()) {
            read += t.readUnits();
            write += t.writeUnits();
        }
        return new double[] {read, write};
    }

    /** Billed SQS requests, leaving out empty long polls (a cost of time, not of messages). */
    static long sqsBilled(Map<String, CountingProxy.Tally> sqs) {
        return sqs.values().stream().filter(t -> !t.operation().endsWith("(empty)")).mapToLong(CountingProxy.Tally::billedRequests).sum();
    }

    private Costs() {}
}
