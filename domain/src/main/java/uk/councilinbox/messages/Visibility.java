package uk.councilinbox.messages;

/** Whether the resident wrote privately (a DM) or in public (a comment or a mention). */
public enum Visibility {
    PRIVATE,
    PUBLIC
}
