package uk.councilinbox.messages;

public enum ReplyKind {
    ACKNOWLEDGEMENT,
    PROGRESS_UPDATE
}
