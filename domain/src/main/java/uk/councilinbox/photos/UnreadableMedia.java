package uk.councilinbox.photos;

/** A file whose structure is broken; the message is a short plain-English detail for staff, never file content. */
final class UnreadableMedia extends Exception {

    UnreadableMedia(String detail) {
        super(detail, null, false, false);
    }
}
