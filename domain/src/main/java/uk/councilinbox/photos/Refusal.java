package uk.councilinbox.photos;

/** Why a file was not kept; {@link #words()} is shown to staff, e.g. "not a photo or video we accept" and a detail "starts like a PDF". */
public enum Refusal {
    NOT_ACCEPTED_TYPE("not a photo or video we accept (we keep JPEG, PNG, MP4, MOV and 3GP; HEIC photos cannot be opened here)"),
    TOO_LARGE("file too large to keep"),
    TOO_MANY_PIXELS("picture too large to open (too many pixels)"),
    UNREADABLE("damaged or unreadable file");

    private final String words;

    Refusal(String words) {
        this.words = words;
    }

    /** Short plain English, with no personal data. */
    public String words() {
        return words;
    }
}
