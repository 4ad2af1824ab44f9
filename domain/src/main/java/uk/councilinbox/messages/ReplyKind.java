package uk.councilinbox.messages;

/** What a reply to a resident is; the platforms' rules depend on whether a person wrote it. */
public enum ReplyKind {
    /** Automated: sent when a message opens or joins a case. */
    ACKNOWLEDGEMENT,
    /** Automated: the templated news of a status change. */
    PROGRESS_UPDATE,
    /** Written by a member of staff for this resident (the only kind Messenger's HUMAN_AGENT tag may carry). */
    STAFF_REPLY
}
