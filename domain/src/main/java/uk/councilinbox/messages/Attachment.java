package uk.councilinbox.messages;

/** A photo or other file the resident sent; {@code ref} is the platform's URL or media id. */
public record Attachment(Kind kind, String ref) {
    public enum Kind { IMAGE, VIDEO, FILE, OTHER }
}
