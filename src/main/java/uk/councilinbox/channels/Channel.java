package uk.councilinbox.channels;

/** The social channels residents write on. Public channels (comments, mentions) are marked per message. */
public enum Channel {
    MESSENGER,
    INSTAGRAM,
    FACEBOOK,
    WHATSAPP,
    X
}
