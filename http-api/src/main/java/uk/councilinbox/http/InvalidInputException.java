package uk.councilinbox.http;

/** Input that is well-formed JSON or a query string but says something not allowed: a 400 with this message. */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
