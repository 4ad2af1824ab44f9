package uk.councilinbox.ingest;

/** The outcome of a platform's webhook verification GET. */
public sealed interface Handshake {

    record Answer(String contentType, String body) implements Handshake {}

    record Refused(String reason) implements Handshake {}
}
