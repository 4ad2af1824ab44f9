package uk.councilinbox.replies;

public enum ReplyKind {
    ACKNOWLEDGEMENT,
    PROGRESS_UPDATE
}
