package uk.councilinbox.channels;

import java.util.Locale;

/** The social channels residents write on. Public channels (comments, mentions) are marked per message. */
public enum Channel {
    MESSENGER,
    INSTAGRAM,
    FACEBOOK,
    WHATSAPP,
    X;

    /** Lower-case name, as used in APIs and the fake platform's outbox. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
