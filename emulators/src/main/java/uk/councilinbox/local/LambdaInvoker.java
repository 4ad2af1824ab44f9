package uk.councilinbox.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Invokes a function with an event, as Lambda's Invoke API does: JSON in, JSON (or an error) out. */
@FunctionalInterface
public interface LambdaInvoker {

    /** A function's answer: its JSON output, or its error report. */
    record Result(boolean error, String body) {}

    CompletableFuture<Result> invoke(String eventJson, Duration timeout);
}
