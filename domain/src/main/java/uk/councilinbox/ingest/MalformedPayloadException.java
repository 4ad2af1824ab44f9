package uk.councilinbox.ingest;

/** The body is not the platform's JSON. The message is safe to return to the caller: it never quotes the body. */
public class MalformedPayloadException extends Exception {
    public MalformedPayloadException(String message) {
        super(message);
    }
}
