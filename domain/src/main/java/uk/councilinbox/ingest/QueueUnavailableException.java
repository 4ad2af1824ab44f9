package uk.councilinbox.ingest;

/** The queue did not accept every message; the caller must let the sender retry. */
public class QueueUnavailableException extends Exception {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
